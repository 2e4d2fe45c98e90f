"""typer commands only: parse -> core -> render -> exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import i18n
from .app import App
from .commands.common import Failure, out
from .exit_codes import ExitCode
from .i18n import _

# Help texts are built when this module loads, before --lang is read: they follow the environment.
i18n.set_language(i18n.negotiate().language)

cli = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=False, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help=_("Explain Azure Compute Gallery errors from az, PowerShell, Terraform and ARM output."))

JsonOpt = Annotated[bool, typer.Option("--json", help=_("Write one JSON document to stdout."))]
LangOpt = Annotated[str | None, typer.Option("--lang", help=_("ko, fr, ru, nl or en (default: from the environment)."))]
KnowledgeOpt = Annotated[list[str] | None, typer.Option("--knowledge", help=_("Extra catalog directory (repeatable)."))]


def make_app(lang: str | None, knowledge: list[str] | None = None, redact_ids: bool = False) -> App:
    try:
        choice = i18n.negotiate(lang)
    except ValueError:
        raise Failure(_("unknown language {value!r}: use one of {choices}").format(
            value=lang, choices=", ".join(i18n.LANGUAGES)), ExitCode.USAGE) from None
    app = App(choice.language, choice.reason, tuple(knowledge or ()), redact_ids)
    if app.extra_dirs:
        _check_user_catalogs(app)
    return app


def _check_user_catalogs(app: App) -> None:
    from .validate import check_directory

    for directory in app.extra_dirs:
        if not directory.is_dir():
            raise Failure(_("{path}: not a directory").format(path=directory), ExitCode.USAGE)
        problems = check_directory(directory, with_samples=False)
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            raise Failure(_("the catalog in {path} has problems; nothing was diagnosed").format(path=directory),
                          ExitCode.CATALOG_INVALID)


def run(function):
    """Map failures to one clear line on stderr and the documented exit code."""
    try:
        code = function()
    except Failure as exc:
        print(f"sigdoctor: {exc}", file=sys.stderr)
        code = exc.code
    raise typer.Exit(int(code or 0))


@cli.callback(invoke_without_command=True, help=_("With no command: diagnose what is piped in, or open the interactive doctor on a terminal."))
def main_callback(ctx: typer.Context,
                  lang: LangOpt = None,
                  version: Annotated[bool, typer.Option("--version", help=_("Print the version."))] = False):
    if version:
        from . import __version__

        out(f"sigdoctor {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is not None:
        return
    if sys.stdin is not None and not sys.stdin.isatty():
        ctx.invoke(diagnose, path="-", lang=lang)
    else:
        ctx.invoke(repl, lang=lang)


@cli.command(help=_("Find Azure errors in a log or paste and explain each one."))
def diagnose(path: Annotated[str, typer.Argument(help=_("Log file, or - for standard input."))] = "-",
             as_json: JsonOpt = False, lang: LangOpt = None, knowledge: KnowledgeOpt = None,
             redact_ids: Annotated[bool, typer.Option("--redact-ids", help=_("Mask subscription and tenant ids too."))] = False,
             no_walk: Annotated[bool, typer.Option("--no-walk", help=_("Only print; do not walk the steps on the terminal."))] = False):
    from .commands.diagnose import diagnose_command

    run(lambda: diagnose_command(make_app(lang, knowledge, redact_ids), path, as_json, walk=not no_walk))


@cli.command(help=_("Find catalog entries by id (SIG3024), error code (ParentResourceNotFound) or words, in any language."))
def lookup(query: Annotated[list[str], typer.Argument(help=_("A catalog id, an error code, or words."))],
           as_json: JsonOpt = False, lang: LangOpt = None, knowledge: KnowledgeOpt = None,
           limit: Annotated[int, typer.Option("--limit", min=1, max=100)] = 10):
    from .commands.lookup import lookup_command

    run(lambda: lookup_command(make_app(lang, knowledge), " ".join(query), as_json, limit))


@cli.command(help=_("Print a whole catalog entry: messages, cause, what to do, steps."))
def show(entry_id: Annotated[str, typer.Argument(metavar="ID", help=_("A catalog id such as SIG2006."))],
         as_json: JsonOpt = False, lang: LangOpt = None, knowledge: KnowledgeOpt = None):
    from .commands.lookup import show_command

    run(lambda: show_command(make_app(lang, knowledge), entry_id, as_json))


@cli.command("list", help=_("List catalog entries, one line each."))
def list_entries(area: Annotated[str | None, typer.Option("--area", help=_("gallery, image-definition, image-version, vm-or-scale-set, disk-from-image-version, general"))] = None,
                 as_json: JsonOpt = False, lang: LangOpt = None, knowledge: KnowledgeOpt = None,
                 all_entries: Annotated[bool, typer.Option("--all", help=_("Include retired entries."))] = False):
    from .commands.lookup import list_command

    run(lambda: list_command(make_app(lang, knowledge), area, as_json, all_entries))


@cli.command(help=_("Validate a catalog: every problem as `path: field: message`."))
def check(directory: Annotated[Path | None, typer.Argument(help=_("Catalog directory (default: the bundled one)."))] = None,
          as_json: JsonOpt = False, lang: LangOpt = None):
    from .commands.check import check_command

    run(lambda: check_command(make_app(lang), directory, as_json))


@cli.command(help=_("List the supported languages and say which one is active and why."))
def languages(as_json: JsonOpt = False, lang: LangOpt = None):
    from .commands.languages import languages_command

    run(lambda: languages_command(make_app(lang), as_json))


@cli.command(help=_("Write a shareable copy of a log with secrets and subscription/tenant ids masked."))
def redact(path: Annotated[str, typer.Argument(help=_("Log file, or - for standard input."))] = "-",
           output: Annotated[Path | None, typer.Option("--output", "-o", help=_("Write here instead of stdout."))] = None,
           as_json: JsonOpt = False, lang: LangOpt = None):
    from .commands.redact import redact_command

    run(lambda: redact_command(make_app(lang), path, output, as_json))


@cli.command(help=_("Open the interactive doctor: paste a log, get walked to a fix."))
def repl(lang: LangOpt = None, knowledge: KnowledgeOpt = None):
    from .commands.repl import repl_command

    run(lambda: repl_command(make_app(lang, knowledge)))
