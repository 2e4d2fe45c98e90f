"""Language choice (negotiated with Babel) and gettext lookups.

The .po files are the source of truth; they are compiled in memory when a
language is first used, so no stale .mo can ship. English needs no catalog.
"""

from __future__ import annotations

import gettext as _gettext
import os
from dataclasses import dataclass
from functools import lru_cache

from . import jsoncache, paths

DOMAIN = "sigdoctor"
LANGUAGES = ("en", "ko", "fr", "ru", "nl")
ENV_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@dataclass(frozen=True)
class Translations:
    language: str
    messages: dict  # (context or None, msgid) -> str or tuple of plural forms
    plural: object  # n -> index into plural forms

    def gettext(self, msgid: str) -> str:
        found = self.messages.get((None, msgid))
        return found if isinstance(found, str) and found else msgid

    def pgettext(self, context: str, msgid: str) -> str:
        found = self.messages.get((context, msgid))
        return found if isinstance(found, str) and found else msgid

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.messages.get((None, singular))
        if isinstance(forms, tuple) and all(forms):
            index = self.plural(n)
            return forms[min(index, len(forms) - 1)]
        return singular if n == 1 else plural


_ENGLISH = Translations("en", {}, lambda n: int(n != 1))


@lru_cache(maxsize=8)
def load(language: str) -> Translations:
    if language == "en":
        return _ENGLISH
    path = paths.locales_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return _ENGLISH
    # Parsing a 1 MB .po with Babel on every command is most of a Korean user's start-up:
    # the compiled messages are cached as JSON, keyed by the .po file.
    cached = jsoncache.load(f"messages-{language}", [path])
    if not isinstance(cached, dict) or "messages" not in cached:
        cached = _compile(path, language)
        jsoncache.store(f"messages-{language}", [path], cached)
    messages = {(c or None, i): tuple(v) if isinstance(v, list) else v for c, i, v in cached["messages"]}
    return Translations(language, messages, _gettext.c2py(cached["plural"]))


def _compile(path, language: str) -> dict:
    from babel.messages.pofile import read_po  # only when a translation is used

    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=language)
    messages = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue  # a fuzzy translation is not a translation
        key = message.id[0] if message.pluralizable else message.id
        value = list(message.string) if message.pluralizable else message.string
        messages.append((message.context or "", key, value))
    return {"messages": messages, "plural": catalog.plural_expr}


_current: Translations = _ENGLISH


def set_language(language: str) -> None:
    global _current
    _current = load(language if language in LANGUAGES else "en")


def current_language() -> str:
    return _current.language


def _(msgid: str) -> str:
    return _current.gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    return _current.pgettext(context, msgid)


def N_(msgid: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return msgid


@dataclass(frozen=True)
class Choice:
    language: str
    reason: str  # "--lang", "LANG=ko_KR.UTF-8", or "default"


def _language_of(value: str) -> str | None:
    value = value.split(":")[0].split(".")[0].split("@")[0]  # LANGUAGE lists; drop codeset/modifier
    if not value or value in ("C", "POSIX"):
        return None
    if value.split("_")[0].split("-")[0] in LANGUAGES:
        return value.split("_")[0].split("-")[0]  # ko_KR, nl-BE: no need to load Babel's locale data
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    return locale.language if locale.language in LANGUAGES else None


def negotiate(option: str | None = None, environ=None) -> Choice:
    """--lang first, then the environment as POSIX orders it; English otherwise."""
    if option:
        language = _language_of(option)
        if language:
            return Choice(language, "--lang")
        raise ValueError(option)
    environ = os.environ if environ is None else environ
    for name in ENV_VARIABLES:
        value = environ.get(name, "")
        if value:
            language = _language_of(value)
            return Choice(language or "en", f"{name}={value}")
    return Choice("en", "default")
