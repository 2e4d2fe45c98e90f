"""One redaction layer for everything sigdoctor shows or stores.

Secrets (tokens, keys, passwords, SAS signatures) are always replaced.
Subscription and tenant ids are kept on screen (they help the user) and masked
when output is meant to be shared (`ids=True`).
"""

from __future__ import annotations

import re
from collections import Counter

MASK = "***"

# (kind, pattern, group to mask or 0 for the whole match)
_SECRETS: list[tuple[str, re.Pattern, int]] = [
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), 0),
    ("bearer", re.compile(r"(?i)\bBearer\s+([A-Za-z0-9._~+/-]{8,}=*)"), 1),
    ("authorization-header", re.compile(
        r"(?i)(?:['\"]?(?:authorization|x-ms-authorization-auxiliary)['\"]?\s*[:=]\s*['\"]?)"
        r"((?:Bearer\s+|Basic\s+|SharedKey\s+)?[^'\"\s,]{6,}(?:[^'\"\n,]{0,4000})?)"), 1),
    ("client-secret", re.compile(r"\b[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}\b"), 0),
    ("password-argument", re.compile(
        r"(?i)(?:['\"]|\s|^)(?:-p|--password|--admin-password|--client-secret|--secret|-AdminPassword|-Password|"
        r"-ClientSecret)['\"]?(?:\s*,\s*|\s+|=)['\"]?([^'\"\s,\]]{1,512})"), 1),
    ("password-field", re.compile(
        r"(?i)['\"]?(?:adminPassword|password|clientSecret|client_secret|secret|protectedSettings|customData)"
        r"['\"]?\s*[:=]\s*['\"]([^'\"]{1,4096})['\"]"), 1),
    ("sas-signature", re.compile(r"(?i)([?&]sig=)([^&\s'\"]{1,512})"), 2),
    ("account-key", re.compile(r"(?i)\b(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/=]{20,})"), 1),
]
_GUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_IDS: list[tuple[str, re.Pattern, int]] = [
    ("subscription-id", re.compile(r"(?i)(/subscriptions/|subscription\s+['\"]?|subscription ID\s+['\"]?)(" + _GUID + ")"), 2),
    ("tenant-id", re.compile(r"(?i)(login\.microsoftonline\.com/|tenant\s+['\"]?|tenantId['\"]?\s*[:=]\s*['\"]?)(" + _GUID + ")"), 2),
]


def _apply(text: str, rules, counts: Counter) -> str:
    for kind, pattern, group in rules:
        def replace(m: re.Match, kind=kind, group=group) -> str:
            if group == 0:
                counts[kind] += 1
                return MASK
            value = m.group(group)
            if not value or value == MASK or set(value) <= {"*"} or value.upper() == "REDACTED":
                return m.group(0)
            counts[kind] += 1
            start, end = m.start(group) - m.start(0), m.end(group) - m.start(0)
            whole = m.group(0)
            return whole[:start] + MASK + whole[end:]
        text = pattern.sub(replace, text)
    return text


def redact_counted(text: str, ids: bool = False) -> tuple[str, Counter]:
    counts: Counter = Counter()
    text = _apply(text, _SECRETS, counts)
    if ids:
        text = _apply(text, _IDS, counts)
    return text, counts


def redact(text: str, ids: bool = False) -> str:
    return redact_counted(text, ids)[0]
