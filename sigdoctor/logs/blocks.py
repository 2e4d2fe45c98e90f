"""Group a pretty-printed JSON document spread over several lines into one logical line.

Bodies (`Response content:`, PowerShell `Body:`, azcore banners, `Deployment failed. ... {`) continue on
bare lines. Parsers want the whole document at once, so a line ending in `{` or `[` opens a block
that runs until the braces balance. A block gives up (its lines pass through one by one) when the
first following line does not look like JSON, when a new log record starts, or when it grows too big.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .clean import Line
from .text import BraceCounter

MAX_BLOCK_LINES = 5000
MAX_BLOCK_CHARS = 2 * 1024 * 1024
_JSON_LINE_START = ('"', "{", "}", "[", "]")


def group_json_blocks(lines: Iterable[Line]) -> Iterator[Line]:
    grouper = BlockGrouper()
    for line in lines:
        yield from grouper.push(line)
    yield from grouper.finish()


class BlockGrouper:
    """Lines pushed one at a time; a line that opens a document is held until the block closes."""

    def __init__(self) -> None:
        self.block: list[Line] = []
        self.counter = BraceCounter()
        self.size = 0

    def push(self, line: Line) -> list[Line]:
        out: list[Line] = []
        if self.block:
            if not _ends_block(self.block, line, self.size):
                self.block.append(line)
                self.size += len(line.text) + 1
                if self.counter.feed(line.text) <= 0:
                    out, self.block = [merge(self.block)], []
                return out
            out = self.finish()
        opening = _opening_brace(line.text)
        if opening < 0:
            out.append(line)
            return out
        self.counter = BraceCounter()
        self.counter.feed(line.text, opening)
        self.block, self.size = [line], len(line.text)
        return out

    def finish(self) -> list[Line]:
        """Give up the open block, as a new log record or the end of the input does."""
        block, self.block = self.block, []
        return list(_give_up(block)) if block else []


def _opening_brace(text: str) -> int:
    """Position of the `{` that opens a multi-line document, or -1."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] not in "{[":
        return -1
    first = min((i for i in (stripped.find("{"), stripped.find("[")) if i >= 0), default=-1)
    counter = BraceCounter()
    return first if counter.feed(stripped, first) > 0 else -1


def _ends_block(block: list[Line], line: Line, size: int) -> bool:
    if len(block) >= MAX_BLOCK_LINES or size >= MAX_BLOCK_CHARS:
        return True
    if line.prefixed and not (line.logger and line.logger == block[0].logger and line.logger.startswith("azure-")):
        return True  # a new az/PowerShell record: the document was cut off
    if len(block) == 1:
        return not line.text.lstrip().startswith(_JSON_LINE_START)
    return False


def _give_up(block: list[Line]) -> Iterator[Line]:
    """An unfinished block: a cut-off document stays one line, a false start passes through."""
    if len(block) > 2:
        yield merge(block)
    else:
        yield from block


def merge(block: list[Line]) -> Line:
    first = block[0]
    parts: list[str] = []
    joins: list[tuple[int, int]] = list(first.joins)
    offset = 0
    for index, line in enumerate(block):
        if index:
            joins.append((offset, line.number))
            joins.extend((offset + o, n) for o, n in line.joins)
        parts.append(line.text)
        offset += len(line.text) + 1
    return Line(first.number, "\n".join(parts), first.level, first.logger, first.prefixed, tuple(joins))
