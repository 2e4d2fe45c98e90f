"""Terraform (azurerm) and other Go autorest output.

- autorest: `Code="X" Message="Y" Target="Z"` (also backslash-escaped `Code=\\"X\\"`, Pulumi's `Message=""...""`,
  `Details=[{json}]` holding the real error under a generic DeploymentFailed);
- go-azure-sdk: `unexpected status 409 (409 Conflict) with error: Code: Message` and the polling
  `Status: "..."` / `Code: "..."` / `Message: "..."` block;
- the `Error: creating/updating Shared Image Version "v" (...)` header, whose wording gives the hints;
- the TF_LOG=DEBUG trace (`AzureRM Request:` / `AzureRM Response for <url>:` with headers and body).
"""

from __future__ import annotations

import re

from .arm_json import errors_in_text, is_generic, json_findings
from .base import Finding, Parser, finding
from .blocks import merge
from .clean import Line
from .context import Context, hints_from_wording, is_success
from .fields import FieldBlock
from .text import split_code_suffix, unescape_once

_CODE = re.compile(r'\bCode="([^"\n]*)"')
_TARGET = re.compile(r'\bTarget="([^"\n]*)"?')
_STATUS = re.compile(r"\b(?:StatusCode|Status)=(\d{3})\b")
_MESSAGE_END = re.compile(r'"\s+(?:Target|Details|InnerError|AdditionalInfo)=')
_QUOTE_AT_LINE_END = re.compile(r'"[ \t]*(?:\n|$)')
_DETAILS = re.compile(r"\bDetails=(\[.*)$", re.S)
_UNEXPECTED = re.compile(r"unexpected status (\d{3})(?: \([^)\n]*\))? with error:\s*([A-Za-z][\w.]*): ([^\n]+)")
_ERROR_HEADER = re.compile(r"^(?:Error: |\* (?:azurerm_|module\.|data\.)\S*: )(.*)$", re.S)
_HEADER_END = re.compile(r"^\s*(?:with |on \S+ line \d+|Error: )")
_POLLING = "the following error:"
_TRAILER = re.compile(r"\n[ \t]*(?:Activity ID|RequestId|Request ID|Time|Correlation ID|Timestamp):", re.I)
_TF_REQUEST_LINE = re.compile(r"^(GET|PUT|POST|DELETE|PATCH|HEAD) (/\S*) HTTP/[\d.]+$")
_TF_RESPONSE_FOR = re.compile(r"AzureRM Response for (https?://\S+?):?\s*$")
_TF_STATUS_LINE = re.compile(r"^HTTP/[\d.]+ (\d{3})")
_TF_HEADER = re.compile(r"^(X-Ms-Request-Id|X-Ms-Correlation-Request-Id): (\S+)", re.I)
MAX_HEADER_LINES = 30


def autorest_errors(text: str) -> list[tuple[str, str, str, int, str]]:
    """(code, message, target, offset, status) for each innermost error in autorest text."""
    if 'Code=\\"' in text:
        text = unescape_once(text)
    code_match = _CODE.search(text)
    message_at = text.find('Message="', code_match.end() if code_match else 0)
    if not code_match or message_at < 0:
        return []
    start = message_at + len('Message="')
    end_match = _MESSAGE_END.search(text, start) or _QUOTE_AT_LINE_END.search(text, start)
    end = end_match.start() if end_match else len(text)
    message = text[start:end] if end > start else text[start:]
    code = code_match.group(1)
    target_match = _TARGET.search(text, start)
    target = target_match.group(1) if target_match else ""
    status_match = _STATUS.search(text)
    status = status_match.group(1) if status_match else ""
    details = _DETAILS.search(text, start)
    children = errors_in_text(details.group(1)) if details else []
    if children and is_generic(code, message):
        return [(e.code, e.message, e.target, details.start(1), status) for e in children]
    found = [(code, message, target, start, status)]
    return found + [(e.code, e.message, e.target, details.start(1), status) for e in children]


def autorest_findings(ctx: Context, source: str, line: Line, text: str | None = None) -> list[Finding]:
    """Findings for the autorest errors in `text` (default: the whole line)."""
    text = line.text if text is None else text
    base = max(line.text.find(text), 0)
    found = []
    for code, message, target, offset, status in autorest_errors(text):
        request = ctx.failing_request()
        request.status = status or request.status
        found.append(finding(ctx, source, line.number_at(base + offset), message, code, target, request))
    return found


class TerraformParser(Parser):
    source = "terraform"

    def __init__(self) -> None:
        self.header: list[Line] = []
        self.block: FieldBlock | None = None
        self.block_started = False
        self.trace = ""  # "request" / "response" inside a TF_LOG HTTP dump

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        found: list[Finding] = []
        if self.header:
            if not claimed and not self._header_ends(line):
                self.header.append(line)
                return [], True
            found = self._finish_header(ctx)
        if self.block:
            used, more = self._feed_block(line, ctx, claimed)
            found += more
            if used:
                return found, True
        if claimed:
            return found, False
        text = line.text
        if self.trace or "AzureRM Re" in text:
            traced, used = self._tf_log(line, ctx)
            if used:
                return found + traced, True
        if _ERROR_HEADER.match(text.strip()) and line.level in ("", "ERROR"):
            self.header = [line]
            return found, True
        if 'Code="' in text or 'Code=\\"' in text or "unexpected status" in text:
            more = self._analyse(line, ctx, "sdk")  # Go autorest text outside a Terraform error
            return found + more, bool(more)
        return found, False

    def idle(self) -> bool:
        return not self.header and self.block is None and not self.trace

    def close(self, ctx: Context) -> list[Finding]:
        found = self._finish_header(ctx) if self.header else []
        if self.block:
            found += self._block_findings(ctx)
        return found

    def _header_ends(self, line: Line) -> bool:
        return (not line.text.strip() or line.prefixed or len(self.header) >= MAX_HEADER_LINES
                or bool(_HEADER_END.match(line.text)))

    def _finish_header(self, ctx: Context) -> list[Finding]:
        header, self.header = merge(self.header), []
        target, operation = hints_from_wording(header.text)
        if target or operation:
            ctx.wording = (target, operation)
        found = self._analyse(header, ctx)
        if found:
            return found
        if header.text.rstrip().endswith(_POLLING):
            self.block, self.block_started = FieldBlock(), False
            return []
        message, code = split_code_suffix(_TRAILER.split(_ERROR_HEADER.match(header.text.strip()).group(1))[0])
        source = self.source if (target or operation or "azurerm" in header.text) else "plain"
        return [finding(ctx, source, header.number, message, code, weak=True)]

    def _analyse(self, line: Line, ctx: Context, source: str = "terraform") -> list[Finding]:
        found = autorest_findings(ctx, source, line)
        if not found and (match := _UNEXPECTED.search(line.text)):
            request = ctx.failing_request()
            request.status = match.group(1)
            found.append(finding(ctx, source, line.number_at(match.start(3)), match.group(3),
                                 match.group(2), request=request))
        return found

    def _tf_log(self, line: Line, ctx: Context) -> tuple[list[Finding], bool]:
        """TF_LOG=DEBUG: `AzureRM Request:` then `PUT /path HTTP/1.1`, headers, body; `AzureRM Response for
        <url>:` then `HTTP/2.0 404 Not Found`, headers, body; each dump ends with `: timestamp=...`."""
        text = line.text.strip()
        if text.endswith("AzureRM Request:"):
            self.trace = "request"
            return [], True
        if match := _TF_RESPONSE_FOR.search(text):
            self.trace = "response"
            if ctx.request is None or ctx.request.url.split("?")[0] != match.group(1).split("?")[0]:
                ctx.start_request(url=match.group(1))
            return [], True
        if not self.trace or line.prefixed or text.startswith(": timestamp="):
            self.trace = ""
            return [], bool(text.startswith(": timestamp="))
        if self.trace == "request" and (match := _TF_REQUEST_LINE.match(text)):
            ctx.start_request(url="https://management.azure.com" + match.group(2), method=match.group(1))
        elif self.trace == "response" and (match := _TF_STATUS_LINE.match(text)):
            ctx.set_status(match.group(1))
        elif self.trace == "response" and (match := _TF_HEADER.match(text)):
            name = match.group(1).lower()
            ctx.set_ids(**{"request_id" if name == "x-ms-request-id" else "correlation_id": match.group(2)})
        elif self.trace == "response" and text.startswith("{"):
            status = ctx.current().status
            return json_findings(ctx, self.source, line, failed_only=is_success(status), from_trace=True), True
        return [], True

    def _feed_block(self, line: Line, ctx: Context, claimed: bool) -> tuple[bool, list[Finding]]:
        """The go-azure-sdk polling block after `the Azure API returned the following error:`."""
        if claimed:
            return False, self._block_findings(ctx)
        if not line.text.strip() and not self.block_started:
            return True, []
        if self.block.add(line):
            self.block_started = True
            return True, []
        found = self._block_findings(ctx)
        if line.text.lstrip().startswith("{"):  # the `API Response:` body
            found += json_findings(ctx, self.source, line)
            return True, found
        return False, found

    def _block_findings(self, ctx: Context) -> list[Finding]:
        block, self.block = self.block, None
        return [finding(ctx, self.source, item.line, item.message, item.code, item.target)
                for item in block.errors()]
