"""`sigdoctor check`: every problem in a catalog, as `path: field: message`, all at once."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import catalog as cat
from .catalog import Catalog, CatalogError, Entry
from .templates import PLACEHOLDER, PROSE_PLACEHOLDER, compile_template, placeholders_of
from .terminal import UNSAFE, safe

STEP_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
KNOWN_FIELDS = {"id", "status", "superseded_by", "kind", "area", "operations", "target", "origin", "codes",
                "templates", "keywords", "phrases", "title", "cause", "hidden_cause", "workaround", "steps", "samples",
                "neighbours"}
STEP_FIELDS = {"id", "text", "az", "powershell", "question", "on_yes", "on_no", "if_unsettled"}
SAMPLE_FIELDS = {"source", "text"}
STRING_FIELDS = ("id", "status", "superseded_by", "kind", "area", "target", "origin", "title", "cause",
                 "hidden_cause", "workaround")
LIST_FIELDS = ("operations", "codes", "templates", "keywords", "phrases", "neighbours")
# Limits that keep a user's catalog from costing what a log must not: a file is read whole,
# and every template is tried on every error message.
MAX_FILE_BYTES = 256 * 1024
MAX_TEMPLATE_CHARS = 500
MAX_PLACEHOLDERS = 8
# What may stand between two placeholders without telling them apart (a quote does: the
# compiled pattern ends a value at a quote when no words follow it).
_NO_TEXT = "[\\s…]*"
_ADJACENT = re.compile(f"<[A-Za-z][A-Za-z0-9_]*>{_NO_TEXT}(?:<[A-Za-z]|…)|…{_NO_TEXT}<[A-Za-z]")


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str

    def __str__(self) -> str:
        return safe(f"{self.path}: {self.message}")  # both may quote what a file says


def _types(raw: dict) -> list[str]:
    """Wrong types, which the loader would otherwise quietly turn into defaults."""
    out = []
    for key in STRING_FIELDS:
        if key in raw and not isinstance(raw[key], str):
            out.append(f"{key}: must be a string, not {type(raw[key]).__name__}")
    for key in LIST_FIELDS:
        value = raw.get(key, [])
        if not isinstance(value, list):
            out.append(f"{key}: must be a list of strings")
            continue
        out += [f"{key}[{i}]: must be a string" for i, v in enumerate(value, 1) if not isinstance(v, str)]
    for key, fields in (("steps", STEP_FIELDS), ("samples", SAMPLE_FIELDS)):
        value = raw.get(key, [])
        if not isinstance(value, list):
            out.append(f"{key}: must be a list of tables ([[{key}]])")
            continue
        for i, item in enumerate(value, 1):
            if not isinstance(item, dict):
                out.append(f"{key}[{i}]: must be a table ([[{key}]])")
                continue
            for field in sorted(set(item) - fields):
                out.append(f"{key}[{i}].{field}: unknown field")
            for field in sorted(set(item) & fields):
                if not isinstance(item[field], str):
                    out.append(f"{key}[{i}].{field}: must be a string, not {type(item[field]).__name__}")
    return out


def _controls(raw: dict) -> list[str]:
    """Control characters anywhere but in samples and neighbours (those are logs: they may)."""
    out = []

    def visit(where: str, value) -> None:
        if isinstance(value, str):
            if m := UNSAFE.search(value):  # text we print must not steer the terminal
                out.append(f"{where}: contains the control character U+{ord(m.group(0)):04X}")
        elif isinstance(value, list):
            for i, item in enumerate(value, 1):
                visit(f"{where}[{i}]", item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "text" or not where.startswith("samples"):
                    visit(f"{where}.{key}" if where else str(key), item)

    visit("", {k: v for k, v in raw.items() if k != "neighbours"})
    return out


def _schema(entry: Entry) -> list[str]:
    raw, out = entry.raw, []
    for key in sorted(set(raw) - KNOWN_FIELDS):
        out.append(f"{key}: unknown field")
    if not cat.ID_FORMAT.match(entry.id):
        out.append(f"id: {entry.id!r} is not SIG followed by four digits")
    elif entry.id != entry.path.stem:
        out.append(f"id: {entry.id} does not match the file name {entry.path.name}")
    elif cat.AREA_PREFIX.get(entry.id[3]) != entry.area:
        out.append(f"area: {entry.area!r} does not fit id {entry.id} (expected {cat.AREA_PREFIX.get(entry.id[3])!r})")
    for key, allowed, value in (("area", cat.AREAS, entry.area), ("kind", cat.KINDS, entry.kind),
                                ("target", cat.TARGETS, entry.target), ("origin", cat.ORIGINS, entry.origin),
                                ("status", ("active", "retired"), entry.status)):
        if value not in allowed:
            out.append(f"{key}: {value!r} is not one of {', '.join(allowed)}")
    for op in entry.operations:
        if op not in cat.OPERATIONS:
            out.append(f"operations: {op!r} is not one of {', '.join(cat.OPERATIONS)}")
    if not entry.operations:
        out.append("operations: at least one is needed")
    for key in ("title", "cause", "workaround"):
        if not getattr(entry, key):
            out.append(f"{key}: missing")
    if entry.title.endswith("."):
        out.append("title: no final period")
    if not entry.steps:
        out.append("steps: at least one step is needed")
    if entry.kind == "error":
        if not entry.templates:
            out.append("templates: an error entry needs at least one message template")
        if entry.active and len(entry.samples) < 2:
            out.append(f"samples: an active error entry needs at least two (has {len(entry.samples)})")
    if entry.status == "retired" and not entry.superseded_by:
        out.append("superseded_by: a retired entry names the entry that replaces it")
    for i, raw_sample in enumerate(raw.get("samples", []) if isinstance(raw.get("samples"), list) else [], 1):
        if isinstance(raw_sample, dict):
            for key in sorted(set(raw_sample) - {"source", "text"}):
                hint = " (top-level fields must come before the first [[samples]] table)" if key in KNOWN_FIELDS else ""
                out.append(f"samples[{i}].{key}: unknown field{hint}")
    for i, sample in enumerate(entry.samples, 1):
        if sample.source not in cat.SOURCES:
            out.append(f"samples[{i}].source: {sample.source!r} is not one of {', '.join(cat.SOURCES)}")
        if not sample.text.strip():
            out.append(f"samples[{i}].text: empty")
    return out


def _steps(entry: Entry) -> list[str]:
    out, ids = [], [s.id for s in entry.steps]
    for i, step in enumerate(entry.steps, 1):
        if not STEP_ID.match(step.id):
            out.append(f"steps[{i}].id: {step.id!r} must be short kebab-case")
        if ids.count(step.id) > 1:
            out.append(f"steps[{i}].id: {step.id!r} is used twice")
        if not step.text:
            out.append(f"steps[{i}].text: missing")
        for key, allowed in (("on_yes", {"resolved", "next", "end"}), ("on_no", {"next", "end", "resolved"})):
            value = getattr(step, key)
            if value not in allowed and value not in ids:
                out.append(f"steps[{i}].{key}: {value!r} is neither a step id nor one of {', '.join(sorted(allowed))}")
    return out


def _templates(entry: Entry) -> list[str]:
    out = []
    for i, template in enumerate(entry.templates, 1):
        if len(template) > MAX_TEMPLATE_CHARS:
            out.append(f"templates[{i}]: {len(template)} characters; at most {MAX_TEMPLATE_CHARS}")
            continue  # the other checks would only repeat that it is not a message
        if len(placeholders_of(template)) > MAX_PLACEHOLDERS:
            out.append(f"templates[{i}]: {len(placeholders_of(template))} placeholders; at most {MAX_PLACEHOLDERS}")
        if _ADJACENT.search(_ellipses(template)):
            out.append(f"templates[{i}]: two placeholders (or a placeholder and …) with no text between them "
                       "cannot be told apart")
        if len(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", template))) < 3:
            out.append(f"templates[{i}]: too little fixed wording to match safely")
        try:
            _ = compile_template(template).pattern  # compile now: report it here, not at match time
        except re.error as exc:
            out.append(f"templates[{i}]: does not compile: {exc}")
    return out


def _ellipses(template: str) -> str:
    return template.replace("...", "…")


def _placeholders(entry: Entry) -> list[str]:
    known = {p for t in entry.templates for p in placeholders_of(t)} | set(cat.CONTEXT_VARIABLES)
    out = []
    texts = [(k, getattr(entry, k)) for k in cat.PROSE_FIELDS]
    for i, step in enumerate(entry.steps, 1):
        texts += [(f"steps[{i}].{k}", getattr(step, k)) for k in (*cat.STEP_PROSE_FIELDS, "az", "powershell")]
    for where, text in texts:
        for name in PROSE_PLACEHOLDER.findall(text or ""):
            if name not in known:
                out.append(f"{where}: placeholder {{{name}}} is neither in the templates nor a request value")
    return out


def _duplicates(entries: list[Entry]) -> list[Problem]:
    seen: dict[tuple[str, str], Entry] = {}
    out = []
    for entry in entries:
        if not entry.active:
            continue
        for template in entry.templates:
            key = (entry.area, compile_template(template).normalized)
            other = seen.setdefault(key, entry)
            if other is not entry:
                out.append(Problem(entry.path, f"templates: same wording as {other.id} in area {entry.area}"))
    return out


def _samples(catalog: Catalog) -> list[Problem]:
    from .diagnose import diagnose_text
    from .matcher import Matcher

    matcher, out = Matcher(catalog), []
    for entry in catalog.active():
        for i, sample in enumerate(entry.samples, 1):
            findings = diagnose_text(sample.text, catalog, matcher)
            best = [f.result.best.entry_id for f in findings if f.result.best]
            if not findings:
                out.append(Problem(entry.path, f"samples[{i}]: no error found in the sample"))
            elif not best or best[0] != entry.id:
                got = best[0] if best else "nothing in the catalog"
                out.append(Problem(entry.path, f"samples[{i}]: diagnosed as {got}, not {entry.id}"))
            else:
                first = next(f for f in findings if f.result.best)
                if first.result.ambiguous:
                    # Winning a tie by sort order is luck: the sample must carry the context.
                    others = ", ".join(c.entry_id for c in first.result.close)
                    out.append(Problem(entry.path, f"samples[{i}]: a tie with {others}; nothing in the sample "
                                                   "says which resource or operation it was"))
        for i, text in enumerate(entry.neighbours, 1):
            findings = diagnose_text(text, catalog, matcher)
            if any(f.result.best and f.result.best.entry_id == entry.id for f in findings):
                out.append(Problem(entry.path, f"neighbours[{i}]: diagnosed as {entry.id}, which it must not be"))
    return out


def _read(path: Path) -> tuple[Entry | None, str]:
    """An entry, or why the file cannot be one. TOML is data: nothing in it is ever run."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, f"cannot be read: {exc.strerror}"
    if size > MAX_FILE_BYTES:
        return None, f"{size} bytes; an entry file is at most {MAX_FILE_BYTES}"
    try:
        return cat.read_entry(path), ""
    except CatalogError as exc:
        return None, exc.problem
    except RecursionError:  # tomllib recurses into nested arrays and tables
        return None, "not valid TOML: nested too deeply"


def check_directory(directory: Path, with_samples: bool = True) -> list[Problem]:
    """Validate one catalog directory (the bundled one or a user's)."""
    problems: list[Problem] = []
    entries: list[Entry] = []
    by_id: dict[str, list[Entry]] = defaultdict(list)
    files = list(cat.entry_files(directory))
    if not files:
        return [Problem(directory, "no *.toml entries here")]
    for path in files:
        entry, trouble = _read(path)
        if entry is None:
            problems.append(Problem(path, trouble))
            continue
        entries.append(entry)
        by_id[entry.id].append(entry)
        types = _types(entry.raw)  # the other checks read typed fields: skip them when types are wrong
        messages = types + _controls(entry.raw) + _schema(entry)
        messages += [] if types else _steps(entry) + _templates(entry) + _placeholders(entry)
        problems += [Problem(path, message) for message in messages]
    for entry_id, same in by_id.items():
        for entry in same[1:]:
            problems.append(Problem(entry.path, f"id: {entry_id} is also used by {same[0].path.name}"))
    ids = {e.id: e for e in entries}
    for entry in entries:
        if entry.superseded_by and (entry.superseded_by not in ids or not ids[entry.superseded_by].active):
            problems.append(Problem(entry.path, f"superseded_by: {entry.superseded_by} is not an active entry"))
    problems += _duplicates(entries)
    if with_samples and not problems:
        # Samples are only meaningful once every entry loads and compiles.
        problems += _samples(Catalog({e.id: e for e in entries}, (directory,)))
    return problems
