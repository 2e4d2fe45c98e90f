"""Helpers for the log-parser tests: run one parser alone, or the whole scan."""

from __future__ import annotations

import textwrap

import pytest

from sigdoctor.logs import scan_text, scan_with


def lines_of(text: str) -> list[str]:
    return textwrap.dedent(text).lstrip("\n").splitlines(keepends=True)


@pytest.fixture
def scan_only():
    """scan_only(ParserClass, text) -> records found by that parser alone."""

    def run(parser_class, text: str):
        return list(scan_with([parser_class()], lines_of(text)))

    return run


@pytest.fixture
def scan():
    """scan(text) -> records found by the full scan (text is dedented first)."""

    def run(text: str):
        return scan_text("".join(lines_of(text)))

    return run
