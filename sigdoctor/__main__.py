"""Entry point: `sigdoctor` and `python -m sigdoctor`. No traceback ever reaches the user."""

from __future__ import annotations

import os
import sys

from .exit_codes import ExitCode


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # a legacy console must not crash on Hangul
        except (AttributeError, ValueError):
            pass
    import typer

    try:
        from .cli import cli

        code = cli(prog_name="sigdoctor", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.exceptions.TyperException as exc:  # usage errors: usage line + one-line reason
        show = getattr(exc, "show", None)
        if show:
            show()
        else:
            sys.stderr.write(f"sigdoctor: {exc}\n")
        sys.exit(ExitCode.USAGE)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # `sigdoctor ... | head -1`: the reader left; say nothing, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # a bug of ours: one line, not a traceback, unless asked
        if os.environ.get("SIGDOCTOR_DEBUG"):
            raise
        sys.stderr.write(f"sigdoctor: internal error: {type(exc).__name__}: {exc} "
                         "(set SIGDOCTOR_DEBUG=1 to see where)\n")
        sys.exit(ExitCode.INTERNAL)


if __name__ == "__main__":
    main()
