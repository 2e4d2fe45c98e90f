"""redact: a shareable copy of a log, and what was taken out.

The copy goes to --output or to stdout, always UTF-8 whatever the input was.
A file or a pipe gets the text as it was, minus secrets and ids; a terminal
gets it with control characters escaped, because a log can carry escape
sequences that rewrite the screen. With --json the text is streamed inside
the document, so a large log never sits in memory.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

from ..app import App
from ..exit_codes import ExitCode
from ..i18n import _, ngettext
from ..reader import BadInput, iter_lines
from ..redact import redact_counted
from ..render import number
from ..terminal import json_safe, safe
from .common import Failure, emit_json, open_input


def _copy(lines, write, counts: Counter) -> None:
    for line in lines:
        clean, found = redact_counted(line, ids=True)
        counts.update(found)
        write(clean)


def _to_file(lines, output: Path, counts: Counter) -> None:
    """Write next to OUTPUT and rename at the end: an interrupted run leaves no half copy."""
    temporary = output.with_name(f".{output.name}.sigdoctor-tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as target:
            _copy(lines, target.write, counts)
        os.replace(temporary, output)
    except OSError as exc:
        raise Failure(_("{path}: cannot be written ({reason})").format(path=output, reason=exc.strerror),
                      ExitCode.USAGE) from None
    finally:
        temporary.unlink(missing_ok=True)


def _to_json(lines, path: str, counts: Counter, language: str) -> None:
    def write(text: str) -> None:
        sys.stdout.write(json_safe(json.dumps(text, ensure_ascii=False)[1:-1]))

    # The document is written by hand around the streamed text; "removed" is known only at the end.
    head = json_safe(json.dumps(path, ensure_ascii=False))
    sys.stdout.write(f'{{\n  "input": {head},\n  "output": null,\n  "text": "')
    _copy(lines, write, counts)
    removed = json.dumps(dict(sorted(counts.items())))
    sys.stdout.write(f'",\n  "removed": {removed},\n  "language": {json.dumps(language)}\n}}\n')


def _to_stdout(lines, counts: Counter) -> None:
    if sys.stdout.isatty():
        _copy(lines, lambda s: sys.stdout.write(safe(s)), counts)
        return
    sys.stdout.flush()
    _copy(lines, lambda s: sys.stdout.buffer.write(s.encode("utf-8")), counts)
    sys.stdout.buffer.flush()


def redact_command(app: App, path: str, output: Path | None, as_json: bool) -> ExitCode:
    if output is not None and path != "-" and output.exists() and os.path.samefile(path, output):
        raise Failure(_("{path}: the output would overwrite the input").format(path=output), ExitCode.USAGE)
    stream = open_input(path)
    counts: Counter = Counter()
    try:
        lines = iter_lines(stream)  # empty or binary input fails here, before anything is written
        if output is not None:
            _to_file(lines, output, counts)
        elif as_json:
            _to_json(lines, path, counts, app.language)
        else:
            _to_stdout(lines, counts)
    except BadInput as exc:
        raise Failure(f"{path}: {exc}", ExitCode.BAD_INPUT) from None
    finally:
        if path != "-":
            stream.close()
    if as_json:
        if output is not None:
            emit_json({"input": path, "output": str(output), "removed": dict(sorted(counts.items()))})
        return ExitCode.OK
    total = sum(counts.values())
    lines = [ngettext("Removed {count} secret or id:", "Removed {count} secrets and ids:", total).format(count=number(total))]
    lines += [f"  {kind}: {n}" for kind, n in sorted(counts.items())]
    sys.stderr.write("\n".join(lines) + "\n")
    return ExitCode.OK
