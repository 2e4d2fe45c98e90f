"""Read, dispatch, repeat. Nothing a handler or a completer does may end the session."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable

from ..exit_codes import ExitCode
from ..i18n import _
from ..render import clean
from . import commands, flow
from .state import State

MAX_PROMPT_FAILURES = 3  # a terminal that keeps failing would otherwise spin forever


def dispatch(state: State, text: str) -> None:
    if commands.is_command(text):
        commands.dispatch(state, text)
    else:
        flow.handle_text(state, text)


def _report_bug(state: State, exc: BaseException) -> None:
    if os.environ.get("SIGDOCTOR_DEBUG"):
        state.say(traceback.format_exc(), "class:warn")
    state.say(_("sigdoctor: internal error: {kind}: {reason} (the session goes on)").format(
        kind=type(exc).__name__, reason=clean(str(exc))), "class:warn")


def run_loop(read: Callable[[], str], state: State) -> ExitCode:
    failures = 0
    while not state.quit:
        try:
            text = read()
            failures = 0
        except KeyboardInterrupt:
            continue  # Ctrl-C drops the line being typed, never the session
        except EOFError:
            break  # Ctrl-D, or the input was closed
        except Exception as exc:
            failures += 1
            _report_bug(state, exc)
            if failures >= MAX_PROMPT_FAILURES:
                return ExitCode.INTERNAL
            continue
        try:
            dispatch(state, text)
        except KeyboardInterrupt:
            state.say(_("Interrupted."), "class:dim")
        except Exception as exc:
            _report_bug(state, exc)
    return ExitCode.OK
