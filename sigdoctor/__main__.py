"""Entry point: `sigdoctor` and `python -m sigdoctor`. No traceback ever reaches the user."""

from __future__ import annotations

import os
import signal
import sys

from .exit_codes import ExitCode


def _(message: str) -> str:
    """These messages can come before a command chose a language: use the environment's."""
    from . import i18n

    try:
        if i18n.current_language() == "en":
            i18n.set_language(i18n.negotiate().language)
    except Exception:  # noqa: BLE001 - a message about a failure must not fail itself
        pass
    return i18n._(message)


def _interrupted() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not raise inside the exit
    sys.stderr.write("\nsigdoctor: " + _("interrupted") + "\n")
    sys.exit(ExitCode.INTERRUPTED)


def _quiet_broken_pipe() -> None:
    # The reader left (`sigdoctor … | head -1`): say nothing, as cat does.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


def _run() -> int:
    import typer

    from .cli import cli
    from .terminal import SafeWriter

    try:
        code = cli(prog_name="sigdoctor", standalone_mode=False)
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers, not at exit
        return code if isinstance(code, int) else 0
    except typer.Exit as exc:
        sys.stdout.flush()
        return exc.exit_code
    except typer.Abort:  # click's form of Ctrl-C (older typer)
        raise KeyboardInterrupt from None
    except typer.exceptions.TyperException as exc:  # usage errors: usage line + one-line reason
        show = getattr(exc, "show", None)
        if show:
            show(file=SafeWriter(sys.stderr))  # the reason quotes what was typed
        else:
            sys.stderr.write(f"sigdoctor: {exc}\n")
        return ExitCode.USAGE


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        # Die quietly on a closed pipe like any Unix filter, wherever the write happens.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.stdout is None:  # started with >&-: every command has something to say
        if sys.stderr is not None:
            sys.stderr.write("sigdoctor: " + _("standard output is closed; nothing can be written") + "\n")
        sys.exit(ExitCode.USAGE)
    try:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.reconfigure(errors="replace")  # a legacy console must not crash on Hangul
            except (AttributeError, ValueError):
                pass
        code = _run()
        if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into a quiet Exit(130)
            _interrupted()
        sys.exit(code)
    except KeyboardInterrupt:
        _interrupted()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except Exception as exc:  # a bug of ours: one line, not a traceback, unless asked
        if os.environ.get("SIGDOCTOR_DEBUG"):
            raise
        from .redact import redact
        from .terminal import safe

        message = safe(redact(f"{type(exc).__name__}: {exc}")).replace("\n", " ")[:500]
        sys.stderr.write("sigdoctor: " + _("internal error: {message} (set SIGDOCTOR_DEBUG=1 to see where)").format(
            message=message) + "\n")
        sys.exit(ExitCode.INTERNAL)


if __name__ == "__main__":
    main()
