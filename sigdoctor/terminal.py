"""Text from the input never reaches the terminal raw: control characters are shown escaped."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (incl. the 8-bit CSI \x9b),
# and the bidi overrides that can visually reorder a line.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    return "\\x%02x" % ord(ch) if ord(ch) < 0x100 else "\\u%04x" % ord(ch)


def safe(text: str) -> str:
    return _UNSAFE.sub(_escape, text)
