"""What the doctor shows for a step, a choice or the end of a walk: (style, text) blocks.

Composition only; the wording of entries and findings comes from render.
"""

from __future__ import annotations

from ..i18n import _
from ..localized import step_field, title
from ..render import clean, fill_command
from ..walk import RESOLVED
from .state import Pending, State

Block = list[tuple[str, str]]  # (style class, line)


def command_for(step, shell: str) -> tuple[str, str]:
    """(label, command) in the user's shell; the other shell's form if that is all there is."""
    forms = [("powershell", step.powershell, "PowerShell"), ("az", step.az, "az")]
    forms.sort(key=lambda form: form[0] != shell)
    for _form, command, label in forms:
        if command:
            return label, command
    return "", ""


def step_block(state: State) -> Block:
    walk = state.walk
    step = walk.step()
    entry, values = walk.entry, state.values
    n, m = walk.position
    block = [("", ""), ("class:heading", _("Step {n} of {m}").format(n=n, m=m) + f"  ({entry.id})"),
             ("", "  " + clean(step_field(entry, step, "text", values)))]
    label, command = command_for(step, state.shell)
    if command:
        block += [("class:dim", "  " + _("Run ({shell}):").format(shell=label)),
                  ("class:command", "    " + clean(fill_command(command, values)))]
    question = step_field(entry, step, "question", values) or _("Did that fix it?")
    block += [("class:question", "  " + clean(question)),
              ("class:dim", "  " + _("y = yes / fixed   n = no / still failing   s = skip   b = back"))]
    return block


def unsettled_block(state: State, step) -> Block:
    text = step_field(state.walk.entry, step, "if_unsettled", state.values) if step else ""
    return [("class:warn", "  " + clean(text))] if text else []


def pending_block(pending: Pending) -> Block:
    block = [("class:question", pending.question())]
    block += [("", f"  {number}. {label}") for number, label in enumerate(pending.labels(), 1)]
    block.append(("class:dim", "  " + _("Type a number.")))
    return block


def end_block(state: State) -> Block:
    walk = state.walk
    entry = walk.entry
    if walk.outcome == RESOLVED:
        return [("class:ok", _("Resolved: {entry_id} · {title}").format(entry_id=entry.id, title=clean(title(entry))))]
    if walk.reason == "loop":
        line = _("The steps of {entry_id} led back to one you already answered; they have nothing new to try.")
    else:
        line = _("The steps of {entry_id} did not fix it.")
    return [("class:warn", line.format(entry_id=entry.id))]


def support_block() -> Block:
    return [("class:dim", _("For a support request, :report FILE writes a summary of this session "
                            "(subscription and tenant ids and secrets masked)."))]
