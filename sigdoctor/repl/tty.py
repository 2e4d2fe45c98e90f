"""Walking on after a pipe: keys come from /dev/tty while stdin is the log (as fzf does)."""

from __future__ import annotations

import sys

from ..app import App
from ..exit_codes import ExitCode


def continue_on_tty(app: App, findings: list) -> ExitCode | None:
    """Walk `findings` (already printed) with keys read from the terminal; None when there is none."""
    if not sys.stdout.isatty():
        return None
    try:
        tty = open("/dev/tty", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError:
        return None  # CI, cron, a container without a terminal: printing was all
    from prompt_toolkit.input import create_input

    from .session import run_session

    try:
        return run_session(app, input=create_input(tty), findings=findings, once=True)
    finally:
        tty.close()
