"""Line normalisation: turn pasted physical lines into clean logical lines.

Removes what only decorates a line (ANSI colours, CR, CI timestamps, markdown quoting, HTML entities,
PowerShell and Terraform gutters, confirmation prompts), unwraps `time=... msg="..."` wrappers, splits
off the az / PowerShell / Packer record prefix into `level` and `logger`, and joins lines that a
terminal hard-wrapped at a fixed width.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .text import parse_json, unescape_once

# An enormous line is cut to its head and tail: errors sit near one end of it.
MAX_LINE = 128 * 1024
KEEP = 64 * 1024
MAX_JOINED = 256 * 1024  # cap for one unwrapped logical line
SAMPLE_LINES = 2000  # lines looked at before deciding the terminal width
SAMPLE_CHARS = 2 * 1024 * 1024


@dataclass
class Line:
    """One logical line: `text` without its record prefix, `number` its first line in the input."""

    number: int
    text: str
    level: str = ""  # DEBUG | INFO | WARNING | ERROR | VERBOSE ... from a prefix or wrapper
    logger: str = ""  # az logger name, or the Packer builder ("azure-arm.x")
    prefixed: bool = False  # the line starts a new log record (az/PowerShell/Packer prefix)
    joins: tuple[tuple[int, int], ...] = ()  # (offset in text, input line number) of joined lines

    def number_at(self, offset: int) -> int:
        """Input line number of the character at `offset` in text."""
        number = self.number
        for join_offset, join_number in self.joins:
            if join_offset > offset:
                break
            number = join_number
        return number


_ANSI = re.compile(
    r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\^\[\[[0-9;]*m"
    r"|(?<!\[)\[[0-9]{1,3}(?:;[0-9]{1,3}){0,4}m"
)
_CI_TIMESTAMP = re.compile(
    r"^\ufeff?(?:\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?:?\s+"
    r"|\d{4}/\d\d/\d\d \d\d:\d\d:\d\d\s+)"
)
_CI_MARKER = re.compile(r"^(?:##\[(\w+)\]|::(error|warning|debug|notice)[^:]*::)")
_BRACKET_LEVEL = re.compile(r"^\[(TRACE|DEBUG|INFO|WARN|WARNING|ERROR)\]\s+")
_MD_QUOTE = re.compile(r"^(?:[ ]{0,3}>[ ]?)+")
_FENCE = re.compile(r"^\s*(?:```|~~~)[\w+-]*\s*$")
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
_TF_GUTTER = re.compile(r"^\s*[│┃╷╵]\s?")
_PS_LINE_HEADER = re.compile(r"^\s*Line \|\s*$")
_PS_CODE_ECHO = re.compile(r"^\s*\d+ \|")
_PS_UNDERLINE = re.compile(r"^\s*(?:\|\s*)?~{3,}\s*$")
_PS_GUTTER = re.compile(r"^\s*\|\s?")
_PS_PROMPT = re.compile(r"^\s*(?:\[Y\] Yes\s+\[A\] Yes to All|Confirm\s*$|Continue with this operation\?\s*$)")
_PS_SHELL_PROMPT = re.compile(r"^PS [^>\n]{0,200}> ")
_LOGFMT_MSG = re.compile(r'\bmsg="((?:[^"\\]|\\.)*)"?')
_LOGFMT_LEVEL = re.compile(r"\blevel=(\w+)")
_KNACK_FILE = re.compile(r"^\d+ : \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ : ([A-Z]+) : ([\w.-]+) : ")
_PACKER = re.compile(r"^(?:ui(?: error)?: )?(?:==>\s?|    )(azure-[a-z]+(?:\.[\w-]+)?):\s?")
_LEVEL = r"(?P<level>DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|VERBOSE)"
_LOGGER = (
    r"(?P<logger>(?:cli|azure|msrest|msrestazure|urllib3|msal|knack|requests|adal-python"
    r"|az_command_data_logger|azext_\w+)(?:\.[\w-]+)*)"
)
_AZ_PREFIX = re.compile(rf"^(?:[ \t]*{_LEVEL}:(?: |$))?(?:{_LOGGER} ?:(?: |$))?")
_PYTHON_LOGGING = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL):([A-Za-z_][\w.]*):")  # basicConfig format
_NOT_A_LOGGER = re.compile(r"(?:Error|Exception|Warning)$")
# What a new log record, not the tail of a wrapped line, starts with.
_RECORD_START = re.compile(
    r"^(?:\ufeff?\d{4}[-/]\d\d[-/]\d\d|(?:DEBUG|INFO|WARNING|ERROR|VERBOSE|CRITICAL)\b"
    r"|(?:cli|msrest|urllib3|azure|msal|knack|az_command_data_logger)[\w.-]*\s?:|==>|-->|\[\w+\]|##\[|-{4}|={4}"
    r"|[\w.-]+@[\w.-]+:\S*[$#]|PS [A-Za-z]:\\|[│┃╷╵]|HTTP/\d)"
)


def strip_terminal(raw: str) -> str:
    """Cap the size, drop line endings, carriage-return overwrites and ANSI escapes."""
    if len(raw) > MAX_LINE:
        raw = raw[:KEEP] + " … " + raw[-KEEP:]
    raw = raw.rstrip("\r\n").lstrip("\ufeff")
    if "\r" in raw:  # progress output overwrites itself; keep what was shown last
        parts = [p for p in raw.split("\r") if p.strip()]
        raw = parts[-1] if parts else ""
    if "\x1b" in raw or "[" in raw:
        raw = _ANSI.sub("", raw)
    return raw


def _terminal_text(raw) -> str:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    elif not isinstance(raw, str):
        raw = "" if raw is None else str(raw)
    return strip_terminal(raw)


def normalise(raw: str, number: int = 1) -> list[Line]:
    """Clean one (already unwrapped) line; [] when it carries nothing (prompts, fences, underlines).

    A `msg="..."` wrapper holding escaped newlines gives several lines with the same number.
    """
    text = raw
    level = ""
    for _ in range(3):  # CI timestamp, then marker, then maybe a tool timestamp
        stripped = _CI_TIMESTAMP.sub("", text, count=1)
        marker = _CI_MARKER.match(stripped)
        if marker:
            name = (marker.group(1) or marker.group(2) or "").upper()
            level = name if name in ("ERROR", "WARNING", "DEBUG") else level
            stripped = stripped[marker.end() :]
        bracket = _BRACKET_LEVEL.match(stripped)
        if bracket:
            level = bracket.group(1).upper()
            stripped = stripped[bracket.end() :]
        if stripped == text:
            break
        text = stripped
    text = _MD_QUOTE.sub("", text, count=1)
    if _FENCE.match(text) or _PS_PROMPT.match(text) or _PS_LINE_HEADER.match(text):
        return []
    if _PS_UNDERLINE.match(text) or _PS_CODE_ECHO.match(text):
        return []
    if "**" in text:
        text = text.replace("**", "")
    if "```" in text:  # chat tools put short code inline: ```ERROR: ...```
        text = text.replace("```", "")
    if "&" in text and _HTML_ENTITY.search(text):
        text = html.unescape(text)
    text = _TF_GUTTER.sub("", text, count=1)
    text = _PS_GUTTER.sub("", text, count=1)
    text = _PS_SHELL_PROMPT.sub("", text, count=1)
    logfmt = "level=" in text and ("msg=" in text or "time=" in text)
    json_log = "\\n" in text and '{"' in text
    if (logfmt or json_log) and not _is_az_record(text):  # an az record may quote such text, in a body
        wrapped = _unwrap_logfmt(text, number) if logfmt else []
        if not wrapped and json_log:
            wrapped = _unwrap_json_strings(text, number, level)
        if wrapped:
            return wrapped
    return [_split_prefix(text.rstrip(), number, level)]


def _is_az_record(text: str) -> bool:
    """`LEVEL: logger: ...`, as az's own logging writes every line."""
    prefix = _AZ_PREFIX.match(text)
    logger = prefix.group("logger") if prefix else None
    return bool(logger and prefix.group("level") and not _NOT_A_LOGGER.search(logger))


def _unwrap_logfmt(text: str, number: int) -> list[Line]:
    """`time=... level=error msg="..."` -> the message; the `logfmt` logger keeps az's ERROR rule off it."""
    message = _LOGFMT_MSG.search(text)
    level = _LOGFMT_LEVEL.search(text)
    if not level:
        return []
    body = unescape_once(message.group(1)) if message else ""  # no msg: an empty line, like a blank
    level_name = level.group(1).upper()
    return [
        Line(number, part.rstrip(), level=level_name, logger="logfmt", prefixed=index == 0)
        for index, part in enumerate(body.split("\n"))
    ]


def _unwrap_json_strings(text: str, number: int, level: str) -> list[Line]:
    """A structured log line (zap, JSON logging) holding multi-line text in a JSON string value, such as
    an azcore error banner: give the text before the object, then each line of those values."""
    start = text.find('{"')
    for _ in range(3):
        if start < 0:
            return []
        value = parse_json(text[start:].rstrip())
        if isinstance(value, dict):
            break
        start = text.find('{"', start + 1)
    else:
        return []
    parts = [v for v in value.values() if isinstance(v, str) and "\n" in v]
    if not parts:
        return []
    lines = [_split_prefix(text[:start].rstrip(), number, level)]
    for part in parts:
        lines.extend(Line(number, piece.rstrip()) for piece in part.split("\n"))
    return lines


def _split_prefix(text: str, number: int, level: str) -> Line:
    knack = _KNACK_FILE.match(text)
    if knack:
        return Line(number, text[knack.end() :], knack.group(1), knack.group(2), True)
    python = _PYTHON_LOGGING.match(text)
    if python:
        return Line(number, text[python.end() :], python.group(1), python.group(2), True)
    packer = _PACKER.match(text)
    if packer:
        rest = text[packer.end() :]
        return Line(number, rest, "ERROR" if text.startswith("ui error") else level, packer.group(1), True)
    prefix = _AZ_PREFIX.match(text)
    if prefix and prefix.end():
        logger = prefix.group("logger") or ""
        if logger and _NOT_A_LOGGER.search(logger):  # `azure.core.exceptions.XError: ...` is text
            end = prefix.start("logger")
            logger = ""
        else:
            end = prefix.end()
        found_level = prefix.group("level") or ""
        if found_level or logger:
            return Line(number, text[end:], found_level or level, logger, True)
    return Line(number, text, level)


class Cleaner:
    """Turns input lines, pushed one at a time, into clean logical lines, joining terminal hard-wraps.

    The wrap width is guessed from the first SAMPLE_LINES lines: in a wrapped paste the longest
    lines all have the same length and end mid-token. Lines cut inside a URL or a quoted id are
    joined even without a known width. So nothing comes out before the sample is complete, and a
    line comes out only when the next one shows it does not continue it.
    """

    def __init__(self) -> None:
        self.width = 0
        self.gutter_width = 0  # PowerShell 7 wraps its `| message` gutter at its own width
        self._sample: list[tuple[int, str]] | None = []  # None once the width is known
        self._sample_size = 0
        self._pending: tuple[int, str, list[tuple[int, int]]] | None = None  # (number, text, joins)
        self._last_physical = ""

    def lines(self, raw_lines: Iterable[str]) -> Iterator[Line]:
        """The whole input at once."""
        for number, raw in enumerate(raw_lines, 1):
            yield from self.push(number, raw)
        yield from self.finish()

    @property
    def holds_nothing(self) -> bool:
        """The sample is read and no line is held back."""
        return self._sample is None and self._pending is None

    def push(self, number: int, raw: str) -> list[Line]:
        text = _terminal_text(raw)
        if self._sample is None:
            return self._unwrap(number, text)
        self._sample.append((number, text))
        self._sample_size += len(text)
        if len(self._sample) >= SAMPLE_LINES or self._sample_size >= SAMPLE_CHARS:
            return self._end_sample()
        return []

    def finish(self) -> list[Line]:
        """The end of the input: everything still held back."""
        return (self._end_sample() if self._sample is not None else []) + self.release()

    def release(self) -> list[Line]:
        """The line held back in case the next continues it: for a caller that knows the next line
        starts a new record (which would release it just so)."""
        pending, self._pending = self._pending, None
        return self._normalised(*pending) if pending else []

    def _end_sample(self) -> list[Line]:
        sample, self._sample = self._sample or [], None
        texts = [text for _, text in sample]
        self.width = guess_width(texts)
        self.gutter_width = guess_width(texts, gutter=True)
        return [line for number, text in sample for line in self._unwrap(number, text)]

    def _unwrap(self, number: int, text: str) -> list[Line]:
        previous, self._last_physical = self._last_physical, text
        pending = self._pending
        if pending and len(pending[1]) < MAX_JOINED:
            rest = self._continuation(previous, text)
            if rest is not None:
                pending[2].append((len(pending[1]), number))
                self._pending = (pending[0], pending[1] + rest, pending[2])
                return []
        self._pending = (number, text, [])
        return self._normalised(*pending) if pending else []

    @staticmethod
    def _normalised(number: int, text: str, joins: list[tuple[int, int]]) -> list[Line]:
        lines = normalise(text, number)
        if joins:
            for line in lines:
                shift = max(0, text.find(line.text[:20])) if line.text else 0
                line.joins = tuple((max(0, off - shift), n) for off, n in joins)
        return lines

    def _continuation(self, previous: str, text: str) -> str | None:
        """What of `text` to append to the previous line when the terminal wrapped it, else None."""
        if not previous or not text or previous[-1].isspace():
            return None
        gutters = _GUTTER.match(previous), _GUTTER.match(text)
        if all(gutters):
            body = text[gutters[1].end() :]
            full = self.gutter_width and len(previous) == self.gutter_width
            return body if full and body[:1].strip() and not _RECORD_START.match(body) else None
        if _RECORD_START.match(text):
            return None
        full = self.width and len(previous) == self.width
        if text[0].isspace():  # the cut fell just before a space
            return text if full and text[0] == " " and text[1:2].strip() else None
        return text if full or _cut_inside_token(previous, text) else None


def guess_width(sample: list[str], gutter: bool = False) -> int:
    """The width a paste was hard-wrapped at, or 0 when it does not look wrapped: the longest lines
    share one length and end mid-token. With `gutter`, only PowerShell 7 `| ...` lines count."""
    breaks: Counter[int] = Counter()
    longest = 0
    for current, following in zip(sample, sample[1:], strict=False):
        if gutter:
            if not (_GUTTER.match(current) and _GUTTER.match(following)):
                continue
            following = following[_GUTTER.match(following).end() :]
        longest = max(longest, len(current.rstrip()))
        if (
            len(current) >= 40
            and not current[-1].isspace()
            and following
            and not following[0].isspace()
            and not _RECORD_START.match(following)
        ):
            breaks[len(current)] += 1
    if sample and not gutter:
        longest = max(longest, len(sample[-1].rstrip()))
    if not breaks:
        return 0
    width, count = breaks.most_common(1)[0]
    # A terminal cuts every long line at exactly the width; a word-wrapping tool ends lines anywhere below
    # it. PowerShell 7 does both in its gutter: words wrap, and only overlong tokens are cut at the width.
    mostly_at_width = gutter or count * 2 >= sum(breaks.values())
    return width if count >= 2 and mostly_at_width and (width >= longest or gutter) and width >= 60 else 0


_GUTTER = re.compile(r"^\s*\| ?")  # PowerShell 7 only: Terraform's │ box wraps at word boundaries
_URL_TOKEN = re.compile(r"(?:https?://|['\"]/subscriptions/|['\"]https?://)")


def _cut_inside_token(previous: str, text: str) -> bool:
    """A long line ending inside a URL or an unclosed quoted id, and a next line that goes on with it."""
    if len(previous) < 60:
        return False
    token = previous.rsplit(None, 1)[-1]
    if len(token) < 20:
        return False
    quoted = token[0] in "'\"" and token[0] not in token[1:]
    if not (_URL_TOKEN.match(token) or quoted):
        return False
    if token[-1] in "'\":,;" and not quoted:
        return False  # the URL is complete: a closing quote or a label's colon follows it
    head = text.split(None, 1)[0]
    if not any(c.isalnum() for c in head[:8]):
        return False  # a rule of dashes or the like starts something new
    closes_quote = quoted and token[0] in head
    return closes_quote or any(c in head for c in "/?=&") or (" " not in text and len(text) >= 8)
