"""The `:` commands. Each is a small function of (state, argument); COMMANDS is the table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import LANGUAGES, _
from ..localized import title
from ..render import area_label, clean, entry_text
from ..report import session_report
from ..walk import BACK
from . import flow
from .state import State


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[[State, str], None]
    usage: str  # shown by :help, e.g. ":lang ko|fr|ru|nl|en"
    help: Callable[[], str]  # translated when shown
    argument: str = ""  # what the completer offers after the name: "language", "entry", ""


def do_help(state: State, _argument: str) -> None:
    state.say(_("Paste the output of a failing az, PowerShell or Terraform command (the whole --debug "
                "log is best), or type an error code, a catalog id or a few words."))
    for command in COMMANDS.values():
        state.say(f"  {command.usage:<22} {command.help()}")
    state.say(_("While walking: y = yes / fixed, n = no / still failing, s = skip, b = back. "
                "Ctrl-C cancels the line, Ctrl-D quits."), "class:dim")


def do_lang(state: State, argument: str) -> None:
    language = argument.strip().lower()
    if language not in LANGUAGES:
        state.say(_("Language: {language}. Choose one of: {choices}").format(
            language=state.app.language, choices=", ".join(LANGUAGES)))
        return
    state.app.switch_language(language)
    state.say(_("Language: {language}").format(language=language), "class:dim")
    flow.redisplay(state)


def do_show(state: State, argument: str) -> None:
    entry = state.app.catalog.get(argument) if argument.strip() else (state.walk.entry if state.walk else None)
    if entry is None:
        state.say(_("No entry {entry_id} in the catalog (:list shows them all).").format(entry_id=clean(argument)))
        return
    state.say(entry_text(entry, state.values))


def do_list(state: State, _argument: str) -> None:
    for entry in state.app.catalog.active():
        state.say(f"{entry.id}  {area_label(entry.area):<22} {clean(title(entry))}")


def do_back(state: State, _argument: str) -> None:
    if state.walk is None:
        state.say(_("No walk in progress."))
        return
    flow.answer_step(state, BACK)


def do_restart(state: State, _argument: str) -> None:
    if state.walk is None:
        state.say(_("No walk in progress."))
        return
    state.walk.restart()
    state.pending = None
    flow.show_step(state)


def do_report(state: State, argument: str) -> None:
    if state.finding is None and not state.walks:
        state.say(_("Nothing to report yet: paste a log or look an error up first."))
        return
    chosen_by = state.chosen_by.text() if state.chosen_by is not None else ""
    text = session_report(state.app.catalog, state.finding, state.walks, chosen_by, state.query)
    if not argument.strip():
        state.say(text)
        return
    path = Path(argument.strip()).expanduser()
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        state.say(_("{path}: cannot be written ({reason})").format(path=clean(str(path)), reason=exc.strerror),
                  "class:warn")
        return
    state.say(_("Summary written to {path} (ids and secrets masked).").format(path=clean(str(path))), "class:ok")


def do_quit(state: State, _argument: str) -> None:
    state.quit = True


COMMANDS: dict[str, Command] = {c.name: c for c in (
    Command("help", do_help, ":help", lambda: _("this help")),
    Command("lang", do_lang, ":lang ko|fr|ru|nl|en", lambda: _("switch language, even mid-walk"), "language"),
    Command("show", do_show, ":show ID", lambda: _("print a whole catalog entry"), "entry"),
    Command("list", do_list, ":list", lambda: _("list the catalog")),
    Command("back", do_back, ":back", lambda: _("go back one step")),
    Command("restart", do_restart, ":restart", lambda: _("start the current walk again")),
    Command("report", do_report, ":report [FILE]", lambda: _("summary for a support request, ids masked")),
    Command("quit", do_quit, ":quit", lambda: _("leave (Ctrl-D too)")),
)}
ALIASES = {"q": "quit", "exit": "quit", "h": "help", "?": "help"}


def is_command(text: str) -> bool:
    return text.lstrip().startswith(":") and "\n" not in text.strip()


def dispatch(state: State, text: str) -> None:
    name, _sep, argument = text.strip()[1:].partition(" ")
    name = ALIASES.get(name.lower(), name.lower())
    command = COMMANDS.get(name)
    if command is None:
        state.say(_("Unknown command :{name}; :help lists them.").format(name=clean(name)))
        return
    command.run(state, argument.strip())
