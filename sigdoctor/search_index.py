"""Builds the lookup index over English and every translated catalog."""

from __future__ import annotations

from .catalog import Catalog
from .search import SearchIndex


def build_index(catalog: Catalog, matcher=None) -> SearchIndex:
    # Translations join the index in the multilingual pass; English is the base.
    return SearchIndex(catalog, matcher=matcher)
