"""Entry prose in the current language: one naming scheme for msgctxt, shared by the extractor."""

from __future__ import annotations

from .catalog import Entry, Step
from .i18n import pgettext
from .templates import fill


def context(entry_id: str, field: str, step_id: str = "") -> str:
    """msgctxt of one prose field: "SIG2006|cause", "SIG2006|steps.list-galleries.text"."""
    return f"{entry_id}|steps.{step_id}.{field}" if step_id else f"{entry_id}|{field}"


def entry_field(entry: Entry, field: str, values: dict | None = None) -> str:
    english = getattr(entry, field)
    if not english:
        return ""
    return fill(pgettext(context(entry.id, field), english), values or {})


def step_field(entry: Entry, step: Step, field: str, values: dict | None = None) -> str:
    english = getattr(step, field)
    if not english:
        return ""
    return fill(pgettext(context(entry.id, field, step.id), english), values or {})


def title(entry: Entry) -> str:
    return entry_field(entry, "title")
