"""String helpers every parser shares: message clean-up, dedupe keys, unescaping, brace matching.

All regexes here run in linear time: no nested unbounded quantifiers.
"""

from __future__ import annotations

import json
import re

_WHITESPACE = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_BACKSLASH_ESCAPE = re.compile(r"\\([\"\\/rnt'])")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "r": "\r", "n": "\n", "t": "\t", "'": "'"}
# Braces, brackets, quotes and backslashes: the only characters brace matching must look at.
_STRUCTURAL = re.compile(r'[{}\[\]"\\]')

MAX_MESSAGE = 8000  # longer messages are cut: no catalog template is anywhere near this long


def collapse(text: str) -> str:
    """All runs of whitespace (including newlines and tabs) become one space."""
    return _WHITESPACE.sub(" ", text).strip()


def strip_quotes(text: str) -> str:
    """Remove quote pairs around a whole message: `"\\"The gallery image ...\\""` -> `The gallery image ...`.

    A pair is only removed when the quote character does not occur inside, so
    `'a' not found in 'b'` keeps its quotes.
    """
    text = text.strip()
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'`":
        quote, inner = text[0], text[1:-1]
        doubled = inner[:1] == quote and inner[-1:] == quote and inner.count(quote) == 2
        if quote in inner and not doubled:
            break
        text = inner.strip()
    return text


def clean_message(text: str) -> str:
    """The form every ErrorRecord.message takes: collapsed, unquoted, bounded."""
    text = strip_quotes(collapse(text))
    return text[:MAX_MESSAGE]


_RUNNER_NOISE = re.compile(
    r"^(?:Error: )?(?:Script failed with (?:error|exit code)|Process completed with exit code|PowerShell exited with code"
    r"|Bash exited with code|Job failed|The process '[^']*' failed with exit code|Command exited with code"
    r"|exit status \d+$|Terraform exited with code)",
    re.I,
)


def is_runner_noise(message: str) -> bool:
    """CI runner epilogues ("Process completed with exit code 1.") say a step failed, not why."""
    return bool(_RUNNER_NOISE.match(message))


_CODE_SUFFIX = re.compile(r"\((?:error )?code: ?([A-Za-z][\w.]*)\)\.?$", re.I)


def split_code_suffix(message: str) -> tuple[str, str]:
    """`"..." (Code: NotFound)` -> (message, "NotFound"), as support tickets and portals write it."""
    message = message.rstrip()
    match = _CODE_SUFFIX.search(message)
    return (message[: match.start()].rstrip(), match.group(1)) if match else (message, "")


def message_key(message: str, code: str = "") -> str:
    """Dedupe key: copies of one error that differ only in quoting, spacing or case share it."""
    key = _NOT_ALNUM.sub("", message.lower())[:400]
    return key if key else "code:" + code.lower()


def unescape_once(text: str) -> str:
    """Undo one level of backslash escaping (`\\"` -> `"`, `\\r\\n` -> newline, `\\\\` -> `\\`)."""
    return _BACKSLASH_ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], text)


def json_string(raw: str) -> str:
    """Decode the inside of a JSON string literal, tolerating a cut-off escape at the end."""
    try:
        return json.loads('"' + raw + '"')
    except ValueError:
        return unescape_once(raw)


def looks_like_json(text: str) -> bool:
    """Whether a string is itself a serialized JSON document (ARM nests them in messages)."""
    text = strip_quotes(text.strip())
    return text[:1] in ("{", "[") and ('"' in text[:200] or len(text) < 3)


class BraceCounter:
    """Tracks JSON nesting depth across chunks of text, ignoring braces inside strings."""

    def __init__(self) -> None:
        self.depth = 0
        self.in_string = False
        self._escaped = False

    def feed(self, text: str, start: int = 0) -> int:
        skip_at = -1
        if self._escaped and self.in_string:
            skip_at = start
            self._escaped = False
        for match in _STRUCTURAL.finditer(text, start):
            pos, char = match.start(), match.group()
            if pos == skip_at:
                continue
            if self.in_string:
                if char == "\\":
                    skip_at = pos + 1
                    if skip_at >= len(text):
                        self._escaped = True
                elif char == '"':
                    self.in_string = False
            elif char == '"':
                self.in_string = True
            elif char in "{[":
                self.depth += 1
            elif char in "}]":
                self.depth -= 1
                if self.depth < 0:
                    self.depth = 0
        return self.depth


def json_spans(text: str, limit: int = 200) -> list[tuple[int, int]]:
    """Top-level `{...}` spans in text as (start, end); end is -1 for an object left open (cut off)."""
    spans: list[tuple[int, int]] = []
    depth, start, in_string, skip_at = 0, -1, False, -1
    for match in _STRUCTURAL.finditer(text):
        pos, char = match.start(), match.group()
        if pos == skip_at:
            continue
        if depth == 0:
            in_string = False
            if char == "{":
                depth, start = 1, pos
            continue
        if in_string:
            if char == "\\":
                skip_at = pos + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                spans.append((start, pos + 1))
                if len(spans) >= limit:
                    return spans
    if depth > 0:
        spans.append((start, -1))
    return spans


def parse_json(text: str):
    """json.loads that never raises (deeply nested input raises RecursionError, not ValueError)."""
    try:
        return json.loads(text)
    except Exception:  # noqa: BLE001 - any failure just means "not JSON"
        return None
