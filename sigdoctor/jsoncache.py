"""A small JSON cache under the user cache directory, keyed by the files it was built from.

Data only (never code or pickles), written atomically, ignored when stale or
unreadable, older generations removed, and off with SIGDOCTOR_NO_CACHE=1.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import paths


def _path(prefix: str, files: list[Path]) -> Path | None:
    if os.environ.get("SIGDOCTOR_NO_CACHE"):
        return None
    digest = hashlib.sha256()
    try:
        for file in files:
            stat = file.stat()
            digest.update(f"{file}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    except OSError:
        return None
    return paths.cache_dir() / f"{prefix}-{digest.hexdigest()[:24]}.json"


def load(prefix: str, files: list[Path]):
    """The cached value, or None when there is none that fits these files."""
    path = _path(prefix, files)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def store(prefix: str, files: list[Path], value) -> None:
    path = _path(prefix, files)
    if path is None:
        return
    import tempfile  # only when writing, which is rare

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{prefix}-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(value, fh, ensure_ascii=False)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{prefix}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass  # a read-only home or a value JSON cannot hold: work without the cache
