"""The conversation: a paste or a query in, a diagnosis, a question if needed, then the walk."""

from __future__ import annotations

from ..catalog import ID_FORMAT, Entry
from ..i18n import _, ngettext
from ..localized import title
from ..matcher import MatchResult
from ..render import clean, entry_text, error_lines, finding_text, percent, shell_of
from ..walk import BACK, NO, Question, Walk, next_routes, parse_answer, separating_question
from . import views
from .state import Pending, State


def show(state: State, block: views.Block) -> None:
    for style, line in block:
        state.say(line, style)


# -- input that is not a command -------------------------------------------------------
def handle_text(state: State, text: str) -> None:
    text = text.strip("\n")
    if not text.strip():
        return
    if "\n" in text.strip():
        return diagnose(state, text)
    line = text.strip()
    if state.pending is not None:
        number = state.pending.number(line)
        if number:
            pending, state.pending = state.pending, None
            return pending.choose(number)
    answer = parse_answer(line)
    if state.walk is not None and (state.walking or answer == BACK) and answer:
        return answer_step(state, answer)
    if state.walking and not ID_FORMAT.match(line.strip().upper()):
        state.say(_("Answer y, n, s or b; paste a new log to start over, or :help for commands."), "class:dim")
        return None
    return typed(state, line)


def typed(state: State, line: str) -> None:
    """An id, an error code, a one-line error, or words in any language."""
    catalog = state.app.catalog
    if ID_FORMAT.match(line.strip().upper()) and catalog.get(line):
        entry = catalog.get(line)
        if entry.id not in _candidates(state):  # another of the log's candidates keeps the log's names
            state.new_case()
            state.query = line
        state.pending = None
        return start_walk(state, entry, intro=True)
    findings = _diagnose(state, line)
    if any(f.known for f in findings):
        state.new_case()
        return start(state, findings)
    hits = state.app.index.lookup(line)
    if not hits:
        state.say(_("Nothing in the catalog matches {query}. Paste the whole error output, or try other "
                    "words; :list shows every entry.").format(query=clean(line)))
        return None
    state.new_case()
    state.query = line
    entries = [catalog.get(hit.entry_id) for hit in hits]
    offer(state, lambda: _("Which entry fits? Type its number to walk through it."),
          lambda: [f"{e.id} · {clean(title(e))} ({percent(h.score)})" for e, h in zip(entries, hits, strict=True)],
          lambda n: start_walk(state, entries[n - 1], intro=True))
    return None


def _candidates(state: State) -> list[str]:
    """The entries the current finding could be, best first."""
    if state.finding is None or state.finding.result.best is None:
        return []
    return [c.entry_id for c in (state.finding.result.best, *state.finding.result.alternatives)]


def offer(state: State, question, labels, choose) -> None:
    state.pending = Pending(question, labels, choose)
    show(state, views.pending_block(state.pending))


# -- a diagnosis ---------------------------------------------------------------------------
def _diagnose(state: State, text: str):
    from ..diagnose import diagnose_text  # the log parsers load on first use

    return diagnose_text(text, state.app.catalog, state.app.matcher)


def diagnose(state: State, text: str) -> None:
    findings = _diagnose(state, text)
    state.new_case()
    if not findings:
        state.say(_("No Azure error found in what you pasted. Paste the whole output of the failing "
                    "command (with --debug or -Debug), or type an error code or some words."))
        return
    start(state, findings)


def start(state: State, findings: list, printed: bool = False) -> None:
    """Take findings (already printed when they came through a pipe) to a walk."""
    state.findings = list(findings)
    known = [f for f in findings if f.known]
    state.shell = (shell_of(known[0]) if known else "") or "az"
    if len(findings) == 1 or printed:
        return focus(state, findings.index(known[0]) if known else 0, printed)
    state.say(ngettext("Found {count} error.", "Found {count} distinct errors.", len(findings)).format(
        count=len(findings)), "class:heading")

    def label(finding) -> str:
        best = finding.result.best
        entry = state.app.catalog.get(best.entry_id) if best else None
        name = f"{entry.id} · {clean(title(entry))}" if entry else _("not in the catalog")
        return f"{clean(finding.record.code or '—')}: {name}"

    offer(state, lambda: _("Which one shall we work on?"), lambda: [label(f) for f in findings],
          lambda n: focus(state, n - 1))


def focus(state: State, index: int, printed: bool = False) -> None:
    finding = state.findings[index]
    state.finding, state.walk, state.walks, state.chosen_by = finding, None, [], None
    ids, total = state.app.redact_ids, len(state.findings)
    result = finding.result
    if result.best is None:
        if not printed:
            state.say(finding_text(finding, state.app.catalog, index + 1, total, ids))
        state.say(_("Try a few words from the message or the error code to search the catalog."), "class:dim")
        return
    close = result.close
    question = separating_question([result.best, *close], state.app.catalog, finding.record) if close else None
    if question is None:
        if not printed:
            state.say(finding_text(finding, state.app.catalog, index + 1, total, ids, steps=False))
        return start_walk(state, state.app.catalog.get(result.best.entry_id))
    if not printed:
        state.say("\n".join(error_lines(finding, index + 1, total, ids)))
    state.say(_("This message belongs to more than one catalog entry; one answer tells them apart."), "class:dim")
    offer(state, question.text, question.labels,
          lambda n: choose_entry(state, question.choose(n), question))


def choose_entry(state: State, entry_id: str, question: Question | None = None) -> None:
    """Make `entry_id` the diagnosis of the current finding (the user's answer decided)."""
    from ..diagnose import Finding, collect_variables

    finding = state.finding
    pool = [finding.result.best, *finding.result.alternatives]
    chosen = next(c for c in pool if c.entry_id == entry_id)
    result = MatchResult(chosen, tuple(c for c in pool if c is not chosen), False)
    state.finding = Finding(finding.record, result, collect_variables(finding.record, result))
    state.chosen_by = question
    index = state.findings.index(finding)
    state.findings[index] = state.finding
    state.say(finding_text(state.finding, state.app.catalog, index + 1, len(state.findings),
                           state.app.redact_ids, steps=False))
    start_walk(state, state.app.catalog.get(entry_id))


# -- the walk ------------------------------------------------------------------------------
def start_walk(state: State, entry: Entry, intro: bool = False) -> None:
    if intro:
        state.say(entry_text(entry, state.values, steps=False))
    state.walk = Walk(entry)
    state.walks.append(state.walk)
    if state.walk.finished:
        state.say(_("{entry_id} has no steps to walk.").format(entry_id=entry.id))
        return
    show_step(state)


def show_step(state: State) -> None:
    show(state, views.step_block(state))


def answer_step(state: State, answer: str) -> None:
    walk = state.walk
    if answer == BACK:
        if not walk.back():
            state.say(_("This is the first step; there is nothing to go back to."), "class:dim")
        return show_step(state)
    step = walk.step()
    walk.answer(answer)
    if answer == NO:
        show(state, views.unsettled_block(state, step))
    if not walk.finished:
        return show_step(state)
    return finish_walk(state)


def finish_walk(state: State) -> None:
    show(state, views.end_block(state))
    if state.walk.outcome == "resolved":
        if state.once:
            state.quit = True
        return
    routes = next_routes(state.walk, _candidates(state), [w.entry.id for w in state.walks])
    entries = [state.app.catalog.get(entry_id) for entry_id in routes]
    entries = [e for e in entries if e is not None]
    if entries:
        offer(state, lambda: _("Other possible causes of the same message:"),
              lambda: [f"{e.id} · {clean(title(e))}" for e in entries],
              lambda n: start_walk(state, entries[n - 1], intro=True))
    show(state, views.support_block())


def redisplay(state: State) -> None:
    """After a language switch: show where the user is, in the new language."""
    if state.pending is not None:
        show(state, views.pending_block(state.pending))
    elif state.walking:
        show_step(state)
