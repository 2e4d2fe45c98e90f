"""Folding prose to the terminal: by display width, indent kept, commands untouched."""

from __future__ import annotations

from prompt_toolkit.utils import get_cwidth

from sigdoctor.repl.wrap import wrap


def test_prose_folds_at_words_and_keeps_its_indent():
    text = "  " + " ".join(["gallery"] * 30)
    lines = wrap(text, 40).split("\n")
    assert len(lines) > 1 and all(line.startswith("  gallery") for line in lines)
    assert all(get_cwidth(line) <= 39 for line in lines)
    assert " ".join(line.strip() for line in lines) == text.strip()


def test_hangul_counts_two_columns():
    lines = wrap("  " + "갤러리를 찾을 수 없습니다 " * 8, 30).split("\n")
    assert len(lines) > 2 and all(get_cwidth(line) <= 29 for line in lines)


def test_commands_are_never_folded():
    command = "    az sig list --query \"[].{name:name, resourceGroup:resourceGroup}\" --output table"
    assert wrap(command, 30, "class:command") == command
    row = "     az> " + command.strip()
    assert wrap(row, 30) == row


def test_short_lines_and_tiny_terminals_are_left_alone():
    assert wrap("Step 1 of 3  (SIG1904)", 80) == "Step 1 of 3  (SIG1904)"
    assert wrap("x " * 50, 10) == "x " * 50


def test_a_word_longer_than_the_line_stays_with_its_neighbour():
    url = "https://management.azure.com/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/galleries/g"
    assert wrap(f"  PUT {url}", 40).split("\n")[0] == f"  PUT {url}"
