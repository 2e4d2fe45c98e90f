"""Fixtures for the interactive doctor: a small catalog of its own, an App on it, a quiet state dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigdoctor.app import App
from sigdoctor.catalog import load_catalog

HERE = Path(__file__).parent
DATA = HERE / "data"


@pytest.fixture(scope="session")
def fixture_catalog():
    """Only the test entries (the real catalog keeps growing; these stay put)."""
    catalog = load_catalog([DATA / "knowledge"])
    catalog.entries = {k: v for k, v in catalog.entries.items() if v.path.parent == DATA / "knowledge"}
    return catalog


@pytest.fixture(autouse=True)
def state_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.fixture
def app(fixture_catalog):
    app = App("en")
    app.catalog = fixture_catalog  # cached_property: the matcher and the index follow it
    return app
