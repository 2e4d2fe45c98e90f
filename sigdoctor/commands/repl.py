"""repl: the interactive doctor (prompt_toolkit is imported only here)."""

from __future__ import annotations

from ..app import App
from ..exit_codes import ExitCode


def repl_command(app: App) -> ExitCode:
    from ..repl.session import run_session

    return run_session(app)
