"""The bottom toolbar: language, the entry being walked, the step."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import _
from .state import State


def toolbar(state: State) -> Callable[[], list[tuple[str, str]]]:
    def render() -> list[tuple[str, str]]:
        parts = [("class:toolbar.key", f" {state.app.language} ")]
        if state.walk is not None:
            parts.append(("class:toolbar", f" {state.walk.entry.id} "))
            n, m = state.walk.position
            if n:
                parts.append(("class:toolbar", " " + _("step {n}/{m}").format(n=n, m=m) + " "))
            else:
                parts.append(("class:toolbar", " " + _("walk over") + " "))
        if state.notice:
            parts.append(("class:toolbar.warn", f" {state.notice} "))
        parts.append(("class:toolbar", "  " + _(":help  Ctrl-D quits")))
        return parts

    return render


def prompt_message(state: State) -> Callable[[], list[tuple[str, str]]]:
    def render() -> list[tuple[str, str]]:
        if state.pending is not None:
            return [("class:prompt", "#> ")]
        if state.walking:
            return [("class:prompt", "y/n/s/b> ")]
        return [("class:prompt", "sigdoctor> ")]

    return render
