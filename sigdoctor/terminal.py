"""Text from the input never reaches the terminal raw: control characters are shown escaped."""

from __future__ import annotations

import re

# C0 controls except tab and newline (and the CR of a CRLF), DEL, C1 controls
# (incl. the 8-bit CSI \x9b), and the bidi controls that can visually reorder a line.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
# What json.dumps(ensure_ascii=False) leaves raw but a terminal would obey.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def safe(text: str) -> str:
    return UNSAFE.sub(_escape, text)


def json_safe(document: str) -> str:
    """A json.dumps result with the remaining terminal controls as \\u escapes: the same JSON value."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", document)


class SafeWriter:
    """A stream whose writes are escaped: for text we do not build ourselves (click's usage errors)."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(safe(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)
