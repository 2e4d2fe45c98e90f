"""Entries and findings -> terminal text or JSON-able dicts. Never prints.

Everything that came from the user's input passes through redaction and
terminal escaping here, so no caller can forget it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .catalog import Catalog, Entry
from .i18n import N_, _, current_language
from .localized import entry_field, step_field, title
from .redact import redact, redact_named
from .terminal import safe

if TYPE_CHECKING:
    from .diagnose import Finding


def clean(text: str, ids: bool = False) -> str:
    return safe(redact(text, ids=ids))


# Area names, translated where shown; lookup also uses them to tell which
# resource a query is about.
AREA_LABELS = {
    "gallery": N_("gallery"),
    "image-definition": N_("image definition"),
    "image-version": N_("image version"),
    "vm-or-scale-set": N_("VM or scale set"),
    "disk-from-image-version": N_("disk from an image version"),
    "general": N_("general guidance"),
}


def area_label(area: str) -> str:
    return _(AREA_LABELS[area]) if area in AREA_LABELS else area


def target_label(target: str) -> str:
    labels = {
        "gallery": _("the gallery"),
        "image": _("an image definition"),
        "version": _("an image version"),
        "vm": _("a virtual machine"),
        "vmss": _("a virtual machine scale set"),
        "disk": _("a managed disk"),
        "none": _("something else"),
    }
    return labels.get(target, target)


def number(value: int) -> str:
    """A count as the reader's locale writes it (1,234 / 1 234 / 1.234)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=current_language())


def moment(when) -> str:
    """A date and time as the reader's locale writes them."""
    from babel.dates import format_datetime

    return format_datetime(when, format="medium", locale=current_language())


def percent(confidence: float) -> str:
    from babel.numbers import format_percent

    return format_percent(confidence, locale=current_language())


def step_lines(entry: Entry, values: dict, shell: str = "", indent: str = "  ") -> list[str]:
    lines = []
    for number, step in enumerate(entry.steps, 1):
        lines.append(f"{indent}{number}. {clean(step_field(entry, step, 'text', values))}")
        for form, label in (("az", "az"), ("powershell", "PowerShell")):
            command = getattr(step, form)
            if command and (not shell or shell == form):
                lines.append(f"{indent}   {label}> {clean(fill_command(command, values))}")
    return lines


def fill_command(command: str, values: dict) -> str:
    from .templates import fill

    return fill(command, values)


def entry_text(entry: Entry, values: dict | None = None, catalog: Catalog | None = None, steps: bool = True) -> str:
    values = values or {}
    lines = [f"{entry.id} · {clean(title(entry))}",
             "  " + _("Area: {area}").format(area=area_label(entry.area))]
    if entry.codes:
        lines.append("  " + _("Error codes: {codes}").format(codes=", ".join(entry.codes)))
    if entry.status != "active":
        lines.append("  " + _("Retired: see {entry_id}.").format(entry_id=entry.superseded_by))
    for template in entry.templates:
        lines.append("  " + _("Message: {message}").format(message=template))
    lines += ["", _("Cause"), "  " + clean(entry_field(entry, "cause", values))]
    if entry.hidden_cause:
        lines += ["", _("Also check"), "  " + clean(entry_field(entry, "hidden_cause", values))]
    lines += ["", _("What to do"), "  " + clean(entry_field(entry, "workaround", values))]
    if entry.steps and steps:
        lines += ["", _("Steps")] + step_lines(entry, values)
    return "\n".join(lines)


def entry_dict(entry: Entry, values: dict | None = None) -> dict:
    values = values or {}
    return {
        "id": entry.id,
        "status": entry.status,
        "superseded_by": entry.superseded_by or None,
        "kind": entry.kind,
        "area": entry.area,
        "operations": list(entry.operations),
        "target": entry.target,
        "origin": entry.origin,
        "codes": list(entry.codes),
        "templates": list(entry.templates),
        "title": title(entry),
        "cause": redact(entry_field(entry, "cause", values)),
        "hidden_cause": redact(entry_field(entry, "hidden_cause", values)) or None,
        "workaround": redact(entry_field(entry, "workaround", values)),
        "steps": [
            {
                "id": step.id,
                "text": redact(step_field(entry, step, "text", values)),
                "az": redact(fill_command(step.az, values)) or None,
                "powershell": redact(fill_command(step.powershell, values)) or None,
                "question": step_field(entry, step, "question", values) or None,
                "on_yes": step.on_yes,
                "on_no": step.on_no,
                "if_unsettled": step_field(entry, step, "if_unsettled", values) or None,
            }
            for step in entry.steps
        ],
    }


def finding_dict(finding: Finding, catalog: Catalog, ids: bool = False) -> dict:
    record, result = finding.record, finding.result

    def candidate(c) -> dict:
        entry = catalog.get(c.entry_id)
        return {"id": c.entry_id, "title": title(entry) if entry else "", "confidence": c.confidence,
                "method": c.method}

    match = None
    if result.best is not None:
        match = candidate(result.best)
        match["variables"] = {k: redact_named(k, v, ids) for k, v in finding.variables.items()}
        match["ambiguous"] = result.ambiguous
    request = record.request
    return {
        "source": {"format": record.source, "line": record.line},
        "error": {
            "code": redact(record.code) or None,
            "message": redact(record.message, ids=ids),
            "target": redact(record.target, ids=ids) or None,
            "status": redact(request.status) or None,
            "request": {
                "method": request.method or None,
                "url": redact(request.url, ids=ids) or None,
                "resource_id": redact(request.resource_id, ids=ids) or None,
                "request_id": redact(request.request_id) or None,
                "correlation_id": redact(request.correlation_id) or None,
            },
            "command": redact(record.command, ids=ids) or None,  # parsers may keep the arguments
        },
        "match": match,
        "alternatives": [candidate(c) for c in result.alternatives],
    }


def error_lines(finding: Finding, index: int, total: int, ids: bool = False) -> list[str]:
    """What the log says: where, the request, the code, the message, the ids."""
    record = finding.record
    request = record.request
    lines = [_("Error {number} of {total} — {format}, line {line}").format(
        number=index, total=total, format=record.source, line=record.line)]
    if request.method or request.url:
        status = f" → {clean(request.status)}" if request.status else ""
        lines.append(f"  {clean(request.method)} {clean(request.url or request.resource_id, ids)}{status}")
    if record.code:
        lines.append("  " + _("Code: {code}").format(code=clean(record.code)))
    lines.append("  " + _("Message: {message}").format(message=clean(record.message, ids)))
    ids_line = []
    if request.correlation_id:
        ids_line.append(_("correlation id {id}").format(id=clean(request.correlation_id)))
    if request.request_id:
        ids_line.append(_("request id {id}").format(id=clean(request.request_id)))
    if ids_line:
        lines.append("  " + ", ".join(ids_line))
    return lines


def shell_of(finding: Finding) -> str:
    """The shell the user pasted from: their commands should be in it."""
    source = finding.record.source
    return "powershell" if source.startswith("powershell") else "az" if source.startswith("az") else ""


def finding_text(finding: Finding, catalog: Catalog, index: int, total: int, ids: bool = False,
                 steps: bool = True) -> str:
    """The error and what it means; `steps=False` when the REPL walks them one at a time."""
    result = finding.result
    lines = error_lines(finding, index, total, ids) + [""]
    if result.best is None:
        lines.append(_("Not in the catalog: sigdoctor does not know this error well enough to say what it means."))
        if result.alternatives:
            lines.append(_("Distant resemblances (not a diagnosis):"))
            for c in result.alternatives:
                entry = catalog.get(c.entry_id)
                lines.append(f"  {c.entry_id} · {title(entry) if entry else ''} ({percent(c.confidence)})")
        return "\n".join(lines)
    entry = catalog.get(result.best.entry_id)
    values = {k: safe(redact_named(k, v, ids)) for k, v in finding.variables.items()}
    lines.append(f"{entry.id} · {clean(title(entry))}   " +
                 _("[confidence {percent}]").format(percent=percent(result.best.confidence)))
    if result.ambiguous:
        lines.append("  " + _("The same message belongs to more than one entry; the log does not say which "
                              "resource the command was working on."))
    lines += ["", _("Cause"), "  " + clean(entry_field(entry, "cause", values), ids)]
    if entry.hidden_cause:
        lines += ["", _("Also check"), "  " + clean(entry_field(entry, "hidden_cause", values), ids)]
    lines += ["", _("What to do"), "  " + clean(entry_field(entry, "workaround", values), ids)]
    if steps:
        lines += ["", _("Steps")] + [clean(line, ids) for line in step_lines(entry, values, shell_of(finding))]
    if result.alternatives:
        lines += ["", _("Also possible")]
        for c in result.alternatives:
            alt = catalog.get(c.entry_id)
            lines.append(f"  {c.entry_id} · {title(alt) if alt else ''} ({percent(c.confidence)})")
    return "\n".join(lines)
