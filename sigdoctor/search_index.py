"""Builds the lookup index over English and every translated catalog."""

from __future__ import annotations

from . import jsoncache, paths
from .catalog import Catalog, Entry
from .i18n import LANGUAGES, load
from .localized import context
from .search import Document, SearchIndex, _english, make_document

INDEX_CACHE = "index5"  # bump when Document changes shape


def _translated(language: str):
    translations = load(language)

    def text_of(entry: Entry, field: str) -> str:
        if field == "message":
            english = entry.templates[0] if entry.templates else ""
            return translations.pgettext(context(entry.id, "message"), english) if english else ""
        if field == "codes":
            return ""  # codes are the same in every language; English has them
        if field == "steps":
            return " ".join(translations.pgettext(context(entry.id, "text", s.id), s.text) for s in entry.steps)
        english = getattr(entry, field, "")
        if isinstance(english, tuple):
            english = ", ".join(english)
        return translations.pgettext(context(entry.id, field), english) if english else ""
    return text_of


def documents(catalog: Catalog):
    docs = [make_document(e, "en", _english) for e in catalog.active()]
    for language in LANGUAGES:
        if language == "en":
            continue
        text_of = _translated(language)
        docs += [make_document(e, language, text_of) for e in catalog.active()]
    return docs


def cached_documents(catalog: Catalog) -> list[Document]:
    """Every language's documents; reading four .po files and tokenizing five times is cached."""
    files = [e.path for e in catalog] + sorted(paths.locales_dir().glob("*/LC_MESSAGES/*.po"))
    cached = jsoncache.load(INDEX_CACHE, files)
    if isinstance(cached, list):
        try:
            return [Document(*d) for d in cached]
        except (IndexError, TypeError):
            pass
    docs = documents(catalog)
    jsoncache.store(INDEX_CACHE, files, [(d.entry_id, d.language, d.terms, d.length, d.title, d.label) for d in docs])
    return docs


def area_names() -> dict[str, list[str]]:
    """Each area's name in every language, for telling which resource a query is about."""
    from .render import AREA_LABELS

    return {area: [load(language).gettext(label) for language in LANGUAGES] for area, label in AREA_LABELS.items()}


def build_index(catalog: Catalog, matcher=None) -> SearchIndex:
    return SearchIndex(catalog, documents=lambda: cached_documents(catalog), matcher=matcher, areas=area_names)
