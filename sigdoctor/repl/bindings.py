"""Enter submits a typed line; a pasted log is taken whole, however many lines it has."""

from __future__ import annotations

import re

from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys

from ..i18n import ngettext

# What a person types at this prompt: a command, an answer, an id, a code, a number.
_TYPED = re.compile(r"^\s*(:.*|\S{1,40})\s*$")


def _more_keys_waiting(event: KeyPressEvent) -> bool:
    return bool(event.app.key_processor.input_queue)


def paste_summary(text: str) -> str:
    count = text.rstrip("\n").count("\n") + 1
    return ngettext("[pasted {count} line]", "[pasted {count} lines]", count).format(count=count)


def submit_whole(event: KeyPressEvent, text: str) -> None:
    """Accept `text` as one input; the screen keeps a one-line summary, not the whole log."""
    buffer = event.current_buffer
    recent = buffer.history.get_strings()[-1:]
    if text.strip() and recent != [text]:  # recalled from history: not stored twice
        buffer.history.append_string(text)
    buffer.text = paste_summary(text)
    event.app.exit(result=text)


def doctor_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add(Keys.Enter)
    def _enter(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        # A terminal without bracketed paste delivers a pasted log as keys already
        # waiting behind this Enter: keep collecting while the text is not typed input.
        if _more_keys_waiting(event) and ("\n" in buffer.text or not _TYPED.match(buffer.text)):
            buffer.newline(copy_margin=False)
            return
        if "\n" in buffer.text:
            submit_whole(event, buffer.text)
        else:
            buffer.validate_and_handle()

    @bindings.add(Keys.Escape, Keys.Enter)
    def _newline(event: KeyPressEvent) -> None:
        event.current_buffer.newline(copy_margin=False)  # Alt-Enter: type several lines

    @bindings.add(Keys.BracketedPaste)
    def _paste(event: KeyPressEvent) -> None:
        data = event.data.replace("\r\n", "\n").replace("\r", "\n")
        buffer = event.current_buffer
        if "\n" in data.strip("\n"):
            submit_whole(event, buffer.text + data)
        else:
            buffer.insert_text(data.strip("\n"))

    return bindings
