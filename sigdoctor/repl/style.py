"""Colours, by class name: the rest of the REPL says what a line is, not how it looks."""

from __future__ import annotations

from prompt_toolkit.styles import Style


def doctor_style() -> Style:
    return Style.from_dict({
        "prompt": "bold",
        "heading": "bold",
        "command": "ansicyan",
        "question": "bold ansiyellow",
        "ok": "bold ansigreen",
        "warn": "ansired",
        "dim": "ansibrightblack",
        "toolbar": "noreverse bg:ansiblack fg:ansiwhite",
        "toolbar.key": "noreverse bg:ansiblue fg:ansiwhite bold",
        "toolbar.warn": "noreverse bg:ansired fg:ansiwhite",
        "bottom-toolbar": "noreverse",
    })
