"""redact: a shareable copy of a log, and what was taken out."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from ..app import App
from ..exit_codes import ExitCode
from ..i18n import _, ngettext
from ..reader import BadInput, iter_lines
from ..redact import redact_counted
from .common import Failure, emit_json, open_input


def redact_command(app: App, path: str, output: Path | None, as_json: bool) -> ExitCode:
    stream = open_input(path)
    counts: Counter = Counter()
    target = open(output, "w", encoding="utf-8") if output else (None if as_json else sys.stdout)
    chunks = []
    try:
        for line in iter_lines(stream):
            clean, found = redact_counted(line, ids=True)
            counts.update(found)
            if target is not None:
                target.write(clean)
            else:
                chunks.append(clean)
    except BadInput as exc:
        raise Failure(f"{path}: {exc}", ExitCode.BAD_INPUT) from None
    finally:
        if output and target:
            target.close()
    if as_json:
        emit_json({"input": path, "output": str(output) if output else None, "removed": dict(counts),
                   **({} if output else {"text": "".join(chunks)})})
        return ExitCode.OK
    total = sum(counts.values())
    lines = [ngettext("Removed {count} secret or id:", "Removed {count} secrets and ids:", total).format(count=total)]
    lines += [f"  {kind}: {n}" for kind, n in sorted(counts.items())]
    sys.stderr.write("\n".join(lines) + "\n")
    return ExitCode.OK
