"""repl: the interactive doctor (prompt_toolkit is imported only here)."""

from __future__ import annotations

from ..app import App
from ..exit_codes import ExitCode


def repl_command(app: App) -> ExitCode:
    from ..repl.session import run_session

    return run_session(app)


def walk_on_terminal(app: App, findings: list) -> None:
    """After a printed diagnosis: walk its steps if a person is at a terminal (see repl/tty.py)."""
    if any(f.known for f in findings):
        from ..repl.tty import continue_on_tty

        continue_on_tty(app, findings)
