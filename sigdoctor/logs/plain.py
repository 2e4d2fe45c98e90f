"""A pasted bare message with none of the known log shapes around it: a sentence from an e-mail or a
chat, a `Code: X` line on its own. Only used when no other parser found anything."""

from __future__ import annotations

import re

from .base import Finding, Parser, finding
from .clean import Line
from .context import Context
from .text import split_code_suffix

MAX_CANDIDATES = 50
_ERROR_WORDS = re.compile(
    r"\b(?:error|fail(?:ed|ure|s)?|not found|could not|can ?not|cannot|invalid|not allowed|not supported"
    r"|not available|already exists?|must|exceeds?|exceeded|denied|forbidden|unauthori[sz]ed|conflict"
    r"|duplicated?|required|missing|unable|too many|blocked|not authorized|not permitted|does not exist"
    r"|not valid|out of range|timed out|disallowed|not unique|is not|different|mismatch|in use|quota"
    r"|not registered|no latest)\b",
    re.I,
)
_CHATTER = re.compile(
    r"^(?:hi|hello|hey|thanks|thank you|regards|cheers|dear|best|kind regards|i|i'm|i've|we|we're|we've|my"
    r"|our|please help|please advise|can you|could you|can anyone|does anyone|has anyone|any idea|when i"
    r"|when we|while|so|also|here is|here's|below|attached|sent from|this is|it says|got this|ticket|subject"
    r"|re:|fw:|fwd:|problem type|customer)\b",
    re.I,
)
_LABEL = re.compile(r"^(?:error(?: message)?|message|exception|failed|failure|details?|reason)\s*[:=-]\s*", re.I)
_CODE_ONLY = re.compile(r"^(?:error ?)?code\s*[:=]\s*[\"'`]?([A-Z][A-Za-z0-9.]+)[\"'`]?\s*$", re.I)
_BULLET = re.compile(r"^(?:[-*•]\s+|\d{1,2}[.)]\s+)")
_NOT_PROSE = re.compile(r"^(?:[{\[\"$#]|az |PS |--|[A-Z][a-z]+-Az)")


class PlainParser(Parser):
    source = "plain"
    fallback = True

    def __init__(self) -> None:
        self.messages: list[tuple[int, str]] = []
        self.codes: list[tuple[int, str]] = []

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        if (line.logger and line.logger != "logfmt") or line.level not in ("", "ERROR"):
            return [], False
        text = _BULLET.sub("", line.text.strip())
        code = _CODE_ONLY.match(text)
        if code and len(self.codes) < MAX_CANDIDATES:
            self.codes.append((line.number, code.group(1)))
        elif not claimed and self._is_error_sentence(text) and len(self.messages) < MAX_CANDIDATES:
            message, code = split_code_suffix(_LABEL.sub("", text))
            if code:
                self.codes.append((line.number, code))
            self.messages.append((line.number, message))
        return [], False

    def idle(self) -> bool:
        return True  # reads only lines without a logger

    @staticmethod
    def _is_error_sentence(text: str) -> bool:
        if not 15 <= len(text) <= 4000 or text.endswith("?") or _NOT_PROSE.match(text):
            return False
        return bool(_ERROR_WORDS.search(text)) and not _CHATTER.match(text)

    def close(self, ctx: Context) -> list[Finding]:
        """Called only when nothing else was found (see scan_lines)."""
        found = []
        for number, message in self.messages:
            near = [code for at, code in self.codes if abs(at - number) <= 3]
            found.append(finding(ctx, self.source, number, message, near[0] if near else ""))
        if not found:
            found = [finding(ctx, self.source, number, "", code) for number, code in self.codes]
        return found
