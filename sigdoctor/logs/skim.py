"""Pass over the quiet middle of an az --debug trace without reading it line by line.

A long debug log is mostly az's HTTP logging policy at work: one request after another, each
answered 2xx. Reading such a request line by line costs some 20 µs a line; this module checks a
whole run of them with one regular expression and a few string scans, and scan.py only counts
their lines.

A request is quiet when it has exactly this shape (optional lines in brackets):

    DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://...'
    DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'GET'          (or 'HEAD')
    DEBUG: cli.azure.cli.core.sdk.policies: Request headers:
    DEBUG: cli.azure.cli.core.sdk.policies:     'Name': 'value'              (any number)
    DEBUG: cli.azure.cli.core.sdk.policies: Request body:
    DEBUG: cli.azure.cli.core.sdk.policies: This request has no body
   [DEBUG: urllib3.connectionpool: Starting new HTTPS connection (1): host:443]
   [DEBUG: urllib3.connectionpool: https://host:443 "GET /path HTTP/1.1" 200 123]
    DEBUG: cli.azure.cli.core.sdk.policies: Response status: 2xx
    DEBUG: cli.azure.cli.core.sdk.policies: Response headers:
    DEBUG: cli.azure.cli.core.sdk.policies:     'Name': 'value'              (any number)
    DEBUG: cli.azure.cli.core.sdk.policies: Response content:
    DEBUG: cli.azure.cli.core.sdk.policies: {...} or [...]
   [WARNING: cli.azure.cli.core.sdk.policies: polling: status Succeeded]

and none of its text holds a hazard: "failed" in any case (az_debug reads a 2xx body only for a
failed operation), a backslash (a JSON escape could spell that word), a carriage return or an
escape character (the cleaner would rewrite the line).

Why passing over it changes nothing, given a scan at rest (Scan.at_rest: no finding waiting, no
parser inside a block, nothing held back): the cleaner gives each line unchanged apart from
decoration (its prefix split off, nothing joined: every line starts a record); az_debug takes
every line but the three fixed sentences, which no parser reacts to; a parser that sees a line
already taken only closes what it has open, and none has; the collector, asked every FLUSH_EVERY
lines, has nothing to hand out. What remains is the request context, and only the last request's
matters: a GET or HEAD starts no change (no `initiator`, no `mutations`), and a success recorded
for it could only make harmless a finding made before it, of which there is none (so skipped
requests need no `sequence` number either). The last request of a run is left to the parsers.

Not modelled: an HTML entity that turns into a space or a line break inside a urllib3 path or a
header value, or colour codes that join "fai" and "led" into one word; nobody's log has those.
"""

from __future__ import annotations

import re

REQUEST_START = "DEBUG: cli.azure.cli.core.sdk.policies: Request URL: "
_NEXT_REQUEST = "\n" + REQUEST_START
_HAZARDS = ("\\", "\r", "\x1b")

_P = r"DEBUG: cli\.azure\.cli\.core\.sdk\.policies: "
_URLLIB3 = r"DEBUG: urllib3\.connectionpool: "
# Header lines az_debug's _HEADER takes (never empty, so never cut short), each prefix matched once.
_HEADERS = r"(?:    '[A-Za-z][\w-]*+': '.*+\n" + _P + r")*+"
_REQUEST = "".join((
    _P, r"Request URL: '[!#-&(-~].*+\n",  # az_debug's _REQUEST_URL takes it
    _P, r"Request method: '(?:GET|HEAD)'\n",
    _P, r"Request headers:\n",
    _P, _HEADERS, r"Request body:\n",
    _P, r"This request has no body\n",
    # urllib3's lines, bounded so that the cleaner never cuts them (clean.MAX_LINE): az_debug takes
    # the second kind (a read: a new request at most, no change), no parser the first.
    r"(?:", _URLLIB3, r"(?:Starting new HTTPS? connection \(\d{1,9}\): [\w.-]{1,999}(?::\d{1,5})?"
    r"|https?://[\w.-]{1,999}(?::\d{1,5})? \"(?:GET|HEAD) /[!-~]{0,99999}+ HTTP/[\d.]{1,9}\" \d{3}.{0,999}+)\n){0,2}+",
    _P, r"Response status: 2\d\d\n",
    _P, r"Response headers:\n",
    _P, _HEADERS, r"Response content:\n",
    _P, r"[\[{].*+\n",
    r"(?:WARNING: cli\.azure\.cli\.core\.sdk\.policies: polling: status Succeeded\n)?",
))
# `.` stops only at "\n", like the reader; possessive: a request, once matched, is not given back.
# ASCII classes (faster) accept less than the parsers' Unicode ones, never more.
_RUN = re.compile(f"(?:{_REQUEST})*+", re.ASCII)


class Skimmer:
    """The quiet runs of requests in one chunk of text (whole lines)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lowered: str | None = None
        self._next = [-1] * (len(_HAZARDS) + 1)  # next place of each hazard at or after the last asked

    def quiet(self, pos: int) -> tuple[int, int]:
        """(stop, end) for the requests from `pos`, which starts a request: text[pos:end] is quiet
        requests; text[pos:stop] the ones that may be passed over (all but the last), stop == pos if none."""
        end = _RUN.match(self.text, pos, self._first_hazard(pos)).end()
        return max(pos, self.text.rfind(_NEXT_REQUEST, pos, end) + 1), end

    def may_go_on(self, pos: int, end: int) -> bool:
        """What follows the run from `pos` to `end` is nothing, or a last request that the end of
        the text may have cut short: the next chunk may carry the run on. (The text's last line
        must be whole, not a piece of an overlong one.)"""
        if not self.text.endswith("\n"):
            return False
        after = self.text.find(_NEXT_REQUEST, max(pos, end - 1))
        return after < 0 or (after == end - 1 and self.text.find(_NEXT_REQUEST, end) < 0)

    def _first_hazard(self, pos: int) -> int:
        # Each hazard is searched for once past every place asked about: linear in the text.
        text, found = self.text, self._next
        for index, needle in enumerate(_HAZARDS):
            if found[index] < pos:
                at = text.find(needle, pos)
                found[index] = at if at >= 0 else len(text)
        if found[-1] < pos:
            if self._lowered is None:
                lowered = text.lower()  # keeps every place unless some character lowers to two
                self._lowered = lowered if len(lowered) == len(text) else ""
            at = self._lowered.find("ailed", pos) if self._lowered else pos
            found[-1] = at if at >= 0 else len(text)
        return min(found)
