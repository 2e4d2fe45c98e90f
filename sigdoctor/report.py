"""A Markdown summary of a troubleshooting session, safe to paste into a support request.

Core: never prints. Everything passes through redaction with ids masked: the
summary is meant to leave the user's machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from . import __version__
from .catalog import Catalog
from .i18n import _, current_language
from .localized import step_field, title
from .redact import MASK
from .render import clean, moment, percent
from .walk import NO, RESOLVED, SKIP, YES, Walk

if TYPE_CHECKING:
    from .diagnose import Finding

# Values read from the log that identify the user's tenant; masked wherever they appear.
_ID_VARIABLES = ("subscriptionId", "subscriptionID", "subscriptionID_1", "tenantId")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def answer_label(answer: str) -> str:
    return {YES: _("yes"), NO: _("no"), SKIP: _("skipped")}.get(answer, answer)


def outcome_label(walk: Walk) -> str:
    if not walk.finished:
        n, m = walk.position
        return _("in progress, at step {n} of {m}").format(n=n, m=m)
    if walk.outcome == RESOLVED:
        return _("resolved")
    if walk.reason == "loop":
        return _("unresolved (the steps led back to one already answered)")
    return _("unresolved")


def _error_lines(finding: Finding) -> list[str]:
    record, request = finding.record, finding.record.request
    lines = ["## " + _("Error"), ""]
    lines.append("- " + _("Found in: {format}, line {line}").format(format=record.source, line=record.line))
    if record.command:
        lines.append("- " + _("Command") + ": " + _code(record.command))
    if record.code:
        lines.append("- " + _("Code") + ": " + _code(record.code))
    lines.append("- " + _("Message") + ": " + record.message)
    if request.method or request.url:
        lines.append("- " + _("Request") + ": " + _code(f"{request.method} {request.url or request.resource_id}".strip()))
    if request.status:
        lines.append("- " + _("Status") + ": " + request.status)
    if request.correlation_id:
        lines.append("- " + _("Correlation id") + ": " + _code(request.correlation_id))
    if request.request_id:
        lines.append("- " + _("Request id") + ": " + _code(request.request_id))
    return lines


def _diagnosis_lines(finding: Finding | None, catalog: Catalog, chosen_by: str, query: str) -> list[str]:
    lines = ["## " + _("Diagnosis"), ""]
    best = finding.result.best if finding is not None else None
    if finding is not None and best is None:
        lines.append(_("Not in the catalog: sigdoctor does not know this error."))
    elif best is not None:
        entry = catalog.get(best.entry_id)
        lines.append("- " + _("Entry") + f": {best.entry_id} · {title(entry) if entry else ''}")
        lines.append("- " + _("Confidence") + f": {percent(best.confidence)} ({best.method})")
        if finding.result.ambiguous and not chosen_by:
            lines.append("- " + _("The message belongs to more than one entry; the log did not say which."))
    elif query:
        lines.append("- " + _("No log was given; the entry was found by looking up {query}.").format(
            query=_code(query)))
    if chosen_by:
        lines.append("- " + _("Chosen by the answer to: {question}").format(question=chosen_by))
    return lines


def _walk_lines(walk: Walk, values: dict) -> list[str]:
    entry = walk.entry
    lines = [f"### {entry.id} · {title(entry)}", ""]
    if not walk.history:
        lines.append(_("No step answered."))
    for number, (step_id, answer) in enumerate(walk.history, 1):
        step = walk.step(step_id)
        text = step_field(entry, step, "text", values) if step else step_id
        lines.append(f"{number}. {text} — **{answer_label(answer)}**")
    lines += ["", _("Outcome: {outcome}").format(outcome=outcome_label(walk))]
    return lines


def session_report(catalog: Catalog, finding: Finding | None, walks: Sequence[Walk],
                   chosen_by: str = "", query: str = "") -> str:
    """The session as Markdown: error, diagnosis, steps tried and answers, outcome, alternatives."""
    values = dict(finding.variables) if finding is not None else {}
    lines = ["# " + _("sigdoctor session summary"), ""]
    if finding is not None:
        lines += _error_lines(finding) + [""]
    lines += _diagnosis_lines(finding, catalog, chosen_by, query) + [""]
    lines += ["## " + _("Steps tried"), ""]
    if not walks:
        lines += [_("None."), ""]
    for walk in walks:
        lines += _walk_lines(walk, values) + [""]
    walked = {w.entry.id for w in walks}
    alternatives = []
    if finding is not None:
        pool = ([finding.result.best] if finding.result.best else []) + list(finding.result.alternatives)
        alternatives = [c for c in pool if c.entry_id not in walked]
    if alternatives:
        lines += ["## " + _("Other possible causes"), ""]
        for candidate in alternatives:
            entry = catalog.get(candidate.entry_id)
            lines.append(f"- {candidate.entry_id} · {title(entry) if entry else ''} ({percent(candidate.confidence)})")
        lines.append("")
    lines.append("_" + _("sigdoctor {version}, language {language}, written {when}; subscription and tenant ids "
                         "and secrets are masked.").format(version=__version__, language=current_language(),
                                                           when=moment(datetime.now())) + "_")
    text = "\n".join(lines) + "\n"
    for name in _ID_VARIABLES:
        value = values.get(name, "")
        if len(value) >= 8:  # a real id, not a placeholder that would mask common words
            text = text.replace(value, MASK)
    return clean(text, ids=True)
