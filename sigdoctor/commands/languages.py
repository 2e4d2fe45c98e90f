"""languages: what sigdoctor speaks, and why this one now."""

from __future__ import annotations

from ..app import App
from ..exit_codes import ExitCode
from ..i18n import LANGUAGES, _
from .common import emit_json, out


def native_name(language: str) -> str:
    from babel import Locale

    return Locale.parse(language).get_display_name(language)


def languages_command(app: App, as_json: bool) -> ExitCode:
    if as_json:
        emit_json({"active": app.language, "reason": app.language_reason,
                   "languages": [{"code": code, "name": native_name(code)} for code in LANGUAGES]})
        return ExitCode.OK
    for code in LANGUAGES:
        marker = "*" if code == app.language else " "
        out(f"{marker} {code}  {native_name(code)}")
    if app.language_reason == "default":
        out(_("Active: {name} (nothing in the environment asked for another language)").format(
            name=native_name(app.language)))
    else:
        out(_("Active: {name}, chosen by {reason}").format(name=native_name(app.language), reason=app.language_reason))
    return ExitCode.OK
