"""English message templates -> tolerant, bounded regular expressions.

A template is Azure's wording with `<name>` placeholders. The compiled pattern
tolerates what pastes do to text (whitespace runs, optional quotes, trailing
period, case) and captures each placeholder by name. Every quantifier is bounded
and every placeholder is followed by literal text, so a search costs at most a
constant times the input length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PLACEHOLDER = re.compile(r"<([A-Za-z][A-Za-z0-9_]*)>")
PROSE_PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_QUOTES = "'\"\u2018\u2019\u201c\u201d`"
_QUOTE_CLASS = "[" + re.escape(_QUOTES) + "]"
MAX_VALUE = 400  # longest placeholder value we capture (resource ids are < 300)


def _value_pattern(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith("name") or lowered in {"resourcegroup", "character"}:
        # Names never contain a slash or white space; this keeps a gallery name
        # from swallowing "gallery/definition".
        return r"[^\s/'\"]{1,260}"
    if lowered.startswith(("region", "location", "sourceregion")) or lowered in {"number", "lun"}:
        return r"[^\s'\"\],;]{1,80}"
    return r".{1,%d}?" % MAX_VALUE  # noqa: UP031 - braces would need escaping


def _literal(text: str) -> str:
    out = []
    for token in re.split(r"(\s+)", text):
        if not token:
            continue
        if token.isspace():
            out.append(r"\s*")  # re-wrapped pastes both add and lose spaces
            continue
        for ch in token:
            out.append(_QUOTE_CLASS + "?" if ch in _QUOTES else re.escape(ch))
    return "".join(out)


@dataclass
class CompiledTemplate:
    template: str
    source: str  # the regular expression, compiled on first use (most templates never run)
    placeholders: tuple[str, ...]
    group_names: dict[str, str]  # regex group -> placeholder name
    literal_chars: int  # how much fixed text the template has: its specificity
    anchor: str  # longest literal word run, lowercase: a cheap pre-filter
    normalized: str  # wording without placeholders, for fuzzy matching and duplicate checks
    _pattern: re.Pattern | None = None

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            self._pattern = re.compile(self.source, re.IGNORECASE | re.DOTALL)
        return self._pattern


def placeholders_of(template: str) -> list[str]:
    return PLACEHOLDER.findall(template)


def normalize_words(text: str) -> str:
    """Lowercase words only: the shape two templates are compared in."""
    text = PLACEHOLDER.sub(" ", text)
    text = re.sub(r"[^\w]+", " ", text.lower())
    return " ".join(text.split())


@lru_cache(maxsize=2048)
def compile_template(template: str) -> CompiledTemplate:
    body = template.strip()
    body = _ELLIPSIS.sub(" … ", body).strip()
    if body.endswith("…"):
        body = body[:-1].rstrip()  # "…" at the end: anything may follow, search needs nothing
    body = body.rstrip(". ")
    parts = re.split(r"(<[A-Za-z][A-Za-z0-9_]*>|…)", body)
    regex: list[str] = []
    names: list[str] = []
    groups: dict[str, str] = {}
    literal_chars = 0
    literals: list[str] = []
    for part in parts:
        if not part:
            continue
        m = PLACEHOLDER.fullmatch(part)
        if m:
            name = m.group(1)
            group = f"p{len(groups)}"
            groups[group] = name
            if name not in names:
                names.append(name)
            # Values may arrive quoted or not; keep the quotes out of the capture.
            regex.append(f"{_QUOTE_CLASS}?(?P<{group}>{_value_pattern(name)}){_QUOTE_CLASS}?")
        elif part == "…":
            regex.append(r".{0,%d}?" % MAX_VALUE)  # noqa: UP031
        else:
            regex.append(_literal(part))
            literal_chars += len(part.strip())
            literals.append(part)
    regex.append(r"\s*\.?")
    words = [w for lit in literals for w in re.findall(r"[A-Za-z0-9]{3,}", lit)]
    anchor = max(words, key=len).lower() if words else ""
    return CompiledTemplate(
        template=template,
        source="".join(regex),
        placeholders=tuple(names),
        group_names=groups,
        literal_chars=literal_chars,
        anchor=anchor,
        normalized=normalize_words(template),
    )


def captures(compiled: CompiledTemplate, match: re.Match) -> dict[str, str]:
    """Placeholder values from a match; the first occurrence of a name wins."""
    values: dict[str, str] = {}
    for group, name in compiled.group_names.items():
        value = match.group(group)
        if value is not None and name not in values:
            values[name] = value.strip().strip(_QUOTES).strip()
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """Put known values into {placeholders}; unknown ones show as <name>."""
    return PROSE_PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or f"<{m.group(1)}>", text)
