"""diagnose: a log or paste in, each distinct error explained."""

from __future__ import annotations

from ..app import App
from ..diagnose import diagnose_chunks
from ..exit_codes import ExitCode
from ..i18n import _, ngettext
from ..reader import BadInput, iter_chunks
from ..render import finding_dict, finding_text
from .common import Failure, emit_json, open_input, out


def exit_code_for(findings) -> ExitCode:
    if not findings:
        return ExitCode.OK
    return ExitCode.KNOWN_ERROR if all(f.known for f in findings) else ExitCode.UNKNOWN_ERROR


def read_findings(app: App, path: str):
    stream = open_input(path)
    try:
        return diagnose_chunks(iter_chunks(stream), app.catalog, app.matcher)
    except BadInput as exc:
        raise Failure(f"{path}: {exc}", ExitCode.BAD_INPUT) from None
    finally:
        if path != "-":
            stream.close()


def diagnose_command(app: App, path: str, as_json: bool, walk: bool = False) -> ExitCode:
    findings = read_findings(app, path)
    if as_json:
        emit_json({"input": path, "findings": [finding_dict(f, app.catalog, app.redact_ids) for f in findings]})
        return exit_code_for(findings)
    if not findings:
        out(_("No error found in the input."))
        return ExitCode.OK
    out(ngettext("Found {count} error.", "Found {count} distinct errors.", len(findings)).format(count=len(findings)))
    for number, finding in enumerate(findings, 1):
        out()
        out(finding_text(finding, app.catalog, number, len(findings), app.redact_ids))
    if walk:
        from .repl import walk_on_terminal

        walk_on_terminal(app, findings)
    return exit_code_for(findings)
