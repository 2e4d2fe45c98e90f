"""Completion of commands, catalog ids, error codes and language codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from ..i18n import LANGUAGES
from ..localized import title
from .commands import COMMANDS


class DoctorCompleter(Completer):
    """`catalog` is a callable so the catalog loads on first completion, not at start-up."""

    def __init__(self, catalog: Callable):
        self.catalog = catalog

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        text = document.text_before_cursor
        if "\n" in document.text:
            return  # inside a pasted log there is nothing to complete
        if text.startswith(":"):
            yield from self._command(text)
            return
        word = document.get_word_before_cursor(WORD=True)
        if len(word) < 2 or " " in text.strip():
            return
        yield from self._ids(word)
        yield from self._codes(word)

    def _command(self, text: str) -> Iterable[Completion]:
        name, space, argument = text[1:].partition(" ")
        if not space:
            for command in COMMANDS.values():
                if command.name.startswith(name.lower()):
                    yield Completion(":" + command.name, -len(text), display_meta=command.help())
            return
        command = COMMANDS.get(name.lower())
        if command is None or " " in argument:
            return
        if command.argument == "language":
            for code in LANGUAGES:
                if code.startswith(argument.lower()):
                    yield Completion(code, -len(argument))
        elif command.argument == "entry":
            yield from self._ids(argument)

    def _ids(self, word: str) -> Iterable[Completion]:
        wanted = word.upper()
        if not ("SIG".startswith(wanted) or wanted.startswith("SIG")):
            return
        for entry in self.catalog().active():
            if entry.id.startswith(wanted):
                yield Completion(entry.id, -len(word), display_meta=lambda e=entry: title(e))

    def _codes(self, word: str) -> Iterable[Completion]:
        codes = sorted({code for entry in self.catalog().active() for code in entry.codes})
        for code in codes:
            if code.lower().startswith(word.lower()) and code != word:
                yield Completion(code, -len(word))


class SafeCompleter(Completer):
    """A failing completer shows one line in the toolbar instead of ending the session."""

    def __init__(self, completer: Completer, on_error: Callable[[str], None]):
        self.completer, self.on_error = completer, on_error

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        try:
            yield from self.completer.get_completions(document, complete_event)
        except Exception as exc:
            self.on_error(f"{type(exc).__name__}: {exc}")
