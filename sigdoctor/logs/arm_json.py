"""JSON error objects: `{"error":{...}}`, `{"code","message","details":[...]}`, LRO bodies with
`"status":"Failed"`, replication status, OAuth errors; down to the innermost real error.

ARM nests errors in `details[]` and in messages that are JSON documents serialized as strings
(escaped once or twice). Generic wrappers (DeploymentFailed, "At least one resource deployment
operation failed", "terminal provisioning state 'Failed'") are dropped when a child says more.
Cut-off JSON (a paste that ends mid-document) is read with a tolerant regex fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Finding, Parser, finding
from .clean import Line
from .context import Context
from .record import Request
from .text import (
    clean_message,
    json_spans,
    json_string,
    looks_like_json,
    parse_json,
    strip_quotes,
    unescape_once,
)

MAX_DEPTH = 12
MAX_NODES = 20000

_GENERIC_CODES = {"deploymentfailed", "resourcedeploymentfailure", "invalidtemplatedeployment",
                  "multipleerrorsoccurred"}
_GENERIC_MESSAGE = re.compile(
    r"at least one resource deployment operation failed|terminal provisioning state '?failed"
    r"|is not valid according to the validation procedure|failed with multiple errors"
    r"|^operation returned an invalid status|multiple errors? (?:have )?occurred"
    r"|^the request has been completed with result failed",
    re.I,
)
_FAILED = {"failed"}
_CODE_FIELD = re.compile(r'"code"\s*:\s*"((?:[^"\\]|\\.)*)"')
_MESSAGE_FIELD = re.compile(r'"message"\s*:\s*"((?:[^"\\]|\\.)*)')
_TARGET_FIELD = re.compile(r'"target"\s*:\s*"((?:[^"\\]|\\.)*)"')


@dataclass
class JsonError:
    code: str
    message: str
    target: str = ""
    offset: int = 0  # where in the scanned text it was found


def is_generic(code: str, message: str) -> bool:
    """A wrapper that only says "something below failed"."""
    return code.lower() in _GENERIC_CODES or bool(_GENERIC_MESSAGE.search(message or ""))


def errors_in_text(text: str, failed_only: bool = False, depth: int = 0) -> list[JsonError]:
    """Every innermost error in the JSON documents found in text (which may hold other words too)."""
    found: list[JsonError] = []
    if depth > MAX_DEPTH or "{" not in text:
        return found
    for start, end in json_spans(text):
        chunk = text[start:] if end < 0 else text[start:end]
        value = parse_json(chunk) if end >= 0 else None
        if value is None:
            errors = [] if failed_only and '"failed"' not in chunk.lower() else _fallback(chunk)
        else:
            errors = _Walker(failed_only, depth).errors(value)
        for error in errors:
            error.offset = _locate(text, error.message, start)
        found.extend(errors)
    if not found and not failed_only and ('\\"code\\"' in text or '\\"message\\"' in text):
        found = _fallback(text)  # escaped JSON outside any readable document
    return _unique(found)


class _Walker:
    def __init__(self, failed_only: bool, depth: int) -> None:
        self.failed_only = failed_only
        self.depth = depth
        self.nodes = 0
        self.found: list[JsonError] = []

    def errors(self, value) -> list[JsonError]:
        self._walk(value, failed=False, top=True, level=0)
        return self.found

    def _walk(self, value, failed: bool, top: bool, level: int) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES or level > 40:
            return
        if isinstance(value, list):
            for item in value:
                self._walk(item, failed, top=False, level=level + 1)
        elif isinstance(value, str):
            if looks_like_json(value) and self.depth < MAX_DEPTH:
                self.found.extend(errors_in_text(strip_quotes(value), self.failed_only and not failed,
                                                 self.depth + 1))
        elif isinstance(value, dict):
            self._walk_object(value, failed or _is_failed(value), top, level)

    def _walk_object(self, obj: dict, failed: bool, top: bool, level: int) -> None:
        allowed = failed or not self.failed_only
        key = "error" if "error" in obj else "odata.error"  # OData services (Storage, Graph)
        error = obj.get(key)
        skip = set()
        if isinstance(error, dict) and (error.get("code") or error.get("message")):
            skip.add(key)
            if allowed:
                self.found.extend(innermost(error, self.depth))
        elif isinstance(error, str) and error and isinstance(obj.get("error_description"), str) and allowed:
            self.found.append(JsonError(error, clean_message(obj["error_description"])))
        if _is_error_shaped(obj, top) and allowed:
            self.found.extend(innermost(obj, self.depth))
            return
        details = obj.get("details")
        if isinstance(details, str) and str(obj.get("state", "")).lower() in _FAILED and details.strip():
            self.found.append(JsonError("", clean_message(details)))  # regional replication status
        for key, child in obj.items():
            if key not in skip:
                self._walk(child, failed, top=False, level=level + 1)


def _is_failed(obj: dict) -> bool:
    for key in ("status", "provisioningState", "state"):
        value = obj.get(key)
        if isinstance(value, str) and value.lower() in _FAILED:
            return True
    return False


def _is_error_shaped(obj: dict, top: bool) -> bool:
    """A bare `{"code","message"}` object counts at the top of a document or when it says it is an error."""
    code, message = obj.get("code"), obj.get("message")
    if not isinstance(code, str) or not isinstance(message, (str, dict)) or not (code or message):
        return False
    if str(obj.get("level", "")).lower() in ("info", "warning") or code.lower().endswith("succeeded"):
        return False
    return top or str(obj.get("level", "")).lower() == "error" or "details" in obj


def _text(value) -> str:
    if isinstance(value, dict):  # OData: "message": {"lang": "en-US", "value": "..."}
        value = value.get("value", "")
    return value if isinstance(value, str) else ("" if value is None else str(value))


def innermost(error: dict, depth: int = 0) -> list[JsonError]:
    code, target = _text(error.get("code")), _text(error.get("target"))
    message = _text(error.get("message"))
    children: list[JsonError] = []
    bare = strip_quotes(message.strip())
    message_is_json = looks_like_json(bare)
    if depth < MAX_DEPTH and (message_is_json or ('{"' in message and '"code"' in message)):
        children.extend(errors_in_text(bare if message_is_json else message, depth=depth + 1))
    details = error.get("details")
    if isinstance(details, list):
        for detail in details[:100]:
            if isinstance(detail, dict) and (detail.get("code") or detail.get("message")):
                children.extend(innermost(detail, depth))
    this = JsonError(code, clean_message(message), target)
    if children and (is_generic(code, message) or message_is_json or not this.message):
        return _unique(children)
    if message_is_json:  # unreadable inner document: the regex fallback may still find its error
        children = _fallback(bare)
        if children:
            return children
    return _unique([this, *children]) if this.message or this.code else children


def _fallback(text: str) -> list[JsonError]:
    """Cut-off or oddly escaped JSON: pair `"code"` and `"message"` fields by position, unescaping
    level by level (`\\"` -> `"`) so errors nested as escaped strings come out too."""
    found: list[JsonError] = []
    for _ in range(4):
        found.extend(_pairs(text))
        if '\\"' not in text:
            break
        text = unescape_once(text)
    real = [e for e in found if e.message and not looks_like_json(e.message)]
    specific = [e for e in real if not is_generic(e.code, e.message)]
    return _unique(specific or real)


def _pairs(text: str) -> list[JsonError]:
    codes = [(m.start(), json_string(m.group(1))) for m in _CODE_FIELD.finditer(text)]
    targets = [(m.start(), json_string(m.group(1))) for m in _TARGET_FIELD.finditer(text)]
    pairs: list[JsonError] = []
    previous_end = 0
    for match in _MESSAGE_FIELD.finditer(text):
        raw = match.group(1)
        message = json_string(raw)
        if looks_like_json(message):
            previous_end = match.end()
            continue
        near = [c for pos, c in codes if previous_end <= pos < match.start()]
        after = [c for pos, c in codes if match.end() <= pos < match.end() + 200]
        code = near[-1] if near else (after[0] if after else "")
        target = next((t for pos, t in targets if match.end() <= pos < match.end() + 300), "")
        pairs.append(JsonError(code, clean_message(message), target))
        previous_end = match.end()
    return pairs


def _locate(text: str, message: str, start: int) -> int:
    probe = message[:40]
    for candidate in (probe, probe[:15]):
        if candidate:
            position = text.find(candidate, start)
            if position >= 0:
                return position
    return start


def _unique(errors: list[JsonError]) -> list[JsonError]:
    seen: set[str] = set()
    out: list[JsonError] = []
    for error in errors:
        key = (error.message or error.code).lower()
        if key not in seen:
            seen.add(key)
            out.append(error)
    return out


def json_findings(ctx: Context, source: str, line: Line, text: str | None = None, failed_only: bool = False,
                  code: str = "", request: Request | None = None, from_trace: bool = False) -> list[Finding]:
    """One finding per innermost error in the JSON found in `text` (default: the whole line)."""
    text = line.text if text is None else text
    base = line.text.find(text) if text is not line.text else 0
    return [
        finding(ctx, source, line.number_at(max(base, 0) + err.offset), err.message, err.code or code,
                err.target, request, from_trace)
        for err in errors_in_text(text, failed_only)
    ]


class ArmJsonParser(Parser):
    """Any JSON error document no other parser claimed: pasted bodies, `az deployment` output..."""

    source = "arm"

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        text = line.text
        if claimed or "{" not in text or not ('"code"' in text or '"error"' in text or '\\"code' in text
                                                 or '"message"' in text):
            return [], False
        found = json_findings(ctx, self.source, line)
        return found, bool(found)

    def idle(self) -> bool:
        return True  # keeps nothing between lines
