"""SDK error texts: Go azcore's `RESPONSE 404: 404 Not Found` / `ERROR CODE: X` banner with its JSON body,
Python exceptions (`azure.core.exceptions.ResourceExistsError: (Code) Message`, `HttpResponseError`,
msrestazure `CloudError: Azure Error: ...`, the last line of a traceback), and .NET's
`Operation returned an invalid status code 'BadRequest'` / `RequestFailedException`.
"""

from __future__ import annotations

import re

from .arm_json import json_findings
from .base import Finding, Parser, finding
from .clean import Line
from .context import Context
from .fields import FieldBlock, azure_error
from .record import Request

_AZCORE_REQUEST = re.compile(r"(?:^|\s)(GET|PUT|POST|DELETE|PATCH|HEAD) (https?://\S+)$")
_AZCORE_RESPONSE = re.compile(r"^RESPONSE (\d{3}):? ?(.*)$")
_AZCORE_CODE = re.compile(r"^ERROR CODE: (\S+)")
_DASHES = re.compile(r"^-{20,}$")
_TRACEBACK = "Traceback (most recent call last)"
MAX_TRACEBACK_LINES = 500
# Azure SDK exception names recognised even without their module path or a traceback before them.
_AZURE_EXCEPTIONS = {"HttpResponseError", "ResourceExistsError", "ResourceNotFoundError", "ResourceModifiedError",
                     "ClientAuthenticationError", "ServiceRequestError", "ServiceResponseError", "CloudError",
                     "ODataV4Error", "RequestFailedException", "CloudException", "ApiErrorException"}
_EXCEPTION = re.compile(r"^((?:[A-Za-z_]\w*\.)+)?([A-Za-z_]\w*(?:Error|Exception|Fault)): (.*)$", re.S)
_PAREN = re.compile(r"^\(([A-Z][\w.]*)\)\s?(.*)$", re.S)
_INVALID_STATUS = re.compile(r"Operation returned an invalid status(?: code)? '([^']+)'")


class SdkParser(Parser):
    source = "sdk"

    def __init__(self) -> None:
        self.banner_code: str | None = None  # set while inside an azcore banner
        self.banner_line = 0
        self.in_traceback = 0  # lines left to find the exception line of a traceback
        self.block: FieldBlock | None = None
        self.request = Request()

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        found, took = self.continue_block(line, ctx, claimed)
        if took:
            return [], True
        if claimed:
            return found, False
        text = line.text.strip()
        if self.banner_code is not None:
            banner, done = self._banner(line, text, ctx)
            found += banner
            if done:
                return found, True
        if _TRACEBACK in text:  # also IPython's `HttpResponseError    Traceback (most recent call last)`
            self.in_traceback = MAX_TRACEBACK_LINES
            return found, True
        if match := _AZCORE_REQUEST.search(text):
            ctx.start_request(url=match.group(2), method=match.group(1))
            self.banner_code, self.banner_line = "", line.number
            return found, False
        exception = _EXCEPTION.match(text)
        if exception and (exception.group(1) or self.in_traceback or exception.group(2) in _AZURE_EXCEPTIONS):
            self.in_traceback = 0
            return found + self._exception(line, exception.group(3), ctx), True
        self.in_traceback = max(0, self.in_traceback - 1)
        if match := _INVALID_STATUS.search(text):
            request = ctx.failing_request()
            request.status = request.status or match.group(1)
            return found + [finding(ctx, self.source, line.number, match.group(0), request=request)], True
        return found, False

    def idle(self) -> bool:
        return self.block is None and self.banner_code is None and not self.in_traceback

    def close(self, ctx: Context) -> list[Finding]:
        found = self._finish(ctx) if self.block else []
        if self.banner_code:
            found.append(finding(ctx, self.source, self.banner_line, "", self.banner_code))
        return found

    def _banner(self, line: Line, text: str, ctx: Context) -> tuple[list[Finding], bool]:
        """Inside `RESPONSE ...` / `ERROR CODE: ...` / dashes / JSON / dashes. (findings, line used)."""
        if match := _AZCORE_RESPONSE.match(text):
            ctx.set_status(match.group(1))
            return [], True
        if match := _AZCORE_CODE.match(text):
            code = match.group(1)
            self.banner_code = "" if code.upper() == "UNAVAILABLE" else code
            self.banner_line = line.number
            return [], True
        if _DASHES.match(text):
            return [], True
        code, self.banner_code = self.banner_code, None
        if text.startswith("{"):
            found = json_findings(ctx, self.source, line, code=code)
            if found:
                return found, True
        if code:
            return [finding(ctx, self.source, self.banner_line, "", code)], False
        return [], False

    def _exception(self, line: Line, message: str, ctx: Context) -> list[Finding]:
        if match := _INVALID_STATUS.search(message):
            request = ctx.failing_request()
            request.status = request.status or match.group(1)
            return [finding(ctx, self.source, line.number, match.group(0), request=request)]
        if match := _PAREN.match(message):
            block = FieldBlock.start(line.number, match.group(1), match.group(2), origin=line)
        elif item := azure_error(message):
            block = FieldBlock.start(line.number, item.code, item.message, item.target, origin=line)
        else:
            block = FieldBlock.start(line.number, message=message, origin=line)
        self.block, self.request = block, ctx.failing_request()
        return []

    def _finish(self, ctx: Context) -> list[Finding]:
        block, self.block = self.block, None
        request = self.request
        request.status = request.status or block.status
        return [finding(ctx, self.source, item.line, item.message, item.code, item.target, request)
                for item in block.errors()]
