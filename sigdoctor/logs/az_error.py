"""The final error text: az's `ERROR:` line and the `(Code) Message` / `Code:` / `Message:` / `Target:`
block (with `Exception Details:`), `Deployment failed. Correlation ID: ... {json}`, msrestazure's
`Azure Error: Code` + `Message: ...`, argparse's `az sig ...: error: argument --x: invalid int value: 'y'`,
and the same `Status:`/`Code:`/`Message:` block as go-azure-sdk (Terraform) prints it.
"""

from __future__ import annotations

import re

from .arm_json import json_findings
from .base import Finding, Parser, finding
from .clean import Line
from .context import Context, typed_command
from .fields import FieldBlock, azure_error
from .record import Request

_ARGPARSE = re.compile(r"^(az(?: [a-z][\w-]*){0,4}): error: (.+)$")
_PAREN = re.compile(r"^\(([A-Z][\w.]*)\)\s?(.*)$", re.S)
_DEPLOYMENT_FAILED = re.compile(r"Deployment failed\. Correlation ID: ([0-9a-fA-F-]{36})\.?\s*(.*)$", re.S)
_CORRELATION = re.compile(r"Correlation ID: ([0-9a-fA-F-]{36})")
_FIELD_START = re.compile(r"^(?:Code|Message|Status|ErrorCode|ErrorMessage): ")
_ERROR_LOGGERS = ("azclierror", "az_command_data_logger")
_ERROR_LEVELS = ("ERROR", "CRITICAL", "FATAL")
_POWERSHELL_FIELDS = {"errorcode", "errormessage", "operationid"}
# What az_command_data_logger says besides the error (a colour paste has no level to tell them apart).
_DATA_LOGGER_INFO = re.compile(r"^(?:exit code|command args|extension (?:name|version))\b", re.I)


class AzErrorParser(Parser):
    source = "az"

    def __init__(self) -> None:
        self.block: FieldBlock | None = None
        self.block_weak = False  # the block is a bare `ERROR: sentence`
        self.request = Request()

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        found, took = self.continue_block(line, ctx, claimed)
        if took:
            return [], True
        if claimed or not self._may_hold_error(line):
            return found, False
        text = line.text.strip()
        if match := _ARGPARSE.match(text):
            if len(match.group(1).split()) > 1:
                ctx.command = match.group(1)
            found.append(finding(ctx, self.source, line.number, match.group(2), request=Request()))
        elif not line.level and (command := typed_command(text)):
            ctx.command = command
        elif match := _DEPLOYMENT_FAILED.search(text):
            found.extend(self._deployment(line, match.group(1), match.group(2), ctx))
        elif match := _PAREN.match(text):
            self._start(ctx, FieldBlock.start(line.number, match.group(1), match.group(2), origin=line))
        elif text.startswith("Azure Error: ") and (item := azure_error(text)):
            self._start(ctx, FieldBlock.start(line.number, item.code, item.message, item.target, origin=line))
        elif _FIELD_START.match(text) and not line.logger:
            self._start(ctx, FieldBlock())
            self.block.add(line)
        elif text and (line.level in _ERROR_LEVELS or (
                line.logger.endswith(_ERROR_LOGGERS) and not line.level and not _DATA_LOGGER_INFO.match(text))):
            found.extend(self._error_line(line, text, ctx))
        else:
            return found, False
        return found, True

    def close(self, ctx: Context) -> list[Finding]:
        return self._finish(ctx) if self.block else []

    def idle(self) -> bool:
        return self.block is None

    @staticmethod
    def _may_hold_error(line: Line) -> bool:
        if line.logger == "logfmt":  # other tools' error-level chatter (openshift-install: `with ...,`)
            return False
        if line.logger and not line.logger.endswith(_ERROR_LOGGERS):
            return line.level in _ERROR_LEVELS
        return line.level in _ERROR_LEVELS or not line.level

    def _start(self, ctx: Context, block: FieldBlock) -> None:
        self.block, self.block_weak = block, False
        self.request = ctx.failing_request()

    def _finish(self, ctx: Context) -> list[Finding]:
        block, self.block = self.block, None
        request = self.request
        request.status = request.status or block.status
        request.request_id = request.request_id or block.request_id
        source = "powershell" if block.seen & _POWERSHELL_FIELDS else self.source
        return [finding(ctx, source, item.line, item.message, item.code, item.target, request,
                        weak=self.block_weak and not item.code)
                for item in block.errors()]

    def _deployment(self, line: Line, correlation_id: str, rest: str, ctx: Context) -> list[Finding]:
        request = ctx.failing_request()
        request.correlation_id = correlation_id
        found = json_findings(ctx, self.source, line, rest, request=request)
        if not found and rest.strip() and "{" not in rest:
            found = [finding(ctx, self.source, line.number, rest, request=request)]
        return found

    def _error_line(self, line: Line, text: str, ctx: Context) -> list[Finding]:
        request = ctx.failing_request()
        correlation = _CORRELATION.search(text)
        if correlation:
            request.correlation_id = correlation.group(1)
        if "{" in text:
            found = json_findings(ctx, self.source, line, request=request)
            if found or text.startswith("{"):
                return found
        # Azure DevOps' `##[error]<message>` may be followed by PowerShell's ErrorCode:/ErrorMessage: lines.
        self.block, self.request = FieldBlock.start(line.number, message=text, origin=line), request
        self.block_weak = True
        return []
