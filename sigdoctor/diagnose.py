"""The core of `diagnose`: text in, findings out. Never prints."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .catalog import CONTEXT_VARIABLES, Catalog
from .logs import scan_chunks, scan_lines
from .logs.record import ErrorRecord
from .matcher import Matcher, MatchResult
from .resource_ids import find_resource_id, split_gallery_path, variables_from_id


@dataclass(frozen=True)
class Finding:
    record: ErrorRecord
    result: MatchResult
    variables: dict  # template captures + names read from the request, for personalised text

    @property
    def known(self) -> bool:
        return self.result.best is not None


def collect_variables(record: ErrorRecord, result: MatchResult) -> dict[str, str]:
    values: dict[str, str] = {}
    # Context first, then what the message itself says: the message is about the
    # user's resource, the request may be a polling URL.
    values.update(variables_from_id(record.request.resource_id or find_resource_id(record.request.url)))
    if result.best is not None:
        captured = dict(result.best.variables)
        for name, value in captured.items():
            if "/" in value and name.lower().endswith(("id", "name")):
                # An id in the message (often the *source*) only fills what the
                # request did not say; it never renames the user's gallery group.
                found = {k: v for k, v in variables_from_id(value).items() if k != "location"}
                found.update(split_gallery_path(value) if not value.startswith("/") else {})
                for key, val in found.items():
                    values.setdefault(key, val)
        values.update({k: v for k, v in captured.items() if v})
        for name in ("region", "region_1", "location"):
            if captured.get(name) and "location" not in values:
                values["location"] = captured[name]
    return {k: v for k, v in values.items() if v}


def _words(message: str) -> str:
    return " ".join(re.findall(r"\w+", message.lower()))


def without_fragments(records: list[ErrorRecord]) -> list[ErrorRecord]:
    """A copy of an error cut short by a wrap or a truncation ("The", "The image version name is
    inv") is the same error, not another one: keep the whole message only."""
    keys = [_words(r.message) for r in records]
    ordered = sorted(set(keys))  # a key's longer continuation, if any, sorts right after it
    fragments = {a for a, b in zip(ordered, ordered[1:], strict=False) if b.startswith(a)}
    return [r for r, key in zip(records, keys, strict=True) if key not in fragments]


def diagnose_lines(lines: Iterable[str], catalog: Catalog, matcher: Matcher | None = None) -> list[Finding]:
    return _diagnose(scan_lines(lines), catalog, matcher)


def diagnose_chunks(chunks: Iterable[str], catalog: Catalog, matcher: Matcher | None = None) -> list[Finding]:
    """diagnose_lines for reader.iter_chunks: the same findings, read much faster."""
    return _diagnose(scan_chunks(chunks), catalog, matcher)


def _diagnose(records: Iterable[ErrorRecord], catalog: Catalog, matcher: Matcher | None) -> list[Finding]:
    matcher = matcher or Matcher(catalog)
    findings = []
    for record in without_fragments(list(records)):
        result = matcher.match(record)
        findings.append(Finding(record, result, collect_variables(record, result)))
    return findings


def diagnose_text(text: str, catalog: Catalog, matcher: Matcher | None = None) -> list[Finding]:
    return diagnose_lines(text.splitlines(keepends=True), catalog, matcher)


__all__ = ["CONTEXT_VARIABLES", "Finding", "diagnose_chunks", "diagnose_lines", "diagnose_text"]
