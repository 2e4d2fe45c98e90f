"""What the doctor remembers between two inputs. Plain data: no prompt_toolkit here."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..render import clean
from ..walk import YES, parse_answer

if TYPE_CHECKING:
    from ..app import App
    from ..diagnose import Finding
    from ..walk import Question, Walk


@dataclass
class Pending:
    """A numbered choice waiting for its answer; text and labels follow the current language."""

    question: Callable[[], str]
    labels: Callable[[], list[str]]
    choose: Callable[[int], None]  # called with the 1-based number

    def number(self, text: str) -> int:
        """The option the user typed, or 0. 'y' accepts a single option."""
        word = text.strip().lower()
        count = len(self.labels())
        if word.isdigit() and 1 <= int(word) <= count:
            return int(word)
        return 1 if count == 1 and parse_answer(word) == YES else 0


@dataclass
class State:
    app: App
    printer: Callable[[str, str], None] = lambda text, style: None
    findings: list[Finding] = field(default_factory=list)
    finding: Finding | None = None
    walk: Walk | None = None
    walks: list[Walk] = field(default_factory=list)  # every walk for the current case, current last
    pending: Pending | None = None
    chosen_by: Question | None = None  # the separating question the user answered
    query: str = ""  # what was looked up when the case did not start from a log
    shell: str = "az"
    once: bool = False  # piped mode: leave when the walk is resolved
    quit: bool = False
    notice: str = ""  # one line for the toolbar (e.g. a completer that failed)
    transcript: deque = field(default_factory=lambda: deque(maxlen=5000))

    def say(self, text: str = "", style: str = "") -> None:
        self.transcript.append(text)
        self.printer(text, style)

    def new_case(self) -> None:
        """A new log or a new lookup: forget the previous one."""
        self.findings, self.finding, self.walk, self.walks = [], None, None, []
        self.pending, self.chosen_by, self.query = None, None, ""

    @property
    def values(self) -> dict:
        """The user's own names and ids, ready for display."""
        if self.finding is None:
            return {}
        return {k: clean(v, self.app.redact_ids) for k, v in self.finding.variables.items()}

    @property
    def walking(self) -> bool:
        return self.walk is not None and not self.walk.finished

    def text(self) -> str:
        """Everything said so far (tests read this)."""
        return "\n".join(self.transcript)
