"""Which catalog entry an error record is: templates first, fuzzy second, honest abstention.

Layers:
1. Template regexes (placeholders captured by name). A hit is strong evidence;
   the request context (what the failing request targeted, what it did) breaks ties
   between entries that share a message.
2. rapidfuzz over normalized templates for truncated, re-wrapped or reworded text.
3. Below the threshold: no match, and the record is reported as "not in the catalog".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .catalog import Catalog, Entry
from .logs.record import ErrorRecord
from .templates import PLACEHOLDER, CompiledTemplate, captures, compile_template, normalize_words

# Confidence scale (0..1). A template hit starts high; context and code move it.
TEMPLATE_BASE = 0.86
FUZZY_CEILING = 0.84  # a fuzzy answer is never as sure as a template hit
ACCEPT = 0.70  # below this the record is "not in the catalog"
CLOSE = 0.06  # alternatives within this of the best are "close": the REPL asks a question
FUZZY_CUTOFF = 76  # rapidfuzz score (0..100) below which a fuzzy candidate is ignored
FUZZY_SCORER = fuzz.partial_ratio  # measured: tests/benchmarks/fuzzy_scorers.py
FULL_COVERAGE = 0.6  # a query with 60% of the template's wording counts as whole

FOREIGN_PENALTY = -0.3
MISSING_IDENTIFIER = 0.7  # fuzzy score kept when a literal identifier of the template is absent
_IDENTIFIER = re.compile(r"\b[A-Za-z]{2,}(?:\.[A-Za-z]{3,})+(?:/[A-Za-z]+)*\b")
_PROVIDER = re.compile(r"/providers/([A-Za-z0-9.]+)/", re.IGNORECASE)
OUR_PROVIDERS = {"microsoft.compute", "microsoft.resources"}


def _foreign_provider(resource: str) -> bool:
    """The failing request was about another resource provider's resource."""
    providers = _PROVIDER.findall(resource or "")
    return bool(providers) and providers[-1].lower() not in OUR_PROVIDERS


_GUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
# Quoted *values* (names, ids, lists without spaces) are the user's, not Azure's
# wording; a quoted sentence is wording and stays.
_QUOTED = re.compile(r"'[^'\s]{0,300}'|\"[^\"\s]{0,300}\"|\[[^\]\s]{0,300}\]")
_PATHLIKE = re.compile(r"\S*/\S*")


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    confidence: float
    method: str  # "template" or "fuzzy"
    variables: dict = field(default_factory=dict)
    template: str = ""


@dataclass(frozen=True)
class MatchResult:
    best: Candidate | None
    alternatives: tuple[Candidate, ...]  # next best, best first (at most 3)
    ambiguous: bool  # the best and the first alternative are too close to call

    @property
    def close(self) -> tuple[Candidate, ...]:
        if self.best is None:
            return ()
        return tuple(c for c in self.alternatives if self.best.confidence - c.confidence <= CLOSE)


def message_words(message: str) -> str:
    """The user's message reduced to its wording: values, ids and paths dropped."""
    text = _GUID.sub(" ", message)
    text = _QUOTED.sub(" ", text)
    text = _PATHLIKE.sub(" ", text)
    return normalize_words(text)


class Matcher:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._templates: list[tuple[Entry, CompiledTemplate]] = []
        self._choices: list[str] = []
        self._choice_entry: list[Entry] = []
        self._literal_chars: dict[str, int] = {}
        self._identifiers: list[tuple[str, ...]] = []
        self._wording: dict[str, str] = {}
        for entry in catalog.active():
            if entry.kind != "error":
                continue
            for template in entry.templates:
                compiled = compile_template(template)
                self._templates.append((entry, compiled))
                self._literal_chars[template] = compiled.literal_chars
                self._wording[template] = compiled.normalized
                self._choices.append(message_words(template))
                self._identifiers.append(tuple(i.lower() for i in _IDENTIFIER.findall(PLACEHOLDER.sub(" ", template))))
                self._choice_entry.append(entry)

    # -- scoring -----------------------------------------------------------------
    @staticmethod
    def _context_adjustment(entry: Entry, record: ErrorRecord) -> float:
        adjust = 0.0
        if _foreign_provider(record.request.resource_id or record.request.url):
            # A Dev Center gallery or a subnet also has "parent resources": the
            # same words about another service's resource are not our entry.
            return FOREIGN_PENALTY
        if record.target_hint:
            if record.target_hint == entry.target:
                adjust += 0.05
            elif entry.target != "none":
                adjust -= 0.12
        if record.operation_hint and entry.operations:
            adjust += 0.02 if record.operation_hint in entry.operations else -0.03
        if record.code:
            if record.code in entry.codes:
                adjust += 0.03
        return adjust

    def _template_candidates(self, record: ErrorRecord) -> list[Candidate]:
        message = record.message
        lowered = message.lower()
        found: dict[str, Candidate] = {}
        for entry, compiled in self._templates:
            if compiled.anchor and compiled.anchor not in lowered:
                continue
            m = compiled.pattern.search(message)
            if not m:
                continue
            # How much of the message the template explains, and how specific it is.
            coverage = (m.end() - m.start()) / max(len(message), 1)
            specificity = min(compiled.literal_chars / 300, 1.0)
            score = TEMPLATE_BASE + 0.05 * min(coverage, 1.0) + 0.04 * specificity
            score += self._context_adjustment(entry, record)
            score = max(0.0, min(score, 1.0))
            previous = found.get(entry.id)
            if previous is None or score > previous.confidence:
                found[entry.id] = Candidate(entry.id, round(score, 3), "template",
                                            captures(compiled, m), compiled.template)
        return list(found.values())

    def _fuzzy_candidates(self, record: ErrorRecord, limit: int = 5) -> list[Candidate]:
        query = message_words(record.message)
        if len(query) < 12 or not self._choices:
            return []
        hits = process.extract(query, self._choices, scorer=FUZZY_SCORER, processor=None,
                               score_cutoff=FUZZY_CUTOFF, limit=limit * 3)
        found: dict[str, Candidate] = {}
        for _choice, score, index in hits:
            entry = self._choice_entry[index]
            choice = self._choices[index]
            # partial_ratio forgives truncation but a few shared words are not a
            # message: scale by how much of the template the query covers.
            coverage = min(len(query) / max(len(choice), 1) / FULL_COVERAGE, 1.0)
            whole = fuzz.ratio(query, choice, processor=None) / 100
            blended = max(score / 100 * (0.55 + 0.45 * coverage), whole)
            if self._missing_identifier(index, record.message):
                blended *= MISSING_IDENTIFIER  # same sentence about another resource type
            confidence = FUZZY_CEILING * blended + self._context_adjustment(entry, record)
            confidence = max(0.0, min(confidence, FUZZY_CEILING))
            if entry.id not in found or confidence > found[entry.id].confidence:
                found[entry.id] = Candidate(entry.id, round(confidence, 3), "fuzzy", {},
                                            self._templates[index][1].template)
        return list(found.values())

    def _missing_identifier(self, index: int, message: str) -> bool:
        """The template names a literal identifier (Microsoft.Compute/galleries,
        galleryImage.properties.identifier) that the message does not contain."""
        lowered = message.lower()
        return any(ident not in lowered for ident in self._identifiers[index])

    def match(self, record: ErrorRecord) -> MatchResult:
        candidates = self._template_candidates(record)
        if not candidates:
            candidates = self._fuzzy_candidates(record)
        # Ties go to the template with more fixed wording: a message naming a
        # version path is more specific than the same message with any id.
        candidates.sort(key=lambda c: (-c.confidence, -self._literal_chars.get(c.template, 0), c.entry_id))
        if not candidates or candidates[0].confidence < ACCEPT:
            return MatchResult(None, tuple(candidates[:3]), False)
        best, rest = candidates[0], candidates[1:4]
        # Ambiguous only when two entries share the very same wording and the
        # request context did not separate them.
        ambiguous = bool(rest) and best.confidence - rest[0].confidence < 0.02 and \
            self._wording.get(best.template) == self._wording.get(rest[0].template)
        if ambiguous:
            # Same message, no context to choose: say so with a lower confidence.
            best = Candidate(best.entry_id, round(min(best.confidence, 0.6), 3), best.method,
                             best.variables, best.template)
            rest = [Candidate(c.entry_id, round(min(c.confidence, 0.6), 3), c.method, c.variables,
                              c.template) for c in rest]
        return MatchResult(best, tuple(rest), ambiguous)
