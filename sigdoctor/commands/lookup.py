"""lookup, show, list: the offline catalog."""

from __future__ import annotations

from ..app import App
from ..catalog import AREAS, ID_FORMAT
from ..exit_codes import ExitCode
from ..i18n import _
from ..localized import title
from ..render import area_label, entry_dict, entry_text, percent
from .common import Failure, emit_json, out


def lookup_command(app: App, query: str, as_json: bool, limit: int) -> ExitCode:
    if not query.strip():
        raise Failure(_("give an id, an error code or some words to look up"), ExitCode.USAGE)
    if ID_FORMAT.match(query.strip().upper()):
        # An id needs one file, not the catalog or the index: the quickest answer.
        entry = app.entry(query)
        found = [(entry, 1.0, "id")] if entry else []
    else:
        found = [(app.catalog.get(h.entry_id), h.score, h.reason) for h in app.index.lookup(query, limit)]
    if as_json:
        emit_json({"query": query, "results": [
            {"id": e.id, "score": score, "matched_by": reason, "title": title(e), "area": e.area}
            for e, score, reason in found]})
        return ExitCode.OK if found else ExitCode.NOT_FOUND
    if not found:
        out(_("Nothing in the catalog matches {query!r}.").format(query=query))
        return ExitCode.NOT_FOUND
    for entry, score, _reason in found:
        out(f"{entry.id}  {percent(score):>5}  {area_label(entry.area):<22} {title(entry)}")
    return ExitCode.OK


def show_command(app: App, entry_id: str, as_json: bool) -> ExitCode:
    entry = app.entry(entry_id)
    if entry is None:
        raise Failure(_("no entry {entry_id} in the catalog (try: sigdoctor list)").format(entry_id=entry_id),
                      ExitCode.NOT_FOUND)
    if as_json:
        emit_json(entry_dict(entry))
    else:
        out(entry_text(entry))
    return ExitCode.OK


def list_command(app: App, area: str | None, as_json: bool, include_retired: bool) -> ExitCode:
    if area and area not in AREAS:
        raise Failure(_("unknown area {area!r}: use one of {choices}").format(area=area, choices=", ".join(AREAS)),
                      ExitCode.USAGE)
    entries = [e for e in app.catalog if (include_retired or e.active) and (not area or e.area == area)]
    if as_json:
        emit_json({"entries": [{"id": e.id, "area": e.area, "kind": e.kind, "status": e.status,
                                "codes": list(e.codes), "title": title(e)} for e in entries]})
        return ExitCode.OK
    for entry in entries:
        codes = ", ".join(entry.codes)
        out(f"{entry.id}  {area_label(entry.area):<22} {title(entry)}" + (f"  [{codes}]" if codes else ""))
    return ExitCode.OK
