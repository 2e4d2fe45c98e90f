"""Knowledge files -> frozen entries. The one loader that owns defaults."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from . import jsoncache, paths

ID_FORMAT = re.compile(r"^SIG\d{4}$")  # ids are forever: SIG + four digits, the first names the area
AREAS = ("gallery", "image-definition", "image-version", "vm-or-scale-set", "disk-from-image-version", "general")
AREA_PREFIX = {"1": "gallery", "2": "image-definition", "3": "image-version", "4": "vm-or-scale-set",
               "5": "disk-from-image-version", "9": "general"}
KINDS = ("error", "symptom", "guidance")
TARGETS = ("gallery", "image", "version", "vm", "vmss", "disk", "none")
OPERATIONS = ("create", "update", "delete", "show", "deploy", "replicate", "share")
ORIGINS = ("service", "az-cli", "powershell", "msrest")
SOURCES = ("az", "az-debug", "powershell", "terraform", "packer", "arm", "sdk", "plain")
# Values read from the failing request, usable as {placeholders} in prose and commands.
CONTEXT_VARIABLES = ("subscriptionId", "resourceGroup", "galleryName", "imageDefinitionName", "versionName",
                     "vmName", "vmssName", "diskName", "location")
# Prose fields a person reads: these go through gettext.
PROSE_FIELDS = ("title", "cause", "hidden_cause", "workaround")
STEP_PROSE_FIELDS = ("text", "question", "if_unsettled")


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    az: str = ""
    powershell: str = ""
    question: str = ""
    on_yes: str = "resolved"
    on_no: str = "next"
    if_unsettled: str = ""


@dataclass(frozen=True)
class Sample:
    source: str
    text: str


@dataclass(frozen=True)
class Entry:
    id: str
    area: str
    title: str
    cause: str
    workaround: str
    path: Path
    status: str = "active"
    superseded_by: str = ""
    kind: str = "error"
    operations: tuple[str, ...] = ()
    target: str = "none"
    origin: str = "service"
    codes: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()  # English search phrases users type; each language has its own in keywords
    hidden_cause: str = ""
    steps: tuple[Step, ...] = ()
    samples: tuple[Sample, ...] = ()
    neighbours: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def active(self) -> bool:
        return self.status == "active"


class CatalogError(Exception):
    """A knowledge file that cannot be read at all (bad TOML, wrong types)."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _strings(value) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def entry_from_dict(data: dict, path: Path) -> Entry:
    """Apply defaults in one place; the validator reports what is wrong with `raw`."""
    steps = tuple(
        Step(
            id=_text(s.get("id")),
            text=_text(s.get("text")),
            az=_text(s.get("az")),
            powershell=_text(s.get("powershell")),
            question=_text(s.get("question")),
            on_yes=_text(s.get("on_yes")) or "resolved",
            on_no=_text(s.get("on_no")) or "next",
            if_unsettled=_text(s.get("if_unsettled")),
        )
        for s in data.get("steps", []) if isinstance(s, dict)
    )
    samples = tuple(
        Sample(source=_text(s.get("source")) or "plain", text=s.get("text", "") if isinstance(s.get("text"), str) else "")
        for s in data.get("samples", []) if isinstance(s, dict)
    )
    return Entry(
        id=_text(data.get("id")),
        area=_text(data.get("area")),
        title=_text(data.get("title")),
        cause=_text(data.get("cause")),
        workaround=_text(data.get("workaround")),
        path=path,
        status=_text(data.get("status")) or "active",
        superseded_by=_text(data.get("superseded_by")),
        kind=_text(data.get("kind")) or "error",
        operations=_strings(data.get("operations")),
        target=_text(data.get("target")) or "none",
        origin=_text(data.get("origin")) or "service",
        codes=_strings(data.get("codes")),
        templates=tuple(t.strip() for t in _strings(data.get("templates"))),
        keywords=_strings(data.get("keywords")),
        phrases=_strings(data.get("phrases")),
        hidden_cause=_text(data.get("hidden_cause")),
        steps=steps,
        samples=samples,
        neighbours=_strings(data.get("neighbours")),
        raw=data,
    )


def read_entry(path: Path) -> Entry:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(path, f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(path, f"cannot be read: {exc}") from None
    return entry_from_dict(data, path)


def entry_files(directory: Path) -> Iterator[Path]:
    yield from sorted(p for p in directory.glob("*.toml") if p.is_file())


def user_knowledge_dirs(extra: Iterable[str] = ()) -> list[Path]:
    """Directories that add to or override the bundled catalog: --knowledge, then SIGDOCTOR_KNOWLEDGE."""
    dirs = [Path(d) for d in extra]
    env = os.environ.get("SIGDOCTOR_KNOWLEDGE", "")
    dirs += [Path(d) for d in env.split(os.pathsep) if d]
    return dirs


@dataclass
class Catalog:
    entries: dict[str, Entry]
    directories: tuple[Path, ...]

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id.strip().upper())

    def active(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.active]

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self):
        return len(self.entries)


def _read_all(files: list[Path]) -> list[tuple[Path, dict]]:
    """Parsed TOML of every file; parsing ~90 files costs more than the rest of a lookup, so it is cached."""
    cached = jsoncache.load("catalog", files)
    if isinstance(cached, list) and [c[0] for c in cached] == [str(p) for p in files]:
        return [(Path(p), data) for p, data in cached]
    parsed = []
    for path in files:
        try:
            with open(path, "rb") as fh:
                parsed.append((path, tomllib.load(fh)))
        except tomllib.TOMLDecodeError as exc:
            raise CatalogError(path, f"not valid TOML: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogError(path, f"cannot be read: {exc}") from None
    jsoncache.store("catalog", files, [(str(p), d) for p, d in parsed])
    return parsed


def load_catalog(extra_dirs: Iterable[Path] = ()) -> Catalog:
    """Bundled entries first; later directories override entries with the same id."""
    directories = (paths.knowledge_dir(), *extra_dirs)
    files = [p for d in directories for p in entry_files(Path(d))]
    entries: dict[str, Entry] = {}
    for path, data in _read_all(files):
        entry = entry_from_dict(data, path)
        entries[entry.id or path.stem] = entry
    return Catalog(entries=dict(sorted(entries.items())), directories=tuple(Path(d) for d in directories))
