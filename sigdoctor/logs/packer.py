"""Packer's azure-arm builder: `==> azure-arm.x: ...` lines (their prefix is split off by clean), the
deployment error tree `ERROR: -> Code : message`, autorest text inside them, `ui error:` lines, and the
closing `Build 'azure-arm.x' errored after ...: message` / `--> azure-arm.x: message` summary.
"""

from __future__ import annotations

import re

from .arm_json import json_findings
from .base import Finding, Parser, finding
from .clean import Line
from .context import Context, hints_from_wording
from .terraform import autorest_findings
from .text import looks_like_json

_TREE = re.compile(r"^ERROR:\s*->\s*([A-Za-z][\w.]*)(?:\s*:\s*(.*))?$", re.S)
_BUILD_ERRORED = re.compile(r"^Build '([^']+)' errored(?: after [^:]*)?: (.*)$", re.S)
_ERROR_SUMMARY = "==> Some builds didn't complete successfully"
_ARTIFACT_SUMMARY = "==> Builds finished"
_SUMMARY_LINE = re.compile(r"^--> (azure-[\w.-]+): (.*)$", re.S)  # one line per build in either summary
_GALLERY_PUBLISH = re.compile(r"shared[ _]image[ _]gallery|compute gallery|Publishing to", re.I)


class PackerParser(Parser):
    source = "packer"

    def __init__(self) -> None:
        self.in_error_summary = False

    def feed(self, line: Line, ctx: Context, claimed: bool) -> tuple[list[Finding], bool]:
        text = line.text.strip()
        if claimed:
            return [], False
        if text.startswith((_ERROR_SUMMARY, _ARTIFACT_SUMMARY)):
            self.in_error_summary = text.startswith(_ERROR_SUMMARY)
            return [], True
        summary = _BUILD_ERRORED.match(text) or _SUMMARY_LINE.match(text)
        if summary and text.startswith("-->") and not self.in_error_summary:
            return [], True  # an artifact listed after a successful build
        if not (summary or line.logger.startswith("azure-")):
            return [], False
        if not ctx.command:
            ctx.command = "packer build"
        if _GALLERY_PUBLISH.search(text) and not any(ctx.wording):
            ctx.wording = ("version", "create")
        message = summary.group(2) if summary else text
        found = self._errors(line, message, ctx)
        if not found and (summary or line.level == "ERROR"):
            found = [finding(ctx, self.source, line.number, message, weak=True)]
        return found, True

    def idle(self) -> bool:
        return True  # its one flag matters only to its own summary lines

    def _errors(self, line: Line, message: str, ctx: Context) -> list[Finding]:
        wording = hints_from_wording(message)
        if any(wording):
            ctx.wording = wording
        tree = _TREE.match(message)
        if tree:
            code, detail = tree.group(1), (tree.group(2) or "").strip()
            if looks_like_json(detail):
                return json_findings(ctx, self.source, line, detail, code=code)
            return [finding(ctx, self.source, line.number, detail, code)] if detail else []
        found = autorest_findings(ctx, self.source, line, message)
        if not found and message.startswith("ERROR: "):
            found = [finding(ctx, self.source, line.number, message[len("ERROR: "):])]
        return found
