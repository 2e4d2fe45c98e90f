"""Offline lookup: by catalog id, by error code, or by words in any supported language."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from .catalog import Catalog, Entry
from .textnorm import char_ngrams, fold, is_hangul, words

ID_QUERY = re.compile(r"^\s*SIG\d{4}\s*$", re.IGNORECASE)
WORD_CUTOFF = 0.35  # below this a word query is not an answer


@dataclass(frozen=True)
class Hit:
    entry_id: str
    score: float  # 0..1
    reason: str  # "id", "code", "words"


@dataclass(frozen=True)
class Document:
    entry_id: str
    field: str
    language: str
    text: str  # folded
    weight: float


# How much a field says about what an entry is.
FIELD_WEIGHTS = {"title": 1.0, "message": 0.95, "keywords": 0.9, "codes": 0.8, "cause": 0.7, "workaround": 0.6}


def entry_documents(entry: Entry, language: str, translate) -> list[Document]:
    """The searchable texts of one entry in one language; translate(entry, field) -> text."""
    docs = []
    for field, weight in FIELD_WEIGHTS.items():
        text = translate(entry, field)
        if text:
            docs.append(Document(entry.id, field, language, fold(text), weight))
    return docs


def _english(entry: Entry, field: str) -> str:
    if field == "message":
        return " ".join(entry.templates)
    if field in ("keywords", "codes"):
        return " ".join(getattr(entry, field))
    return getattr(entry, field, "")


class SearchIndex:
    def __init__(self, catalog: Catalog, documents: list[Document] | None = None):
        self.catalog = catalog
        self.codes: dict[str, list[Entry]] = defaultdict(list)
        for entry in catalog.active():
            for code in entry.codes:
                self.codes[code.lower()].append(entry)
        if documents is None:
            documents = [d for e in catalog.active() for d in entry_documents(e, "en", _english)]
        self.documents = documents
        # Rare literal tokens (osProfile, UltraSSD, LUN) identify an entry better than prose.
        df: dict[str, set] = defaultdict(set)
        for doc in documents:
            for w in set(words(doc.text)):
                df[w].add(doc.entry_id)
        self._entry_count = max(len({d.entry_id for d in documents}), 1)
        self._df = {w: len(ids) for w, ids in df.items()}

    def by_id(self, query: str) -> list[Hit]:
        entry = self.catalog.get(query)
        return [Hit(entry.id, 1.0, "id")] if entry else []

    def by_code(self, query: str) -> list[Hit]:
        entries = self.codes.get(query.strip().lower(), [])
        hits = [Hit(e.id, 1.0 if e.codes and e.codes[0].lower() == query.strip().lower() else 0.85, "code")
                for e in entries]
        return sorted(hits, key=lambda h: (-h.score, h.entry_id))

    def _rarity(self, word: str) -> float:
        seen = self._df.get(word, 0)
        return 0.0 if seen == 0 else 1.0 - (seen - 1) / self._entry_count

    def _score(self, query: str, doc: Document) -> float:
        if is_hangul(query) or is_hangul(doc.text):
            q, d = char_ngrams(query), char_ngrams(doc.text)
            if not q or not d:
                return 0.0
            return len(q & d) / len(q) * min(1.0, 0.5 + len(q & d) / max(len(d), 1) * 2)
        return fuzz.token_set_ratio(query, doc.text, processor=None) / 100 * 0.7 + \
            fuzz.partial_ratio(query, doc.text, processor=None) / 100 * 0.3

    def by_words(self, query: str, limit: int = 10) -> list[Hit]:
        folded = fold(query)
        if not folded.strip():
            return []
        qwords = set(words(folded))
        best: dict[str, float] = defaultdict(float)
        for doc in self.documents:
            score = self._score(folded, doc) * doc.weight
            # literal, rare tokens shared with the entry are strong evidence
            shared = qwords & set(words(doc.text))
            bonus = sum(self._rarity(w) for w in shared if len(w) > 2 and self._df.get(w, 0) <= 3) * 0.1
            best[doc.entry_id] = max(best[doc.entry_id], min(score + bonus, 1.0))
        hits = [Hit(eid, round(s, 3), "words") for eid, s in best.items() if s >= WORD_CUTOFF]
        return sorted(hits, key=lambda h: (-h.score, h.entry_id))[:limit]

    def lookup(self, query: str, limit: int = 10) -> list[Hit]:
        if ID_QUERY.match(query):
            return self.by_id(query.strip())
        hits = self.by_code(query)
        return hits[:limit] if hits else self.by_words(query, limit)
