"""Shared fixtures: the bundled catalog, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigdoctor import i18n
from sigdoctor.catalog import load_catalog

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def matcher(catalog):
    from sigdoctor.matcher import Matcher

    return Matcher(catalog)


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English; a test that switches language is undone."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")
