"""Input bytes -> text lines, streaming, whatever the encoding.

PowerShell redirection writes UTF-16 with a BOM, Windows tools write UTF-8
with a BOM or a legacy code page; logs get cut mid-character. We decode
incrementally, replace what cannot be decoded, and refuse binary files.
Lines longer than MAX_LINE are passed on in pieces so memory stays flat.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 1 << 16
MAX_LINE = 1 << 20  # 1 MiB of text per piece


class BadInput(Exception):
    """The input is not text sigdoctor can read; the message is one line for the user."""


def _sniff_encoding(head: bytes) -> tuple[str, int]:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", len(codecs.BOM_UTF8)
    if head.startswith(codecs.BOM_UTF32_LE) or head.startswith(codecs.BOM_UTF32_BE):
        return "utf-32", 0
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", 0
    sample = head[:4096]
    if len(sample) >= 8:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        odd_nuls = sample[1::2].count(0) / (len(sample) // 2)
        even_nuls = sample[0::2].count(0) / ((len(sample) + 1) // 2)
        if odd_nuls > 0.4 and even_nuls < 0.05:
            return "utf-16-le", 0
        if even_nuls > 0.4 and odd_nuls < 0.05:
            return "utf-16-be", 0
    return "utf-8", 0


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ch == "\x00" or ("\x00" < ch < "\x08") or ("\x0e" <= ch < "\x1b"))
    return controls / len(text) > 0.10


def iter_lines(stream: BinaryIO) -> Iterator[str]:
    head = stream.read(CHUNK)
    if not head:
        return
    encoding, skip = _sniff_encoding(head)
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    first = decoder.decode(head[skip:])
    if _looks_binary(first[:8192]):
        raise BadInput("this looks like a binary file, not a log")
    pending = first
    while True:
        # Emit complete lines; keep the tail, cut overlong runs into pieces.
        start = 0
        while True:
            end = pending.find("\n", start)
            if end < 0:
                break
            line = pending[start:end + 1]
            for i in range(0, len(line), MAX_LINE):
                yield line[i:i + MAX_LINE]
            start = end + 1
        pending = pending[start:]
        while len(pending) > MAX_LINE:
            yield pending[:MAX_LINE]
            pending = pending[MAX_LINE:]
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        pending += decoder.decode(chunk)
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending
