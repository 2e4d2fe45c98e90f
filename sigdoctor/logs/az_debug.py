"""Azure CLI `--debug` HTTP trace (msrest.http_logger, azure.core policies, cli...sdk.policies).

Follows each request (`Request URL:`, `Request method:`, urllib3's one-line summary, `Response status:`,
the x-ms-request-id / x-ms-correlation-request-id headers) and reads every `Response content:` body:
error bodies of non-2xx responses, and 2xx polling bodies whose status is "Failed".
Also reads `Command arguments: [...]` for the command being run.
"""

from __future__ import annotations

import re

from .arm_json import json_findings
from .base import Finding, Parser
from .clean import Line
from .context import Context, is_success

_REQUEST_URL = re.compile(r"^Request URL: ['\"]?([^'\"\s]+)")
_REQUEST_METHOD = re.compile(r"^Request method: ['\"]?([A-Za-z]+)")
_RESPONSE_STATUS = re.compile(r"^Response status: ['\"]?(\d{3})")
_HEADER = re.compile(r"^\s*['\"]?([A-Za-z][\w-]*)['\"]?: (.*)$")
_URLLIB3 = re.compile(r'^(https?://[^\s"]+) "([A-Z]+) (\S+) HTTP/[\d.]+" (\d{3})')
_COMMAND_ARGS = re.compile(r"^Command arguments: \[(.*)\]")
_ARG = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
_BODY_START = ("{", "[", "b'", 'b"', '"')


def command_from_arguments(arguments: str) -> str:
    """`['sig', 'image-definition', 'delete', '-g', 'rg']` -> `az sig image-definition delete`."""
    words: list[str] = []
    for match in _ARG.finditer(arguments):
        word = match.group(1) if match.group(1) is not None else match.group(2)
        if word.startswith("-") or len(words) >= 4:
            break
        words.append(word)
    return " ".join(["az", *words]) if words else ""


class AzDebugParser(Parser):
    source = "az-debug"

    def __init__(self) -> None:
        self.trace_source = self.source
        self.section = ""  # "request" or "response" headers being listed
        self.awaiting = ""  # "response" or "request" body expected next

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        if claimed:
            return [], False
        text = line.text
        if self.awaiting:
            awaiting, self.awaiting = self.awaiting, ""
            if text.lstrip().startswith(_BODY_START):
                return (self._body(line, ctx) if awaiting == "response" else []), True
        if text.startswith(("Request ", "Response ")):
            if text.startswith("Request URL"):  # azure-core's own policies log for any Python program
                python_sdk = "http_logging_policy" in line.logger or (
                    line.logger.startswith("azure.core") and not ctx.command.startswith("az "))
                self.trace_source = "sdk" if python_sdk else self.source
            return [], self._trace_line(text, ctx)
        if self.section and text[:1] in (" ", "\t"):
            header = _HEADER.match(text)
            if header:
                if self.section == "response":
                    self._header(header.group(1).lower(), header.group(2).strip().strip("'\""), ctx)
                return [], True
        urllib3 = _URLLIB3.match(text)
        if urllib3:
            self._urllib3(urllib3, ctx)
            return [], True
        arguments = _COMMAND_ARGS.match(text)
        if arguments:
            ctx.command = command_from_arguments(arguments.group(1)) or ctx.command
            return [], True
        return [], False

    def idle(self) -> bool:
        return True  # a request's first line resets whatever it was in

    def _trace_line(self, text: str, ctx: Context) -> bool:
        if match := _REQUEST_URL.match(text):
            ctx.start_request(url=match.group(1))
            self.section = ""
        elif match := _REQUEST_METHOD.match(text):
            ctx.set_method(match.group(1))
        elif match := _RESPONSE_STATUS.match(text):
            ctx.set_status(match.group(1))
        elif text.startswith("Request headers"):
            self.section = "request"
        elif text.startswith("Response headers"):
            self.section = "response"
        elif text.startswith("Request body"):
            self.section, self.awaiting = "", "request"
        elif text.startswith("Response content"):
            self.section, self.awaiting = "", "response"
        else:
            return False
        return True

    @staticmethod
    def _header(name: str, value: str, ctx: Context) -> None:
        if name == "x-ms-request-id":
            ctx.set_ids(request_id=value)
        elif name == "x-ms-correlation-request-id":
            ctx.set_ids(correlation_id=value)

    @staticmethod
    def _urllib3(match: re.Match, ctx: Context) -> None:
        host, method, path, status = match.groups()
        url = host.split(":443")[0] + path
        current = ctx.request
        if current is None or not current.url or current.url.split("?")[0] != url.split("?")[0]:
            ctx.start_request(url=url, method=method)
        elif not current.method:
            ctx.set_method(method)
        if not ctx.current().status:
            ctx.set_status(status)

    def _body(self, line: Line, ctx: Context) -> list[Finding]:
        status = ctx.current().status
        # A 2xx body is only an error when it reports a failed operation (LRO polling).
        failed_only = bool(status) and is_success(status)
        return json_findings(ctx, self.trace_source, line, failed_only=failed_only, from_trace=True)
