"""Output helpers the commands share. The core never prints; commands do, through these."""

from __future__ import annotations

import json
import sys

from .. import i18n
from ..exit_codes import ExitCode
from ..redact import redact
from ..terminal import json_safe, safe


class Failure(Exception):
    """A problem to report as one line on stderr with a documented exit code."""

    def __init__(self, message: str, code: ExitCode):
        # Messages quote paths and arguments the user gave: keep them one safe line.
        super().__init__(safe(redact(message)).replace("\n", " "))
        self.code = code


def _redacted(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redacted(v) for v in value]
    return value


def emit_json(document: dict) -> None:
    # Render redacts what it builds; this is the net under every JSON document.
    document.setdefault("language", i18n.current_language())
    sys.stdout.write(json_safe(json.dumps(_redacted(document), ensure_ascii=False, indent=2)) + "\n")


def out(text: str = "") -> None:
    # Render escapes and redacts what it builds; this is the net under every line.
    sys.stdout.write(safe(redact(text)) + "\n")


def open_input(path: str):
    """A binary stream for PATH or '-' (stdin), or a Failure a user can act on."""
    from ..i18n import _

    if path == "-":
        if sys.stdin is None:
            raise Failure(_("no standard input to read"), ExitCode.BAD_INPUT)
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise Failure(_("{path}: no such file").format(path=path), ExitCode.BAD_INPUT) from None
    except IsADirectoryError:
        raise Failure(_("{path}: is a directory, not a log file").format(path=path), ExitCode.BAD_INPUT) from None
    except PermissionError:
        raise Failure(_("{path}: permission denied").format(path=path), ExitCode.BAD_INPUT) from None
    except OSError as exc:
        raise Failure(_("{path}: cannot be read ({reason})").format(path=path, reason=exc.strerror),
                      ExitCode.BAD_INPUT) from None
