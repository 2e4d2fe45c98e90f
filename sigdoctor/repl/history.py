"""Input history in the user's state directory, with secrets taken out before they reach the disk."""

from __future__ import annotations

import os

from prompt_toolkit.history import FileHistory, History, InMemoryHistory

from .. import paths
from ..redact import redact


class RedactingHistory(FileHistory):
    def store_string(self, string: str) -> None:
        super().store_string(redact(string))


def open_history() -> History:
    """The history file, or an in-memory one when the state directory cannot be written."""
    directory = paths.state_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = directory / "history"
        path.touch(mode=0o600, exist_ok=True)
        if not os.access(path, os.W_OK):
            return InMemoryHistory()
    except OSError:
        return InMemoryHistory()
    return RedactingHistory(str(path))
