"""What every parser produces (Finding) and the interface it implements (Parser)."""

from __future__ import annotations

from dataclasses import dataclass

from .clean import Line
from .context import Context
from .record import ErrorRecord, Request
from .text import clean_message


@dataclass
class Finding:
    """An ErrorRecord plus what the collector needs to dedupe and judge it."""

    record: ErrorRecord
    from_trace: bool = False  # only seen in an HTTP response body so far
    mutations: int = 0  # Context.mutations when found
    sequence: int = 0  # Context.sequence when found
    key: str = ""  # dedupe key, set by the collector
    weak: bool = False  # a bare sentence with no code: dropped when a specific error sits close by


def finding(ctx: Context, source: str, line: int, message: str, code: str = "", target: str = "",
            request: Request | None = None, from_trace: bool = False, weak: bool = False) -> Finding:
    record = ctx.record(source, line, clean_message(message), code.strip(), target.strip(), request)
    return Finding(record, from_trace, ctx.mutations, ctx.sequence, weak=weak)


class Parser:
    """One source format. `feed` sees every line; `claimed` says an earlier parser already used it,
    in which case a parser may only close what it has open. Returns (findings, claims the line)."""

    source = ""
    fallback = False  # only heard when no other parser found anything (see scan_with)

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        raise NotImplementedError

    def close(self, ctx: Context) -> list[Finding]:
        return []

    def continue_block(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        """For parsers that collect a `Code:/Message:` field block (`self.block`, `self._finish`):
        the line extends the open block (claimed), or the block ends and its findings come out."""
        block = getattr(self, "block", None)
        if not block:
            return [], False
        if not claimed and block.add(line):
            return [], True
        return self._finish(ctx), False

    def idle(self) -> bool:
        """Inside nothing of its own: the lines of a quiet az request (skim.py) would neither change
        this parser nor make it find anything. False unless a parser knows."""
        return False
