"""The one place where the PromptSession is put together."""

from __future__ import annotations

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.application import create_app_session
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import History
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output

from ..app import App
from ..exit_codes import ExitCode
from ..i18n import _
from . import flow
from .bindings import doctor_bindings
from .completer import DoctorCompleter, SafeCompleter
from .history import open_history
from .loop import run_loop
from .state import State
from .style import doctor_style
from .toolbar import prompt_message, toolbar
from .wrap import wrap


def make_session(state: State, history: History) -> PromptSession:
    def notice(message: str) -> None:
        state.notice = _("completion failed: {reason}").format(reason=message)

    return PromptSession(
        message=prompt_message(state),
        multiline=True,  # so that a bracketed paste of many lines arrives whole
        prompt_continuation=lambda width, line_number, wrap_count: "." * (width - 1) + " ",
        key_bindings=doctor_bindings(),
        completer=SafeCompleter(DoctorCompleter(lambda: state.app.catalog), notice),
        complete_while_typing=True,
        bottom_toolbar=toolbar(state),
        style=doctor_style(),
        include_default_pygments_style=False,
        history=history,
    )


def run_session(app: App, input: Input | None = None, output: Output | None = None, *,
                state: State | None = None, findings: list | None = None, once: bool = False,
                history: History | None = None) -> ExitCode:
    """Run the doctor until :quit or Ctrl-D.

    `input`/`output` replace the terminal (tests, /dev/tty). `findings` that were already
    printed (the piped path) go straight to their walk; with `once` the session ends when
    that walk is resolved.
    """
    state = state or State(app)
    state.once = once
    style = doctor_style()

    def printer(text: str, klass: str) -> None:
        width = get_app_session().output.get_size().columns
        print_formatted_text(FormattedText([(klass, wrap(text, width, klass))]), style=style)

    state.printer = printer
    with create_app_session(input=input, output=output):
        session = make_session(state, history or open_history())
        if findings:
            state.say()
            state.say(_("Now step by step (Ctrl-D stops; --no-walk skips this part)."), "class:dim")
            flow.start(state, findings, printed=True)
        else:
            state.say(_("sigdoctor — paste the output of a failing command, or type an error code, an id or "
                        "words. :help for help."), "class:dim")
        if state.quit:
            return ExitCode.OK
        return run_loop(session.prompt, state)
