"""Azure PowerShell: `-Debug` HTTP REQUEST/RESPONSE blocks, the `Cmdlet-Name : message` exception with
`ErrorCode:`/`ErrorMessage:`/`ErrorTarget:`/`StatusCode:`/`OperationID :`, `Long running operation
failed ... Additional Info:'...'`, parameter-binding errors, and the AzureQoSEvent telemetry record.
"""

from __future__ import annotations

import re

from .arm_json import json_findings
from .base import Finding, Parser, finding
from .clean import Line
from .context import Context, is_setup_cmdlet, is_success
from .fields import FieldBlock, Item
from .record import Request

_HTTP_MARKER = re.compile(r"^=+ HTTP (REQUEST|RESPONSE) =+$")
_LABELS = {"HTTP Method:": "method", "Absolute Uri:": "uri", "Status Code:": "status", "Headers:": "headers",
           "Body:": "body"}
_HEADER = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$")
_VERBS = ("New|Get|Set|Remove|Update|Add|Start|Stop|Restart|Invoke|Register|Unregister|Connect|Import|Export"
          "|Test|Save|Grant|Revoke|Publish|Enable|Disable|Move|Copy|Clear|Wait|Resize|Reset|Sync|Select|Find")
_CMDLET = rf"(?:{_VERBS})-(?:Az(?:ureRm)?[A-Z]\w*|RestMethod|WebRequest)"
_CMDLET_ERROR = re.compile(rf"^({_CMDLET})\s?:(?:\s(.*))?$", re.S)
_TYPED_CMDLET = re.compile(rf"^({_CMDLET})(?:\s+-\w|\s*$)")
_CATEGORY = re.compile(rf"^\+?\s*CategoryInfo\s*:.*\[({_CMDLET})\]")
_SCRIPT_LOCATION = re.compile(r"^\S*\.ps1:\d+$")
_TIME_PREFIX = re.compile(r"^\d{1,2}:\d\d:\d\d(?: ?[AaPp][Mm])? - ")
_LRO_FAILED = re.compile(r"^Long running operation failed with status '\w+'\.?\s*(?:Additional Info:\s*'(.*)')?", re.S)
_BIND_ERROR = re.compile(r"^Cannot (?:bind parameter|bind argument to parameter|process argument transformation"
                         r" on parameter|validate argument on parameter)\b")
_QOS = re.compile(r"^AzureQoSEvent:\s*(.*)$", re.S)
_QOS_COMMAND = re.compile(r"CommandName(?: -|:) ([\w-]+)")
_QOS_FAILED = re.compile(r"IsSuccess(?: -|:) False", re.I)
_QOS_EXCEPTION = re.compile(r"\bException(?: -|:) (.*)$", re.S)
_EXCEPTION_TYPE = re.compile(r"^(?:[\w.`]+(?:Exception|Error)\s?:\s*)+")
_CODE_MESSAGE = re.compile(r"\bCode=(\w+); Message=(.+)$", re.S)
_FIELD_LINE = re.compile(r"^\s*(?:ErrorCode|ErrorMessage|ErrorTarget|StatusCode|ReasonPhrase|OperationID)\s?:")
# After the message: `At line:1 char:1`, `+ ...` echo and `+ CategoryInfo : ... [Cmdlet]`, or a stack trace.
_TRAILER = re.compile(r"^\s*(?:At line:|At [A-Za-z]:\\|\+ |at )")


class PowerShellParser(Parser):
    source = "powershell"

    def __init__(self) -> None:
        self.mode = ""  # "request" / "response" while inside an HTTP block
        self.label = ""  # the `Label:` whose value comes next
        self.block: FieldBlock | None = None
        self.awaiting_message = False
        self.header_lines = 0  # lines of the message before the first `ErrorCode:` field
        self.in_trailer = False  # reading the `At line:` / `+ CategoryInfo` lines after the message
        self.request = Request()
        self.after_error_line = False
        self.telemetry = False  # the open block is an AzureQoSEvent  # previous line was a bare `ERROR`-level message (##[error]...)

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        found: list[Finding] = []
        if self.block:
            if not claimed and self._extend_block(line, ctx):
                return [], True
            found = self._finish(ctx)
        after_error_line, self.after_error_line = self.after_error_line, line.level == "ERROR" and not claimed
        if claimed:
            return found, False
        text = line.text.strip()
        if _HTTP_MARKER.match(text) or (self.mode and not line.prefixed and (self.label or text in _LABELS
                                                                               or not text)):
            return found + self._http(line, text, ctx), True
        self.mode = ""
        if match := _QOS.match(text):
            self._qos(line, match.group(1), ctx)
        elif match := _CMDLET_ERROR.match(text):
            ctx.command = match.group(1)
            message = match.group(2) or ""
            message = "" if _SCRIPT_LOCATION.match(message.strip()) else _TIME_PREFIX.sub("", message)
            self._start(ctx, line, message)
        elif _FIELD_LINE.match(text) and after_error_line:
            return found, False  # the az parser reads these fields under the ERROR line it holds
        elif _LRO_FAILED.match(text) or _BIND_ERROR.match(text) or _FIELD_LINE.match(text):
            self._start(ctx, line, "" if _FIELD_LINE.match(text) else text)
            if _FIELD_LINE.match(text):
                self.block.add(line)
        elif match := _CODE_MESSAGE.search(text):
            found.append(finding(ctx, self.source, line.number, match.group(2), match.group(1)))
        else:
            command = _TYPED_CMDLET.match(text) or _CATEGORY.match(text)
            if command and not is_setup_cmdlet(command.group(1)):
                ctx.command = command.group(1)
            return found, bool(command)
        return found, True

    def close(self, ctx: Context) -> list[Finding]:
        return self._finish(ctx) if self.block else []

    def idle(self) -> bool:
        return self.block is None and not self.mode

    # -- HTTP REQUEST / RESPONSE blocks -------------------------------------------------------------
    def _http(self, line: Line, text: str, ctx: Context) -> list[Finding]:
        marker = _HTTP_MARKER.match(text)
        if marker:
            self.mode, self.label = marker.group(1).lower(), ""
            if self.mode == "request":
                ctx.start_request()
            return []
        if text in _LABELS:
            self.label = _LABELS[text]
            return []
        if not text:
            return []
        label, self.label = self.label, ("headers" if self.label == "headers" else "")
        if label == "method":
            ctx.set_method(text)
        elif label == "uri":
            ctx.set_url(text)
        elif label == "status":
            ctx.set_status(text)
        elif label == "headers" and self.mode == "response":
            header = _HEADER.match(text)
            if header and header.group(1).lower() == "x-ms-request-id":
                ctx.set_ids(request_id=header.group(2))
            elif header and header.group(1).lower() == "x-ms-correlation-request-id":
                ctx.set_ids(correlation_id=header.group(2))
        elif label == "body" and self.mode == "response":
            self.mode = ""
            status = ctx.current().status
            return json_findings(ctx, self.source, line, failed_only=bool(status) and is_success(status),
                                 from_trace=True)
        return []

    # -- the exception ------------------------------------------------------------------------------
    def _qos(self, line: Line, event: str, ctx: Context) -> None:
        command = _QOS_COMMAND.search(event)
        if command:
            ctx.command = command.group(1)
        exception = _QOS_EXCEPTION.search(event)
        if _QOS_FAILED.search(event) and exception:
            message = _EXCEPTION_TYPE.sub("", exception.group(1).strip()).rstrip(";").strip()
            self._start(ctx, line, message)
            self.telemetry = True  # a script may catch this error and go on

    def _start(self, ctx: Context, line: Line, message: str) -> None:
        self.block = FieldBlock.start(line.number, message=message, origin=line)
        self.block.continue_message = True
        self.telemetry = False
        self.awaiting_message = not message
        self.in_trailer = False
        self.header_lines = 0
        self.request = ctx.failing_request()

    def _extend_block(self, line: Line, ctx: Context) -> bool:
        text, header = line.text, self.block.items[0]
        if line.prefixed:
            return False
        if self.in_trailer or _TRAILER.match(text):
            # Read to its end: CategoryInfo names the cmdlet when nothing before did.
            self.in_trailer = True
            category = _CATEGORY.match(text.strip())
            if category:
                ctx.command = category.group(1)
            return bool(_TRAILER.match(text))
        if not text.strip():
            return self.awaiting_message
        if self.header_lines < 5 and not _FIELD_LINE.match(text) and len(self.block.items) == 1 and not (
                header.code or self.block.status):
            # The message itself, or its continuation after a console-width wrap.
            self.header_lines += 1
            if self.awaiting_message:
                self.awaiting_message = False
                header.message, header.line = text.strip(), line.number
            else:
                header.message += " " + text.strip()
            return True
        self.header_lines = 5
        return self.block.add(line)

    def _finish(self, ctx: Context) -> list[Finding]:
        block, self.block = self.block, None
        request = self.request
        if block.status:
            request.status = request.status or block.status
        request.request_id = request.request_id or block.request_id
        return [finding(ctx, self.source, item.line, *_inner(item), item.target, request, self.telemetry)
                for item in block.errors()]


def _inner(item: Item) -> tuple[str, str]:
    """(message, code) behind PowerShell's wrappers."""
    message, code = item.message, item.code
    lro = _LRO_FAILED.match(message)
    if lro and lro.group(1):
        message = lro.group(1)
    pair = _CODE_MESSAGE.search(message)
    if pair:
        code, message = code or pair.group(1), pair.group(2)
    return message, code
