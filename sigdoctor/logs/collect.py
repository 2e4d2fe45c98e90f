"""Dedupe, merge and judge findings, and hand them out in the order they first appeared.

az prints one error up to three times (response body, traceback, ERROR line and its
az_command_data_logger copy); PowerShell prints body, exception and QoS event. Copies share a
normalised message key and are merged into the first, filling its empty fields. A finding waits
WINDOW lines for later copies (and for the requests that show it was harmless) before it is emitted.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict, deque
from dataclasses import fields

from .arm_json import is_generic
from .base import Finding
from .context import Context, status_number
from .record import ErrorRecord, Request
from .text import is_runner_noise, message_key

WINDOW = 5000  # lines a finding waits for later copies before it is emitted
NEARBY = 2000  # a generic wrapper is dropped when a specific error lies this close
NEARBY_WEAK = 150  # a bare ERROR sentence only when the specific error is part of the same output
MAX_PENDING = 1000
MAX_EMITTED_KEYS = 20000
_FILLED = ("code", "target", "command", "target_hint", "operation_hint")
_REQUEST_FIELDS = [f.name for f in fields(Request)]


class Collector:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.pending: list[Finding] = []  # sorted by line
        self.by_key: dict[str, Finding] = {}
        self.emitted: OrderedDict[str, None] = OrderedDict()
        self.specific_lines: deque[int] = deque(maxlen=64)  # lines of emitted specific errors
        self.seen_any = False

    def add(self, found: Finding) -> None:
        self.seen_any = True
        record = found.record
        if is_runner_noise(record.message):
            return
        found.key = message_key(record.message, record.code)
        kept = self.by_key.get(found.key) or self._similar(found)
        if kept is not None:
            self._merge(kept, found)
            return
        if found.key in self.emitted:
            return  # a late copy of something already reported
        lines = [f.record.line for f in self.pending]
        self.pending.insert(bisect.bisect_right(lines, record.line), found)
        self.by_key[found.key] = found

    def flush(self, current_line: int = 0, final: bool = False) -> list[ErrorRecord]:
        """Records whose window has passed (all of them when final), judged and in input order."""
        self.pending.sort(key=lambda f: f.record.line)
        cutoff = current_line - WINDOW
        overflow = len(self.pending) - MAX_PENDING
        ready = [f for i, f in enumerate(self.pending) if final or i < overflow or f.record.line < cutoff]
        if not ready:
            return []
        ready_ids = {id(f) for f in ready}
        self.pending = [f for f in self.pending if id(f) not in ready_ids]
        for found in ready:
            self.by_key.pop(found.key, None)
            self._remember(found.key)
        kept = [f for f in ready if not self._harmless(f)]
        specific = [f.record.line for f in kept + self.pending if not _vague(f)]
        specific += list(self.specific_lines)
        out = []
        for found in kept:
            record = found.record
            reach = NEARBY_WEAK if found.weak else NEARBY
            if _vague(found) and any(abs(line - record.line) <= reach for line in specific):
                continue
            if not _vague(found):
                self.specific_lines.append(record.line)
            out.append(record)
        return out

    def _harmless(self, found: Finding) -> bool:
        """Seen only in a response body, and the run went on: an existence check or a retried call."""
        if not found.from_trace:
            return False
        request = found.record.request
        if status_number(request.status) == "404" and request.method in ("GET", "HEAD") and (
                self.ctx.mutations > found.mutations):
            return True
        return self.ctx.succeeded_since(request.method, request.resource_id, found.sequence)

    def _similar(self, found: Finding) -> Finding | None:
        """A pending copy under a different key: a cut-off copy of the message, or code-only vs full."""
        record = found.record
        code = record.code.lower()
        for other in reversed(self.pending):
            other_code = other.record.code.lower()
            if not record.message or not other.record.message:
                if code and code == other_code:
                    return other
                continue
            shorter, longer = sorted((found.key, other.key), key=len)
            if len(shorter) >= 40 and longer.startswith(shorter):
                return other
        return None

    def _merge(self, kept: Finding, copy: Finding) -> None:
        old_key = kept.key
        into, other = kept.record, copy.record
        if len(other.message) > len(into.message):  # the copy that was not cut off
            into.message = other.message
        for name in _FILLED:
            if not getattr(into, name):
                setattr(into, name, getattr(other, name))
        for name in _REQUEST_FIELDS:
            if not getattr(into.request, name):
                setattr(into.request, name, getattr(other.request, name))
        into.line = min(into.line, other.line)
        kept.from_trace = kept.from_trace and copy.from_trace
        kept.weak = kept.weak and copy.weak
        kept.key = message_key(into.message, into.code)
        if kept.key != old_key:
            self.by_key.pop(old_key, None)
            self.by_key[kept.key] = kept

    def _remember(self, key: str) -> None:
        self.emitted[key] = None
        if len(self.emitted) > MAX_EMITTED_KEYS:
            self.emitted.popitem(last=False)


def _vague(found: Finding) -> bool:
    """A wrapper ("At least one resource deployment operation failed") or a bare sentence."""
    record = found.record
    return bool(record.message) and (found.weak or is_generic(record.code, record.message))
