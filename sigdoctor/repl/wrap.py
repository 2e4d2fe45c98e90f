"""Prose folded to the terminal width at word boundaries; commands never (they must copy whole)."""

from __future__ import annotations

import re

from prompt_toolkit.utils import get_cwidth

_COMMAND_LINE = re.compile(r"^\s+(?:az|PowerShell)> ")  # render.step_lines' command rows


def _fold(line: str, width: int) -> list[str]:
    """Greedy fold by display width (Hangul takes two columns), keeping the line's indent."""
    if get_cwidth(line) <= width or _COMMAND_LINE.match(line):
        return [line]
    indent = line[: len(line) - len(line.lstrip(" "))]
    if len(indent) > width // 2:
        return [line]
    lines, current = [], indent
    for word in line.split():
        candidate = word if current == indent else " " + word
        # A word no line can hold (a URL) stays beside its neighbour; the terminal wraps it.
        fits_alone = get_cwidth(indent + word) <= width
        if current != indent and fits_alone and get_cwidth(current + candidate) > width:
            lines.append(current)
            current, candidate = indent, word
        current += candidate
    lines.append(current)
    return lines


def wrap(text: str, width: int, style: str = "") -> str:
    if style == "class:command" or width < 20:
        return text
    # One column spare: some terminals wrap early when the last column is written.
    return "\n".join(folded for line in text.split("\n") for folded in _fold(line, width - 1))
