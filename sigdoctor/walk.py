"""The guided resolution of one entry, step by step, and the question that separates close entries.

Core: no prompt_toolkit, never prints. A walk keeps only ids and answers, so the
REPL can redraw it in another language at any moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .catalog import OPERATIONS, TARGETS, Catalog, Entry, Step
from .i18n import _
from .render import target_label

YES, NO, SKIP, BACK = "y", "n", "s", "b"
RESOLVED, UNRESOLVED = "resolved", "unresolved"


def parse_answer(text: str) -> str:
    """'y', 'n', 's', 'b' from what the user typed (English or the current language), or ''."""
    word = text.strip().lower()
    # The letters work in every language; the words also in the current one.
    words = {
        YES: {"y", "yes", "fixed", _("yes"), _("fixed")},
        NO: {"n", "no", _("no")},
        SKIP: {"s", "skip", _("skip")},
        BACK: {"b", "back", _("back")},
    }
    for answer, accepted in words.items():
        if word in {w.lower() for w in accepted}:
            return answer
    return ""


@dataclass
class Walk:
    """Where the user is in an entry's steps, and what they answered on the way."""

    entry: Entry
    current: str = ""  # step id; "" once the walk has ended
    history: list[tuple[str, str]] = field(default_factory=list)  # (step id, answer)
    outcome: str = ""  # "", RESOLVED or UNRESOLVED
    reason: str = ""  # why it ended: "resolved", "end", "last-step", "loop"

    def __post_init__(self):
        if not self.current and not self.outcome:
            self.restart()

    # -- reading -----------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return bool(self.outcome)

    def step(self, step_id: str | None = None) -> Step | None:
        wanted = self.current if step_id is None else step_id
        return next((s for s in self.entry.steps if s.id == wanted), None)

    @property
    def position(self) -> tuple[int, int]:
        """(n, m): the current step's place in the entry; n is 0 once the walk has ended."""
        ids = [s.id for s in self.entry.steps]
        n = ids.index(self.current) + 1 if self.current in ids else 0
        return n, len(ids)

    def last_no(self) -> Step | None:
        """The step most recently answered 'no' (its if_unsettled says where to look next)."""
        for step_id, answer in reversed(self.history):
            if answer == NO:
                return self.step(step_id)
        return None

    # -- moving ------------------------------------------------------------------
    def restart(self) -> None:
        self.history.clear()
        self.outcome = self.reason = ""
        self.current = self.entry.steps[0].id if self.entry.steps else ""
        if not self.current:
            self._end(UNRESOLVED, "last-step")

    def answer(self, answer: str) -> bool:
        """Apply 'y', 'n', 's' or 'b'. False when it cannot apply (back at the start, walk over)."""
        if answer == BACK:
            return self.back()
        step = self.step()
        if step is None or self.finished or answer not in (YES, NO, SKIP):
            return False
        self.history.append((step.id, answer))
        target = {YES: step.on_yes, NO: step.on_no, SKIP: "next"}[answer]
        self._go(target)
        return True

    def back(self) -> bool:
        if not self.history:
            return False
        step_id, _answer = self.history.pop()
        self.current, self.outcome, self.reason = step_id, "", ""
        return True

    def _visited(self) -> set[str]:
        return {step_id for step_id, _answer in self.history}

    def _go(self, target: str) -> None:
        if target == "resolved":
            return self._end(RESOLVED, "resolved")
        if target == "end":
            return self._end(UNRESOLVED, "end")
        ids = [s.id for s in self.entry.steps]
        if target in ids and target != "next":
            if target in self._visited():
                # The steps lead back to one already answered: asking again would loop.
                return self._end(UNRESOLVED, "loop")
            self.current = target
            return None
        # "next" (or an id the catalog misspelled): the next step in order not yet answered.
        start = ids.index(self.current) + 1 if self.current in ids else 0
        following = [i for i in ids[start:] if i not in self._visited()]
        if not following:
            return self._end(UNRESOLVED, "last-step")
        self.current = following[0]
        return None

    def _end(self, outcome: str, reason: str) -> None:
        self.current, self.outcome, self.reason = "", outcome, reason


def next_routes(walk: Walk, alternatives: Iterable[str], tried: Iterable[str] = ()) -> list[str]:
    """After an unresolved walk: the alternatives not yet walked, best first."""
    done = {walk.entry.id, *tried}
    return [entry_id for entry_id in alternatives if entry_id not in done]


# -- the separating question ---------------------------------------------------------
def operation_label(operation: str) -> str:
    labels = {
        "create": _("creating"),
        "update": _("updating"),
        "delete": _("deleting"),
        "show": _("reading"),
        "deploy": _("deploying"),
        "replicate": _("replicating"),
        "share": _("sharing"),
    }
    return labels.get(operation, operation)


def join_or(labels: Sequence[str]) -> str:
    if len(labels) < 2:
        return "".join(labels)
    return _("{items} or {last}").format(items=", ".join(labels[:-1]), last=labels[-1])


def _target_sentence(operation: str, options: str) -> str:
    sentences = {
        "create": _("Were you creating {options}?"),
        "update": _("Were you updating {options}?"),
        "delete": _("Were you deleting {options}?"),
        "show": _("Were you reading {options}?"),
        "deploy": _("Were you deploying {options}?"),
        "replicate": _("Were you replicating {options}?"),
        "share": _("Were you sharing {options}?"),
    }
    sentence = sentences.get(operation, _("Which resource was the command working on: {options}?"))
    return sentence.format(options=options)


@dataclass(frozen=True)
class Option:
    key: str  # a target ("gallery") or an operation ("delete")
    entry_ids: tuple[str, ...]  # the entries this answer points to, best first


@dataclass(frozen=True)
class Question:
    """One question whose answer picks an entry; text and labels follow the current language."""

    kind: str  # "target" or "operation"
    options: tuple[Option, ...]
    operation: str = ""  # for "target": what the candidates were all doing, if one thing
    target: str = ""  # for "operation": what the candidates all worked on

    def labels(self) -> list[str]:
        label = target_label if self.kind == "target" else operation_label
        return [label(option.key) for option in self.options]

    def text(self) -> str:
        if self.kind == "target":
            return _target_sentence(self.operation, join_or(self.labels()))
        return _("Were you {operations} {target}?").format(operations=join_or(self.labels()),
                                                              target=target_label(self.target))

    def choose(self, number: int) -> str:
        """The entry id for answer `number` (1-based)."""
        return self.options[number - 1].entry_ids[0]


def _grouped(pairs: Iterable[tuple[str, str]], order: Sequence[str]) -> tuple[Option, ...]:
    """Options in the catalog's natural order (gallery before image before version)."""
    groups: dict[str, list[str]] = {}
    for key, entry_id in pairs:
        groups.setdefault(key, [])
        if entry_id not in groups[key]:
            groups[key].append(entry_id)
    rank = {key: i for i, key in enumerate(order)}
    keys = sorted(groups, key=lambda key: rank.get(key, len(rank)))
    return tuple(Option(key, tuple(groups[key])) for key in keys)


def separating_question(candidates: Sequence, catalog: Catalog, record=None) -> Question | None:
    """The one question that tells close candidates apart, or None.

    `candidates` are matcher Candidates or entry ids, best first. None when fewer than two
    entries are known, when neither target nor operations separate them, or when the log
    already says what the request worked on / did (record.target_hint / operation_hint).
    """
    entries: list[Entry] = []
    for candidate in candidates:
        entry = catalog.get(getattr(candidate, "entry_id", candidate))
        if entry is not None and entry not in entries:
            entries.append(entry)
    if len(entries) < 2:
        return None
    targets = {e.target for e in entries}
    if len(targets) > 1:
        if record is not None and record.target_hint:
            return None
        common = set.intersection(*(set(e.operations) for e in entries))
        hint = getattr(record, "operation_hint", "") if record is not None else ""
        operation = hint if hint and hint in common else (next(iter(common)) if len(common) == 1 else "")
        return Question("target", _grouped(((e.target, e.id) for e in entries), TARGETS), operation=operation)
    if record is not None and record.operation_hint:
        return None
    shared = set.intersection(*(set(e.operations) for e in entries))
    pairs = [(op, e.id) for e in entries for op in e.operations if op not in shared]
    options = _grouped(pairs, OPERATIONS)
    # Separates only if every entry can be reached by some answer.
    reachable = {entry_id for option in options for entry_id in option.entry_ids[:1]}
    if len(options) < 2 or len(reachable) < 2:
        return None
    return Question("operation", options, target=entries[0].target)
