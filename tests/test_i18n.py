"""Five languages: negotiation, complete catalogs, fresh template, intact placeholders."""

from __future__ import annotations

import re

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from sigdoctor import i18n, paths
from sigdoctor.localized import entry_field, title

TRANSLATED = ("ko", "fr", "ru", "nl")
PLACEHOLDERS = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|<[A-Za-z][A-Za-z0-9_]*>")


def pot():
    with open(paths.locales_dir() / "sigdoctor.pot", "rb") as fh:
        return read_po(fh)


def po(language):
    with open(paths.locales_dir() / language / "LC_MESSAGES" / "sigdoctor.po", "rb") as fh:
        return read_po(fh, locale=language)


def key(message):
    return (message.context, message.id)


@pytest.mark.parametrize("value, expected", [
    ("ko_KR.UTF-8", "ko"), ("nl_BE", "nl"), ("fr_CA", "fr"), ("ru_RU.KOI8-R", "ru"), ("de_DE", "en"),
    ("C", "en"), ("en_GB.UTF-8", "en"), ("C.UTF-8", "en"),
])
def test_language_from_environment(value, expected):
    assert i18n.negotiate(None, {"LANG": value}).language == expected


def test_option_beats_environment_and_environment_order_is_posix():
    assert i18n.negotiate("fr", {"LANG": "ko_KR.UTF-8"}) == i18n.Choice("fr", "--lang")
    choice = i18n.negotiate(None, {"LC_ALL": "ru_RU.UTF-8", "LANG": "nl_NL.UTF-8"})
    assert choice == i18n.Choice("ru", "LC_ALL=ru_RU.UTF-8")
    with pytest.raises(ValueError):
        i18n.negotiate("de")


def test_template_is_fresh(tmp_path, monkeypatch):
    """Re-extracting with the README's command gives the committed .pot: no string changed without it."""
    root = paths.locales_dir().parent
    monkeypatch.chdir(root)
    fresh_path = tmp_path / "fresh.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "pyproject.toml", "-o", str(fresh_path),
                                "--no-location", "--sort-output", "."])
    with open(fresh_path, "rb") as fh:
        fresh = {(key(m), tuple(m.auto_comments)) for m in read_po(fh) if m.id}
    committed = {(key(m), tuple(m.auto_comments)) for m in pot() if m.id}
    assert fresh == committed


@pytest.mark.parametrize("language", TRANSLATED)
def test_translation_is_complete_and_clean(language):
    template = {key(m) for m in pot() if m.id}
    catalog = po(language)
    translated = {key(m) for m in catalog if m.id}
    assert template - translated == set(), "missing"
    assert translated - template == set(), "obsolete"
    assert not catalog.obsolete, "obsolete entries kept in the file"
    fuzzy = [key(m) for m in catalog if m.id and m.fuzzy]
    assert not fuzzy
    empty = [key(m) for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert not empty
    problems = [(key(m), errors) for m, errors in catalog.check() if errors]
    assert not problems


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_survive_translation(language):
    bad = []
    for message in po(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDERS.findall(ids[-1]))
        for string in strings:
            if set(PLACEHOLDERS.findall(string)) != expected:
                bad.append((message.context, ids[0][:60], sorted(expected), sorted(set(PLACEHOLDERS.findall(string)))))
    assert not bad, bad[:5]


@pytest.mark.parametrize("language", TRANSLATED)
def test_rendering_is_in_the_language_not_an_english_fallback(language, catalog):
    i18n.set_language(language)
    untranslated = [e.id for e in catalog.active()
                    if title(e) == e.title or entry_field(e, "cause") == e.cause]
    assert not untranslated


def test_no_gettext_call_hides_inside_an_f_string():
    """Babel cannot see _() inside an f-string on Python < 3.12: such a string would never
    reach the translators, and the user would read English."""
    offenders = []
    for path in (paths.locales_dir().parent / "sigdoctor").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""\bf(["']).*\{\s*(?:_|ngettext|pgettext)\(""", line):
                offenders.append(f"{path.name}:{number}")
    assert not offenders


@pytest.mark.parametrize("language, expected", [("en", "1,234"), ("ko", "1,234"), ("nl", "1.234"),
                                                ("fr", "1\u202f234"), ("ru", "1\xa0234")])
def test_numbers_are_written_as_the_reader_writes_them(language, expected):
    from sigdoctor.render import number, percent

    i18n.set_language(language)
    assert number(1234) == expected
    assert "97" in percent(0.97)


def test_json_output_says_which_language_it_is_in():
    import json

    from typer.testing import CliRunner

    from sigdoctor.cli import cli

    doc = json.loads(CliRunner().invoke(cli, ["show", "SIG3024", "--json", "--lang", "ru"]).stdout)
    assert doc["language"] == "ru"
    assert "версии образа" in doc["title"] or "верс" in doc["title"]
