"""One scan's state, fed a line at a time: clean -> blocks -> parsers -> collect.

`read_chunks` feeds it from chunks of text and hands the quiet middle of an az --debug trace to
skim.py, which passes over whole runs of successful requests without reading them line by line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .az_debug import AzDebugParser
from .base import Parser
from .blocks import BlockGrouper
from .clean import Cleaner, Line
from .collect import Collector
from .context import Context
from .record import ErrorRecord
from .skim import REQUEST_START, Skimmer

FLUSH_EVERY = 500  # lines between attempts to hand out finished records
SHAPED_LOG = 5  # recognised lines that make an input a log (a typed `az ...` line alone does not)
CARRY_MAX = 1 << 20  # text kept for the next chunk while a run of requests may go on in it


class Scan:
    """Pipeline state; each call returns the records the collector hands out meanwhile."""

    def __init__(self, parsers: list[Parser]) -> None:
        self.parsers = parsers
        self.ctx = Context()
        self.collector = Collector(self.ctx)
        self.cleaner = Cleaner()
        self.grouper = BlockGrouper()
        self.number = 0  # input lines read
        self.last_flush = 0
        self.shaped = 0  # lines structured parsers recognised: a log, not a bare paste, when there are several
        # Skipping is proven for az_debug reading first and the parsers that say when they are at rest.
        self.skims = bool(parsers) and isinstance(parsers[0], AzDebugParser)

    def line(self, raw: str) -> list[ErrorRecord]:
        self.number += 1
        return self._group(self.cleaner.push(self.number, raw))

    def end_of_input(self) -> list[ErrorRecord]:
        return self._group(self.cleaner.finish()) + self._feed_all(self.grouper.finish())

    def release(self) -> list[ErrorRecord]:
        """Feed what the cleaner and the JSON grouper hold back: the next line starts a record,
        which would release it just so."""
        return self._group(self.cleaner.release()) + self._feed_all(self.grouper.finish())

    def at_rest(self) -> bool:
        """Nothing waits for a later line: no finding in the collector's window, no parser inside a
        block of its own, nothing held back. Then a quiet az request changes nothing but the context."""
        return (self.skims and not self.collector.pending and self.cleaner.holds_nothing
                and not self.grouper.block and all(parser.idle() for parser in self.parsers))

    def skip(self, count: int) -> None:
        """`count` lines of quiet az requests passed over (see skim.py), the scan at rest before them."""
        first, self.number = self.number + 1, self.number + count
        # The collector would have been asked at each FLUSH_EVERY-th line, with nothing to hand out.
        if first - self.last_flush >= FLUSH_EVERY:
            self.last_flush = first
        self.last_flush += (self.number - self.last_flush) // FLUSH_EVERY * FLUSH_EVERY
        self.shaped += count  # nearly all of them az_debug's; only reaching SHAPED_LOG matters

    def close(self) -> list[ErrorRecord]:
        ctx, collector = self.ctx, self.collector
        try:
            for parser in self.parsers:
                if not parser.fallback:
                    for item in _close(parser, ctx):
                        collector.add(item)
            # Bare sentences are read only from a bare paste: in a recognised log with no
            # error, "Cannot enable color." or "Failed logon auditing: enabled" is chatter.
            if not collector.seen_any and self.shaped < SHAPED_LOG:
                for parser in self.parsers:
                    if parser.fallback:
                        for item in _close(parser, ctx):
                            collector.add(item)
            return collector.flush(final=True)
        except Exception:  # noqa: BLE001
            return []

    def _group(self, lines: list[Line]) -> list[ErrorRecord]:
        return [record for line in lines for record in self._feed_all(self.grouper.push(line))]

    def _feed_all(self, lines: list[Line]) -> list[ErrorRecord]:
        return [record for line in lines for record in self._feed(line)]

    def _feed(self, line: Line) -> list[ErrorRecord]:
        claimed = False
        for parser in self.parsers:
            found, took = _feed(parser, line, self.ctx, claimed)
            for item in found:
                self.collector.add(item)
            claimed = claimed or took
            self.shaped += took and not parser.fallback
        if line.number - self.last_flush >= FLUSH_EVERY:
            self.last_flush = line.number
            return self.collector.flush(line.number)
        return []


def read_lines(scan: Scan, lines: Iterable[str]) -> Iterator[ErrorRecord]:
    for raw in lines:
        yield from scan.line(raw)


def read_chunks(scan: Scan, chunks: Iterable[str]) -> Iterator[ErrorRecord]:
    """Chunks hold whole lines (only a chunk's last line may lack its "\\n"). Where an az request
    starts and the scan is at rest, the skimmer says how far the run of quiet requests goes; the
    lines it vouches for are counted, not read. Its last request is always read, so the parsers
    end up as if they had read them all (see skim.py)."""
    carry = ""
    for chunk in chunks:
        text, carry = carry + chunk if carry else chunk, ""
        skimmer = None
        pos = 0
        while pos < len(text):
            end = text.find("\n", pos) + 1 or len(text)
            # A request starts a record (a carriage return could hide it), so what is held back goes.
            if scan.skims and text.startswith(REQUEST_START, pos) and text.find("\r", pos, end) < 0:
                yield from scan.release()
                if scan.at_rest():
                    skimmer = skimmer or Skimmer(text)
                    stop, run_end = skimmer.quiet(pos)
                    if stop > pos:
                        scan.skip(text.count("\n", pos, stop))
                        pos = stop
                        continue
                    if skimmer.may_go_on(pos, run_end) and len(text) - pos < CARRY_MAX:
                        carry = text[pos:]  # the run may go on in the next chunk
                        break
            yield from scan.line(text[pos:end])
            pos = end
    if carry:
        yield from read_lines(scan, _split(carry))


def _split(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _feed(parser: Parser, line, ctx: Context, claimed: bool) -> tuple[list, bool]:
    try:
        return parser.feed(line, ctx, claimed)
    except Exception:  # noqa: BLE001 - one parser failing on odd input must not stop the others
        return [], False


def _close(parser: Parser, ctx: Context) -> list:
    try:
        return parser.close(ctx)
    except Exception:  # noqa: BLE001
        return []
