"""The one place that knows where the catalog and the translations live."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # An installed wheel carries the data inside the package; a source checkout
    # (editable install, tests) keeps it at the repository root.
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def knowledge_dir() -> Path:
    return _data_dir("knowledge")


def locales_dir() -> Path:
    return _data_dir("locales")


def state_dir() -> Path:
    """Where history lives (XDG_STATE_HOME)."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    return Path(base) / "sigdoctor"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "sigdoctor"
