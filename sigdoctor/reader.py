"""Input bytes -> text lines, streaming, whatever the encoding.

PowerShell redirection writes UTF-16 (with a BOM, or without one when a tool
strips it), Windows tools write UTF-8 with a BOM or a legacy code page, and
logs get cut mid-character. We decode incrementally; bytes that are not UTF-8
are read as Windows-1252 (so a French or Dutch code-page log stays readable
and a stray 0x9b byte never becomes a terminal control). Binary files are
refused. Lines longer than MAX_LINE are passed on in pieces so memory stays
flat: a piece that does not end in "\\n" is continued by the next one.
NUL bytes carry nothing in a log and are dropped.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from .i18n import N_, _

CHUNK = 1 << 16
MAX_LINE = 1 << 20  # 1 MiB of text per piece
_CUT_BACK = 4096  # cut an overlong line after a separator this close to the limit, so a token stays whole
_SEPARATORS = " \t,;&'\"]}>"


class BadInput(Exception):
    """The input is not text sigdoctor can read; the message is one line for the user."""


def _cp1252_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("sigdoctor-cp1252", _cp1252_fallback)

# Leading bytes of formats people attach instead of a log, and what to say about them.
_MAGIC = (
    (b"\x1f\x8b", N_("this is a gzip file: decompress it first (gzip -dc FILE | sigdoctor diagnose -)")),
    (b"PK\x03\x04", N_("this is a zip archive: extract the log from it first")),
    (b"\x89PNG", N_("this is a PNG image, not a log: paste the text instead of a screenshot")),
    (b"\xff\xd8\xff", N_("this is a JPEG image, not a log: paste the text instead of a screenshot")),
    (b"GIF8", N_("this is a GIF image, not a log")),
    (b"%PDF", N_("this is a PDF document, not a log")),
    (b"BZh", N_("this is a bzip2 file: decompress it first (bzip2 -dc FILE | sigdoctor diagnose -)")),
    (b"\xfd7zXZ\x00", N_("this is an xz file: decompress it first (xz -dc FILE | sigdoctor diagnose -)")),
    (b"(\xb5/\xfd", N_("this is a zstd file: decompress it first (zstd -dc FILE | sigdoctor diagnose -)")),
    (b"7z\xbc\xaf\x27\x1c", N_("this is a 7-Zip archive: extract the log from it first")),
    (b"\x7fELF", N_("this is a program, not a log")),
    (b"MZ", N_("this is a Windows program, not a log")),
    (b"SQLite format 3\x00", N_("this is an SQLite database, not a log")),
)


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


def _binary_reason(head: bytes, text: str) -> str | None:
    """Why the first bytes say this is not a log, or None."""
    for magic, reason in _MAGIC:
        if head.startswith(magic) and (magic != b"MZ" or b"\x00" in head[:64]):
            return _(reason)
    sample = text[:8192]
    if not sample:
        return None
    # Text logs have few control characters (ESC of colour codes, BEL and backspace of
    # terminal captures are fine); decoded binary has plenty. A few NULs are not binary:
    # they are dropped, which also recovers UTF-16 text appended to a UTF-8 log.
    nuls = sample.count("\x00")
    controls = sum(1 for ch in sample if "\x00" < ch < "\x07" or "\x0e" <= ch < "\x1b" or "\x1c" <= ch < " ")
    if controls / len(sample) > 0.05 or nuls / len(sample) > 0.9:
        return _("this looks like a binary file, not a log")
    return None


def _cut(line: str) -> int:
    """Where to cut an overlong run: after the last separator near MAX_LINE, else at MAX_LINE."""
    best = -1
    for sep in _SEPARATORS:
        best = max(best, line.rfind(sep, MAX_LINE - _CUT_BACK, MAX_LINE))
    return best + 1 if best >= 0 else MAX_LINE


def _read(stream: BinaryIO) -> bytes:
    try:
        return stream.read(CHUNK)
    except OSError as exc:  # EIO, EISDIR on an odd stdin, a network share gone away
        raise BadInput(_("cannot be read ({reason})").format(reason=exc.strerror or exc)) from None


def iter_lines(stream: BinaryIO) -> Iterator[str]:
    """Decoded lines (with their "\\n") or pieces of overlong ones.

    Raises BadInput here, before returning, for empty or binary input: the caller
    learns of it even if it hands the lines to code that catches everything.
    """
    return _split(iter_chunks(stream))


def iter_chunks(stream: BinaryIO) -> Iterator[str]:
    """The same lines as iter_lines, many to a string: each chunk ends where a line (or a
    piece of an overlong one) ends, so cutting chunks at "\\n" gives back exactly those lines.
    A piece without its "\\n" is always the last thing in its chunk. Raises like iter_lines."""
    head = _read(stream)
    if not head:
        raise BadInput(_("the input is empty (debug output goes to stderr: add 2>&1 to az, *>&1 to PowerShell)"))
    encoding, skip = _sniff_encoding(head)
    errors = "sigdoctor-cp1252" if encoding == "utf-8" else "replace"
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    text = decoder.decode(head[skip:])
    reason = _binary_reason(head, text)
    if reason:
        raise BadInput(reason)
    return _chunks(stream, decoder, _without_nul(text))


def _without_nul(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text  # replace alone scans twice


def _chunks(stream: BinaryIO, decoder: codecs.IncrementalDecoder, text: str) -> Iterator[str]:
    parts: list[str] = []  # the current line, not yet terminated
    size = 0
    while True:
        cut = text.rfind("\n") + 1
        if cut:
            yield from _bounded("".join(parts) + text[:cut] if parts else text[:cut])
            parts, size = [], 0
        if cut < len(text):
            parts.append(text[cut:])
            size += len(text) - cut
        if size > MAX_LINE:
            pending = "".join(parts)
            while len(pending) > MAX_LINE:
                at = _cut(pending)
                yield pending[:at]
                pending = pending[at:]
            parts, size = [pending], len(pending)
        chunk = _read(stream)
        if not chunk:
            break
        text = _without_nul(decoder.decode(chunk))
    tail = "".join(parts) + decoder.decode(b"", final=True)
    if tail:
        yield tail


def _bounded(lines: str) -> Iterator[str]:
    """Whole lines as one chunk; a line longer than MAX_LINE in pieces of their own (rare: only a
    line that began in an earlier read can be, so the walk line by line is rarely taken)."""
    if len(lines) <= MAX_LINE:
        yield lines
        return
    run = start = 0
    while start < len(lines):
        end = lines.find("\n", start) + 1
        if end - start > MAX_LINE:
            if run < start:
                yield lines[run:start]
            line = lines[start:end]
            while len(line) > MAX_LINE:
                at = _cut(line)
                yield line[:at]
                line = line[at:]
            yield line
            run = end
        start = end
    if run < len(lines):
        yield lines[run:]


def _split(chunks: Iterator[str]) -> Iterator[str]:
    for chunk in chunks:
        start = 0
        while (end := chunk.find("\n", start) + 1) > 0:
            yield chunk[start:end]
            start = end
        if start < len(chunk):
            yield chunk[start:]
