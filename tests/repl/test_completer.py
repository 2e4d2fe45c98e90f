"""The completer, driven through Document as prompt_toolkit would."""

from __future__ import annotations

from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from sigdoctor.repl.completer import DoctorCompleter, SafeCompleter


def complete(catalog, text: str) -> list[str]:
    completer = DoctorCompleter(lambda: catalog)
    return [c.text for c in completer.get_completions(Document(text), CompleteEvent())]


def test_commands_complete_after_a_colon(fixture_catalog):
    assert complete(fixture_catalog, ":") == [":help", ":lang", ":show", ":list", ":back", ":restart",
                                              ":report", ":quit"]
    assert complete(fixture_catalog, ":re") == [":restart", ":report"]
    assert complete(fixture_catalog, ":nope") == []


def test_language_codes_after_lang(fixture_catalog):
    assert complete(fixture_catalog, ":lang ") == ["en", "ko", "fr", "ru", "nl"]
    assert complete(fixture_catalog, ":lang f") == ["fr"]


def test_catalog_ids_after_show_and_on_their_own(fixture_catalog):
    assert complete(fixture_catalog, ":show SIG2") == ["SIG2906"]
    assert complete(fixture_catalog, "sig3") == ["SIG3901"]
    assert complete(fixture_catalog, "SI") == ["SIG1904", "SIG2906", "SIG3901"]


def test_error_codes(fixture_catalog):
    assert complete(fixture_catalog, "Parent") == ["ParentResourceNotFound"]
    assert complete(fixture_catalog, "locationnot") == ["LocationNotAvailableForResourceType"]
    assert complete(fixture_catalog, "ParentResourceNotFound") == []


def test_nothing_inside_a_pasted_log_or_a_sentence(fixture_catalog):
    assert complete(fixture_catalog, "Code: Parent\nMessage: x") == []
    assert complete(fixture_catalog, "the gallery Parent") == []
    assert complete(fixture_catalog, "P") == []


def test_the_display_meta_is_the_title_in_the_current_language(fixture_catalog):
    completer = DoctorCompleter(lambda: fixture_catalog)
    [completion] = completer.get_completions(Document("SIG29"), CompleteEvent())
    assert "gallery for this image definition" in completion.display_meta_text


def test_a_failing_completer_reports_and_yields_nothing():
    errors = []

    def broken():
        raise RuntimeError("catalog exploded")

    safe = SafeCompleter(DoctorCompleter(broken), errors.append)
    assert list(safe.get_completions(Document("SIG"), CompleteEvent())) == []
    assert errors == ["RuntimeError: catalog exploded"]
