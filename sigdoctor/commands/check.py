"""check: validate a catalog directory."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..app import App
from ..exit_codes import ExitCode
from ..i18n import _, ngettext
from ..render import number
from ..validate import check_directory
from .common import Failure, emit_json, out


def check_command(app: App, directory: Path | None, as_json: bool) -> ExitCode:
    directory = directory or paths.knowledge_dir()
    if not directory.is_dir():
        raise Failure(_("{path}: not a directory").format(path=directory), ExitCode.USAGE)
    problems = check_directory(directory)
    count = len(list(directory.glob("*.toml")))
    if as_json:
        emit_json({"directory": str(directory), "entries": count,
                   "problems": [{"path": str(p.path), "message": p.message} for p in problems]})
    else:
        for problem in problems:
            out(str(problem))
        summary = ngettext("{count} entry checked", "{count} entries checked", count).format(count=number(count))
        if problems:
            out(summary + ", " + ngettext("{n} problem", "{n} problems", len(problems)).format(
                n=number(len(problems))))
        else:
            out(summary + ", " + _("no problems"))
    return ExitCode.CATALOG_INVALID if problems else ExitCode.OK
