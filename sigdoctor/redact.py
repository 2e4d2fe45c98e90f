"""One redaction layer for everything sigdoctor shows or stores.

Secrets (tokens, keys, passwords, SAS signatures) are always replaced.
Subscription and tenant ids are kept on screen (they help the user) and masked
when output is meant to be shared (`ids=True`).

Each rule finds where a secret *starts* with a regular expression; where it
ends is found by a small scanner when the value is quoted, so escaped quotes,
commas and spaces inside a password cannot cut the mask short. When the end
is unclear we mask to the end of the line: too much rather than too little.
The mask is never longer than what it replaces and is itself never a
match, so redact(redact(x)) == redact(x).
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

MASK = "***"
MAX_VALUE = 1 << 16  # a quoted value longer than this is masked to this length, then to the line end

# Values that are not secrets but markers other tools left, or references to one.
_MASKED = re.compile(r"\**|REDACTED|<REDACTED>|\[REDACTED\]|null|None|true|false", re.IGNORECASE)
_REFERENCE = re.compile(r"\$[\w{(:]|<[\w -]+>$|\{\w*\}$|\[(?:parameters|variables|reference)\(")

_OPEN_QUOTE = re.compile(r"\\*['\"]")


def _masked(value: str) -> bool:
    return _MASKED.fullmatch(value.strip()) is not None


def _mask(value: str) -> str:
    return MASK if len(value) >= len(MASK) else "*" * len(value)


def _quoted_end(text: str, start: int, quote: str) -> int:
    """Index of the closing `quote` of a value opened at `start`, or the line end.

    `quote` may be escaped (`\\"` inside a JSON string inside JSON): with k
    backslashes before the opening quote, the closing one has k modulo 2k+2
    (an escaped quote inside the value has 2k+1).
    """
    k, ch = len(quote) - 1, quote[-1]
    line_end = text.find("\n", start)
    limit = min(len(text) if line_end < 0 else line_end, start + MAX_VALUE)
    i = start
    while True:
        j = text.find(ch, i, limit)
        if j < 0:
            return limit
        if quote == "'" and text.startswith("''", j) and j + 1 < limit:
            i = j + 2  # PowerShell doubles a quote inside a single-quoted string
            continue
        n = 0
        while j - n - 1 >= start and text[j - n - 1] == "\\":
            n += 1
        if n % (2 * k + 2) == k:
            return j - k
        i = j + 1


def _balanced_end(text: str, start: int) -> int:
    """End of the {...} object that opens at `start` (strings skipped), or the line end."""
    depth, i, limit = 0, start, min(len(text), start + MAX_VALUE)
    while i < limit:
        ch = text[i]
        if ch == '"':
            i = _quoted_end(text, i + 1, '"') + 1
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch == "\n":
            return i
        i += 1
    return limit


def _value_span(text: str, pos: int, unquoted: re.Pattern) -> tuple[int, int, bool] | None:
    """Where the value that begins at `pos` lies: (start, end, was_quoted)."""
    q = _OPEN_QUOTE.match(text, pos)
    if q:
        return q.end(), _quoted_end(text, q.end(), q.group(0)), True
    if text.startswith("{", pos):
        return pos, _balanced_end(text, pos), False
    m = unquoted.match(text, pos)
    return (pos, m.end(), False) if m and m.end() > pos else None


@dataclass(frozen=True)
class Rule:
    kind: Callable[[re.Match], str] | str
    pattern: re.Pattern
    # Lowercase words one of which every match contains: a cheap test that skips the regex
    # on the lines (nearly all of them) that cannot match.
    needles: tuple[str, ...]
    # (text, match) -> spans to mask; the default masks group "v" (or the match).
    spans: Callable[[str, re.Match], list[tuple[int, int, bool]]] | None = None

    def kind_of(self, m: re.Match) -> str:
        return self.kind if isinstance(self.kind, str) else self.kind(m)


_UNQUOTED = re.compile(r"[^\s'\"]{1,4096}")
_UNQUOTED_FIELD = re.compile(r"[^\s&;,'\"\])}]{1,4096}")
_UNQUOTED_HEADER = re.compile(r"[^'\"\n]{1,4096}")
_AUTH_TOKEN = re.compile(r"(?:(?:bearer|basic|sharedkey|sharedaccesssignature|pop)\s+)?([^\s,'\"\\]+)")
# Patterns are written in lowercase and run on an ASCII-lowercased copy: same indices as
# the text, and about ten times faster than re.IGNORECASE.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _after(unquoted: re.Pattern):
    def spans(text: str, m: re.Match) -> list[tuple[int, int, bool]]:
        span = _value_span(text, m.end(), unquoted)
        return [span] if span else []
    return spans


def _header_spans(text: str, m: re.Match) -> list[tuple[int, int, bool]]:
    """Every token in an Authorization header value (the auxiliary header lists several)."""
    span = _value_span(text, m.end(), _UNQUOTED_HEADER)
    if not span:
        return []
    start, end, quoted = span
    return [(t.start(1), t.end(1), quoted) for t in _AUTH_TOKEN.finditer(text, start, end)]


def _flag_spans(text: str, m: re.Match) -> list[tuple[int, int, bool]]:
    # -p is the password only for `login` (az login, az acr login); elsewhere it is
    # --publisher or --parameters, which a diagnosis needs.
    if m.group("flag") == "-p":
        line_start = text.rfind("\n", max(0, m.start() - 2000), m.start()) + 1
        if text.rfind("login", max(line_start, m.start() - 2000), m.start()) < 0:
            return []
    return _after(_UNQUOTED)(text, m)


def _default_spans(text: str, m: re.Match) -> list[tuple[int, int, bool]]:
    group = "v" if "v" in m.re.groupindex else 0
    return [(m.start(group), m.end(group), True)]  # a shape, not a name: never a reference


def _flag_kind(m: re.Match) -> str:
    flag = m.group("flag")
    return "account-key" if "key" in flag else "token" if "token" in flag else "password"


def _field_kind(m: re.Match) -> str:
    key = m.group("key")
    for words, kind in (
        (("pass", "pwd"), "password"),
        (("token", "assertion"), "token"),
        (("sas", "signature"), "sas-signature"),
        (("key",), "account-key"),
        (("connection",), "connection-string"),
        (("settings", "data"), "protected-settings"),
    ):
        if any(w in key for w in words):
            return kind
    return "secret"


_Q = r"(?:\\*['\"])"  # a quote, maybe backslash-escaped (JSON inside JSON)
_SECRET_WORDS = (r"password|passwd|pwd|secret|account_?key|shared_?access_?key|access_?key|primary_?key|"
                 r"secondary_?key|shared_?access_?signature|access_?token|refresh_?token|id_?token|sas_?token|"
                 r"auth_?token|client_?assertion|connection_?string|protected_?settings|custom_?data|user_?data")
_GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_TENANT_DOMAIN = r"[a-z0-9-]{1,63}\.onmicrosoft\.com"

_SECRETS: list[Rule] = [
    # JWTs, also cut-off ones (a paste wrapped mid-token keeps the header part).
    Rule("jwt", re.compile(r"(?<![a-z0-9_-])eyj[a-z0-9_-]{10,}(?:\.[a-z0-9_-]*){0,2}"), ("eyj",)),
    # 'Authorization': 'Bearer …' (az), Authorization   : Bearer … (PowerShell), Authorization:… (Java).
    Rule("authorization-header", re.compile(
        r"(?<![\w-])(?:proxy-)?(?:authorization|x-ms-authorization-auxiliary)" + _Q + r"?[ \t]{0,40}[:=][ \t]{0,8}"),
        ("authorization",), _header_spans),
    Rule("bearer-token", re.compile(r"(?<![\w-])bearer\s{1,8}(?P<v>[a-z0-9._~+/-]{16,}=*)"), ("bearer",)),
    # Entra ID client secrets (gitleaks' shape).
    Rule("client-secret", re.compile(
        r"(?<![a-z0-9_~.-])[a-z0-9_~.]{3}[0-9]q~[a-z0-9_~.-]{31,40}(?![a-z0-9_~.-])"), ("q~",)),
    # 'xyz' | ConvertTo-SecureString -AsPlainText
    Rule("password", re.compile(r"(?P<q>['\"])(?P<v>[^'\"\n]{1,512})(?P=q)\s{0,8}\|\s{0,8}convertto-securestring"),
         ("convertto-securestring",)),
    # ConvertTo-SecureString [-AsPlainText] [-Force] [-String] 'xyz'
    Rule("password", re.compile(
        r"convertto-securestring(?:\s{1,8}-(?:asplaintext|force)(?::\$\w+)?)*\s{1,8}(?:-string\s{1,8})?"
        r"(?=" + _Q + r"|[^\s$(-])"), ("convertto-securestring",), _after(_UNQUOTED)),
    # Echoed arguments: login … -p xyz, --password=xyz, ['-p', 'xyz'], -ClientSecret 'xyz' (not $variables).
    Rule(_flag_kind, re.compile(
        r"(?<![\w-])(?P<flag>-p|--?[a-z-]{0,30}(?:password|passwd|secret)|--sas-token|--account-key|"
        r"--connection-string|--access-token|-sastoken|-storageaccountkey|-accesstoken|-accountkey)"
        + _Q + r"?(?:[ \t]{0,8},[ \t]{0,8}|[ \t]{1,8}|=|:)(?=" + _Q + r"|[^\s$\-'\"])"),
        ("-p", "passw", "secret", "token", "key", "-connection-string"), _flag_spans),
    # "adminPassword": "…", \"adminPassword\":\"…\", client_secret=…, AccountKey=…;, "protectedSettings": {…}
    Rule(_field_kind, re.compile(
        r"(?P<key>(?:" + _SECRET_WORDS + r")(?:value|s)?)" + _Q + r"?[ \t]{0,8}[:=][ \t]{0,8}"
        r"(?=" + _Q + r"|\{|[^\s\[$<])"),
        ("pass", "pwd", "secret", "key", "signature", "token", "assertion", "string", "settings", "data"),
        _after(_UNQUOTED_FIELD)),
    # SAS signatures in blob URLs (also JSON-escaped or URL-encoded ampersands).
    Rule("sas-signature", re.compile(r"(?:[?&;]|\\u0026|%26)sig(?:=|%3d)(?P<v>[^&\s'\"\\;<>]{1,1024})"), ("sig",)),
    # Long-running-operation polling URLs carry long signed query values: not credentials, but noise.
    Rule("operation-signature", re.compile(r"(?<=[?&])[sh]=(?P<v>[a-z0-9%_.~+/=-]{20,})"), ("s=", "h=")),
]

_ID_SEPARATOR = _Q + r"?[ \t]{0,8}[:=,]?[ \t]{0,8}" + _Q + "?"
_IDS: list[Rule] = [
    Rule("subscription-id", re.compile(
        r"(?:/subscriptions/|(?<![\w-])-{0,2}subscription(?:[ _-]?id)?" + _ID_SEPARATOR
        + r")(?P<v>" + _GUID + ")"), ("subscription",)),
    Rule("tenant-id", re.compile(
        r"(?:(?:login\.microsoftonline\.com|login\.windows\.net|sts\.windows\.net)/|(?<![\w-])"
        r"-{0,2}(?:tenant(?:[ _-]?id)?|tid)" + _ID_SEPARATOR + r")(?P<v>" + _GUID + "|"
        + _TENANT_DOMAIN + ")"), ("login.", "sts.", "tenant", "tid")),
    Rule("tenant-id", re.compile(r"(?<![\w.-])" + _TENANT_DOMAIN), ("onmicrosoft",)),
    Rule("account-name", re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}"),
         ("@",)),
]


def _needles(rules: list[Rule]) -> tuple[str, ...]:
    return tuple(sorted({needle for rule in rules for needle in rule.needles}))


_SECRET_NEEDLES = _needles(_SECRETS)
_ID_NEEDLES = _needles(_IDS)


def _apply(text: str, rules: list[Rule], needles: tuple[str, ...], counts: Counter) -> str:
    lowered = text.translate(_ASCII_LOWER)
    present = {needle for needle in needles if needle in lowered}
    if not present:
        return text  # the common case: a log line with nothing that could be a secret
    for rule in rules:
        if present.isdisjoint(rule.needles):
            continue
        spans = rule.spans or _default_spans
        out: list[str] = []
        pos = 0
        for m in rule.pattern.finditer(lowered):
            if m.start() < pos:
                continue  # inside a value an earlier match of this rule already masked
            for start, end, quoted in spans(lowered, m):
                value = text[start:end]
                if start < pos or not value or _masked(value) or (not quoted and _REFERENCE.match(value)):
                    continue
                out += (text[pos:start], _mask(value))
                pos = end
                counts[rule.kind_of(m)] += 1
        if out:
            out.append(text[pos:])
            text = "".join(out)
            lowered = text.translate(_ASCII_LOWER)
    return text


def redact_counted(text: str, ids: bool = False) -> tuple[str, Counter]:
    counts: Counter = Counter()
    text = _apply(text, _SECRETS, _SECRET_NEEDLES, counts)
    if ids:
        text = _apply(text, _IDS, _ID_NEEDLES, counts)
    return text, counts


def redact(text: str, ids: bool = False) -> str:
    return redact_counted(text, ids)[0]


_ID_NAME = re.compile(r"subscription|tenant", re.IGNORECASE)


def redact_named(name: str, value: str, ids: bool = False) -> str:
    """A value captured under a name (a placeholder, a request variable): a bare GUID named
    subscriptionId has no context around it to say what it is, but its name does."""
    if ids and value and _ID_NAME.search(name) and not _masked(value):
        return _mask(value)
    return redact(value, ids)
