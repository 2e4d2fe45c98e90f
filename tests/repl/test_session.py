"""The doctor driven through a pipe, as a terminal would: paste, answer, switch language, report, quit."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from sigdoctor import i18n
from sigdoctor.exit_codes import ExitCode
from sigdoctor.repl import flow
from sigdoctor.repl.session import run_session
from sigdoctor.repl.state import State

DATA = Path(__file__).parent / "data"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
SUBSCRIPTION = "0c5d8e2a-7f41-4b93-b6de-91a3c4f5e208"


def paste(text: str) -> str:
    return PASTE_START + text + PASTE_END


def drive(app, *keys: str, state: State | None = None, **options) -> tuple[State, ExitCode]:
    """Run one session on `keys` (all sent before it starts, as typeahead), until the input ends."""
    state = state or State(app)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        for chunk in keys:
            pipe.send_text(chunk)
        pipe.close()  # then EOF: the session ends like Ctrl-D
        code = run_session(app, input=pipe, output=DummyOutput(), state=state,
                           history=options.pop("history", InMemoryHistory()), **options)
    return state, code


def log(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# -- paste -> diagnosis -> steps -> resolved ----------------------------------------------------
def test_a_pasted_debug_log_is_one_input_and_is_walked_to_resolved(app):
    state, code = drive(app, paste(log("gallery-create-region.az-debug.log")), "n\n", "y\n")
    assert code == ExitCode.OK
    text = state.text()
    assert "SIG1904 · Galleries cannot be created in the requested region" in text
    # The cause is about the user's own resources.
    assert "The gallery galwesteu01 was requested in swedensouth" in text
    assert "Step 1 of 3  (SIG1904)" in text and "Is swedensouth in the list?" in text
    assert "az provider show --namespace Microsoft.Compute" in text  # the az form: the log came from az
    assert "az sig create --resource-group rg-images-se --gallery-name galwesteu01" in text
    assert state.walk.history == [("list-regions", "n"), ("use-listed-region", "y")]
    assert "Resolved: SIG1904" in text
    assert text.count("Error 1 of 1") == 1  # one paste, one diagnosis: not one per line


def test_a_powershell_log_gets_powershell_commands_filled_with_its_names(app):
    state, _code = drive(app, paste(log("image-definition-parent.powershell.log")))
    text = state.text()
    assert state.shell == "powershell" and state.walk.entry.id == "SIG2906"
    assert "Get-AzContext | Select-Object Subscription" in text
    assert f"Is this subscription {SUBSCRIPTION}?" in text


# -- ambiguity -> question -> the right entry -------------------------------------------------
def test_an_ambiguous_message_asks_the_separating_question_and_follows_the_answer(app):
    state, _code = drive(app, paste(log("region.az.txt")), "2\n")
    text = state.text()
    assert "Were you creating the gallery or an image version?" in text
    assert "  1. the gallery" in text and "  2. an image version" in text
    assert state.walk.entry.id == "SIG3901" and state.finding.result.best.entry_id == "SIG3901"
    assert "SIG3901 · The region given for the image version" in text
    assert "Step 1 of 1  (SIG3901)" in text


def test_the_other_answer_walks_the_other_entry(app):
    state, _code = drive(app, paste(log("region.az.txt")), "1\n")
    assert state.walk.entry.id == "SIG1904"


# -- :lang mid-walk -----------------------------------------------------------------------------
def test_lang_switches_everything_and_keeps_the_walk_where_it_was(app):
    state, _code = drive(app, "SIG2906\n", "n\n", ":lang fr\n")
    assert app.language == "fr" and app.language_reason == ":lang"
    assert state.walk.current == "switch-subscription" and state.walk.history == [("check-subscription", "n")]
    # The current step is shown again after the switch, in the new language: its command twice.
    assert state.text().count("az account set --subscription") == 2
    i18n.set_language("en")


def test_lang_redraws_the_step_through_the_new_catalog(app, monkeypatch):
    # A tiny French catalog of our own, so the test does not wait for the translators.
    french = i18n.Translations("fr", {(None, "Step {n} of {m}"): "Étape {n} sur {m}",
                                      (None, "Did that fix it?"): "Est-ce réglé ?"}, lambda n: int(n > 1))
    monkeypatch.setattr(i18n, "load", lambda language: french if language == "fr" else i18n._ENGLISH)
    state, _code = drive(app, "SIG2906\n", "n\n", ":lang fr\n", "n\n")
    text = state.text()
    assert "Étape 4 sur 4  (SIG2906)" in text and "Est-ce réglé ?" in text  # redrawn at once
    assert "Étape 2 sur 4  (SIG2906)" in text  # and the walk went on from where it was
    assert text.index("Step 4 of 4") < text.index("Étape 4 sur 4") < text.index("Étape 2 sur 4")
    assert state.walk.history == [("check-subscription", "n"), ("switch-subscription", "n")]
    i18n.set_language("en")


def test_lang_refuses_an_unknown_language(app):
    state, _code = drive(app, ":lang xx\n")
    assert app.language == "en" and "Choose one of: en, ko, fr, ru, nl" in state.text()


# -- :report ------------------------------------------------------------------------------------
def test_report_masks_ids_and_removes_secrets(app, tmp_path):
    target = tmp_path / "summary.md"
    state, _code = drive(app, paste(log("gallery-create-region.az-debug.log")), "n\n", f":report {target}\n")
    written = target.read_text(encoding="utf-8")
    assert "Summary written to" in state.text()
    assert "SIG1904" in written and "**no**" in written and "in progress, at step 3 of 3" in written
    assert SUBSCRIPTION not in written and "/subscriptions/***/" in written
    for secret in ("eyJ0eXAi", "Zx9Q~", "P@ssw0rd-Not-Real-42"):
        assert secret not in written


def test_report_before_anything_happened(app):
    state, _code = drive(app, ":report\n")
    assert "Nothing to report yet" in state.text()


# -- typed input: ids, codes, words ----------------------------------------------------------
def test_a_typed_code_offers_the_entries_and_a_number_walks_one(app):
    state, _code = drive(app, "LocationNotAvailableForResourceType\n", "2\n")
    text = state.text()
    assert "Which entry fits?" in text and "1. SIG1904" in text and "2. SIG3901" in text
    assert state.walk.entry.id == "SIG3901"


def test_an_unanswerable_line_during_a_walk_gets_a_hint_not_a_lookup(app):
    state, _code = drive(app, "SIG2906\n", "maybe\n")
    assert "Answer y, n, s or b" in state.text() and state.walk.current == "check-subscription"


def test_back_and_restart(app):
    state, _code = drive(app, "SIG2906\n", "n\n", "b\n", "y\n", ":back\n", ":restart\n")
    assert state.walk.current == "check-subscription" and state.walk.history == []


def test_unknown_command_and_help(app):
    state, _code = drive(app, ":frobnicate\n", ":help\n", ":show SIG3901\n", ":list\n")
    text = state.text()
    assert "Unknown command :frobnicate" in text and ":report [FILE]" in text
    assert "SIG3901 · The region given" in text and "SIG1904  gallery" in text


# -- Ctrl-C and Ctrl-D --------------------------------------------------------------------------
def test_ctrl_c_cancels_the_line_and_never_the_session(app):
    state, code = drive(app, "SIG2906\n", "half typed\x03", "\x03", "y\n")
    assert code == ExitCode.OK
    assert state.walk.history == [("check-subscription", "y")]
    assert "half typed" not in state.text()


def test_ctrl_d_quits(app):
    state, code = drive(app, "\x04", ":help\n")
    assert code == ExitCode.OK and ":report [FILE]" not in state.text()


def test_quit_command(app):
    state, code = drive(app, ":quit\n", ":help\n")
    assert code == ExitCode.OK and state.quit and ":report [FILE]" not in state.text()


# -- survival -----------------------------------------------------------------------------------
def test_a_failing_handler_is_one_line_and_the_session_goes_on(app, monkeypatch):
    real = flow.handle_text

    def flaky(state, text):
        if text == "boom":
            raise ValueError("kaboom")
        return real(state, text)

    monkeypatch.setattr(flow, "handle_text", flaky)
    state, code = drive(app, "boom\n", "SIG2906\n")
    assert code == ExitCode.OK
    assert "sigdoctor: internal error: ValueError: kaboom (the session goes on)" in state.text()
    assert state.walk.entry.id == "SIG2906"


def test_history_is_written_redacted(app, state_home):
    drive(app, "--client-secret Zx9Q~abcdefghijklmnopqrstuvwxyz0123456789\n", ":quit\n", history=None)
    stored = (state_home / "sigdoctor" / "history").read_text(encoding="utf-8")
    assert "--client-secret ***" in stored and "Zx9Q~" not in stored


@pytest.mark.parametrize("once", [True, False])
def test_findings_from_a_pipe_go_straight_to_the_walk(app, once):
    from sigdoctor.diagnose import diagnose_text

    findings = diagnose_text(log("gallery-create-region.az-debug.log"), app.catalog, app.matcher)
    state, _code = drive(app, "n\n", "y\n", ":help\n", findings=findings, once=once)
    text = state.text()
    assert "Error 1 of 1" not in text  # already printed by diagnose
    assert "Resolved: SIG1904" in text
    assert (":report [FILE]" in text) is (not once)  # once: the session ends with the walk


# -- pastes without bracketed paste, several errors, unknown errors ------------------------------
def test_a_paste_without_bracketed_paste_still_arrives_as_one_input(app):
    # Some terminals send a paste as plain keys: the lines arrive together, behind each Enter.
    state, _code = drive(app, log("region.az.txt"))
    drive(app, "1\n", state=state)  # typed later, after the question was on the screen
    text = state.text()
    assert text.count("Were you creating the gallery or an image version?") == 1
    assert state.walk.entry.id == "SIG1904"


def test_several_errors_are_listed_and_the_chosen_one_is_walked(app):
    both = log("region.az.txt") + "\n" + log("image-definition-parent.powershell.log")
    state, _code = drive(app, paste(both), "2\n")
    text = state.text()
    assert "Found 2 distinct errors." in text and "Which one shall we work on?" in text
    assert state.walk.entry.id == "SIG2906" and state.finding is state.findings[1]


def test_an_error_not_in_the_catalog_is_said_so(app):
    unknown = ("ERROR: (QuotaExceeded) Operation could not be completed as it results in exceeding approved "
               "standardDSv3Family Cores quota.\nCode: QuotaExceeded\n")
    state, _code = drive(app, paste(unknown))
    assert "Not in the catalog" in state.text() and state.walk is None


def test_words_nobody_knows(app):
    state, _code = drive(app, "zzqx\n")
    assert "Nothing in the catalog matches zzqx." in state.text()


def test_the_toolbar_and_the_prompt_follow_the_walk(app):
    from sigdoctor.repl.toolbar import prompt_message, toolbar

    state, _code = drive(app, "SIG2906\n", "y\n")
    bar = "".join(text for _style, text in toolbar(state)())
    assert " en " in bar and "SIG2906" in bar and "step 2/4" in bar
    assert prompt_message(state)() == [("class:prompt", "y/n/s/b> ")]
    state.walk.answer("y")
    state.walk.answer("y")
    assert "walk over" in "".join(text for _style, text in toolbar(state)())


def test_an_unresolved_walk_offers_the_next_best_entry_then_a_report(app):
    state, _code = drive(app, paste(log("region.az.txt")), "1\n", "n\n", "n\n", "1\n", "y\n", ":report\n")
    text = state.text()
    assert "Ask for the region to be enabled for the subscription." in text  # if_unsettled after "no"
    assert "The steps of SIG1904 did not fix it." in text
    assert "Other possible causes of the same message:" in text and "  1. SIG3901 · " in text
    assert ":report FILE writes a summary" in text
    assert [w.entry.id for w in state.walks] == ["SIG1904", "SIG3901"] and state.walk.outcome == "resolved"
    report = text[text.index("# sigdoctor session summary"):]
    assert "Chosen by the answer to: Were you creating the gallery or an image version?" in report
    assert "### SIG1904 · " in report and "### SIG3901 · " in report
    assert report.count("Outcome: unresolved") == 1 and report.count("Outcome: resolved") == 1


def test_typing_an_alternative_id_keeps_the_log_names(app):
    state, _code = drive(app, paste(log("gallery-create-region.az-debug.log")), "SIG3901\n")
    assert state.walk.entry.id == "SIG3901" and state.finding is not None
    assert "az sig show --resource-group rg-images-se --gallery-name galwesteu01" in state.text()
