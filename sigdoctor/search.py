"""Offline lookup: by catalog id, by error code, or by words in any supported language.

Word search is BM25 over each entry's texts in every language (title, message,
keywords weigh most). Tokens are folded per script: Latin and Cyrillic words are
cut to a prefix stem so inflections meet (образа/образов, installatiekopieën/
installatiekopie), Hangul is compared as character bigrams because spacing
varies. Literal tokens (osProfile, UltraSSD, Microsoft.Compute/galleries) count
double: they say exactly what the user saw. Unknown words get their closest
vocabulary word (typos).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .catalog import ID_FORMAT, Catalog, Entry
from .textnorm import fold, words

WORD_CUTOFF = 0.12  # below this a word query is not an answer
K1, B = 1.2, 0.75
TITLE_SHARE = 0.3  # how much of a word score comes from covering the entry's title
RERANK, RERANK_SHARE = 15, 0.3  # how many leaders are compared letter by letter, and its weight
AREA_SHARE = 0.1  # bonus when the query names the entry's resource (gallery, image version…)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LITERAL = re.compile(r"[a-z][a-z0-9]*[A-Z0-9_./][\w./-]*|\w*[./_]\w+")

# How much a field says about what an entry is.
FIELD_WEIGHTS = {"title": 3.0, "message": 2.0, "keywords": 3.0, "codes": 2.0, "cause": 1.0,
                 "hidden_cause": 0.5, "workaround": 1.0, "steps": 0.5}


@dataclass(frozen=True)
class Hit:
    entry_id: str
    score: float  # 0..1
    reason: str  # "id", "code", "message", "words"


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_PARTICLE = re.compile("(?<=[\uac00-\ud7a3])(?:에서|에게|으로|까지|부터|처럼|보다|하고|이나|은|는|이|가|을|를|에|로|의|와|과|도|만|나)$")
_CYRILLIC_ENDING = re.compile(r"[аяоеёиыуюйь]+$")
STEM = 6


def stem(word: str) -> str:
    """A light stem that makes inflections meet: a prefix (regions/region, galeries/galerie),
    after Russian endings are cut (образа/образов/образ). Measured against Snowball and
    Latin suffix stripping on tests/data/queries: this did best in all five languages."""
    if _CYRILLIC.search(word):
        word = _CYRILLIC_ENDING.sub("", word) or word
    return word[:STEM]


def tokens(text: str, language: str | None = None) -> list[str]:
    """Search tokens of a text in any of the five languages (`language` is not needed yet)."""
    out: list[str] = []
    for raw in re.findall(r"\S+", text):
        if _LITERAL.fullmatch(raw.strip("'\"(),.:;")):
            out.append("=" + raw.strip("'\"(),.:;").lower())  # literal, kept whole
    for word in words(text):
        if len(word) < 2:
            continue
        if _HANGUL.search(word):
            out.extend(word[i:i + 2] for i in range(max(len(word) - 1, 1)))
            # Bigrams survive irregular spacing; the word without its particle
            # (번호를 -> 번호, 지역에서 -> 지역) says more when spacing is regular.
            out.append("@" + _PARTICLE.sub("", word))
        else:
            out.append(stem(word))
    return out


def _english(entry: Entry, field: str) -> str:
    if field == "message":
        return " ".join(entry.templates)
    if field == "keywords":
        return ", ".join(entry.keywords + entry.phrases)
    if field == "codes":
        return " ".join(entry.codes)
    if field == "steps":
        return " ".join(s.text for s in entry.steps)
    return getattr(entry, field, "")


@dataclass(frozen=True)
class Document:
    entry_id: str
    language: str
    terms: dict  # token -> weighted frequency
    length: float
    title: list  # the title's tokens: what the entry is, in a few words
    label: str = ""  # title and keywords, folded: compared letter by letter when reranking


def make_document(entry: Entry, language: str, text_of) -> Document:
    terms: Counter = Counter()
    for field, weight in FIELD_WEIGHTS.items():
        for token in tokens(text_of(entry, field) or "", language):
            terms[token] += weight
    title = sorted(set(tokens(text_of(entry, "title") or "", language)))
    label = fold(" ".join(t for t in (text_of(entry, "title"), text_of(entry, "keywords")) if t))
    return Document(entry.id, language, dict(terms), sum(terms.values()), title, label)


class SearchIndex:
    """Ids and codes answer at once; the word index is built on the first word query."""

    def __init__(self, catalog: Catalog, documents=None, matcher=None, areas=None):
        self.catalog = catalog
        self._areas = areas  # callable -> {area: [its name in each language]}
        self.matcher = matcher
        self._documents = documents  # a list, a callable that returns one, or None for English only
        self._built = False
        self.codes: dict[str, list[Entry]] = defaultdict(list)
        for entry in catalog.active():
            for code in entry.codes:
                self.codes[code.lower()].append(entry)

    def _build(self) -> None:
        if self._built:
            return
        documents = self._documents() if callable(self._documents) else self._documents
        if documents is None:
            documents = [make_document(e, "en", _english) for e in self.catalog.active()]
        self.documents = documents
        df: Counter = Counter()
        for doc in documents:
            df.update(doc.terms.keys())
        n = max(len(documents), 1)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.avg_length = sum(d.length for d in documents) / n if documents else 1.0
        # Typo correction compares an unknown word with known words of the same
        # first letter only: a typo rarely hits the first letter, and it keeps
        # the comparison to a few hundred words instead of every language's.
        self.vocabulary: dict[str, list[str]] = defaultdict(list)
        for term in sorted(self.idf):
            self.vocabulary[term[:1]].append(term)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(documents):
            for t in doc.terms:
                self.postings[t].append(i)
        names = self._areas() if callable(self._areas) else (self._areas or {})
        self.area_terms = {area: [set(t for t in tokens(name) if len(t) > 2) for name in labels]
                           for area, labels in names.items()}
        self._built = True

    def _area_match(self, query_terms) -> dict[str, float]:
        """How fully the query names each area's resource, in any language (0..1)."""
        found = {}
        for area, names in self.area_terms.items():
            found[area] = max((len(n & query_terms.keys()) / len(n) for n in names if n), default=0.0)
        return found

    # -- id and code ----------------------------------------------------------------
    def by_id(self, query: str) -> list[Hit]:
        entry = self.catalog.get(query)
        return [Hit(entry.id, 1.0, "id")] if entry else []

    def by_code(self, query: str) -> list[Hit]:
        code = query.strip().lower()
        hits = [Hit(e.id, 1.0 if e.codes[0].lower() == code else 0.85, "code") for e in self.codes.get(code, [])]
        return sorted(hits, key=lambda h: (-h.score, h.entry_id))

    # -- an error message typed or pasted -----------------------------------------------
    def by_message(self, query: str) -> list[Hit]:
        matcher = self.matcher() if callable(self.matcher) else self.matcher
        if matcher is None or len(query) < 25:
            return []
        from .logs.record import ErrorRecord

        result = matcher.match(ErrorRecord("plain", 1, " ".join(query.split())))
        if result.best is None or result.best.method != "template":
            return []
        return [Hit(c.entry_id, c.confidence, "message") for c in (result.best, *result.alternatives)]

    # -- words ------------------------------------------------------------------------
    def _known(self, token: str) -> str | None:
        if token in self.idf:
            return token
        if token.startswith("=") or len(token) < 4:
            return None
        from rapidfuzz import fuzz, process

        found = process.extractOne(token, self.vocabulary.get(token[:1], ()), scorer=fuzz.ratio, score_cutoff=80)
        return found[0] if found else None

    def by_words(self, query: str, limit: int = 10) -> list[Hit]:
        self._build()
        query_terms: Counter = Counter()
        for token in tokens(fold(query) if not any(c.isupper() for c in query) else query):
            known = self._known(token)
            if known:
                query_terms[known] += 2.0 if known.startswith("=") else 1.0
        if not query_terms:
            return []
        scores: dict[int, float] = defaultdict(float)
        for term, qweight in query_terms.items():
            idf = self.idf[term]
            for i in self.postings[term]:
                doc = self.documents[i]
                tf = doc.terms[term]
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * doc.length / self.avg_length))
                scores[i] += qweight * idf * norm
        ceiling = sum(q * self.idf[t] * (K1 + 1) for t, q in query_terms.items())
        areas = self._area_match(query_terms)
        best: dict[str, float] = {}
        best_doc: dict[str, Document] = {}
        for i, score in scores.items():
            doc = self.documents[i]
            # BM25 rewards an entry for every query word it mentions anywhere; the
            # title says what the entry *is*. Titles naming things the user did not
            # mention ("…for this image version") lose to titles the query covers.
            title_weight = sum(self.idf.get(t, 0.0) for t in doc.title) or 1.0
            covered = sum(self.idf.get(t, 0.0) for t in doc.title if t in query_terms) / title_weight
            blended = (1 - TITLE_SHARE) * score / ceiling + TITLE_SHARE * covered
            # Naming the resource ("…while creating the gallery") points at its area.
            blended += AREA_SHARE * areas.get(self.catalog.get(doc.entry_id).area, 0.0)
            if blended > best.get(doc.entry_id, 0.0):
                best[doc.entry_id] = blended
                best_doc[doc.entry_id] = doc
        best = self._rerank(fold(query), best, best_doc)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        hits = [Hit(eid, round(min(s, 1.0), 3), "words") for eid, s in ranked]
        return [h for h in hits if h.score >= WORD_CUTOFF][:limit]

    @staticmethod
    def _rerank(query: str, best: dict, docs: dict) -> dict:
        """Word forms BM25 cannot join (коллекции/коллекцию, 갤러리를/갤러리) still share most
        letters: the leading candidates are compared letter by letter with the entry's
        title and keywords in the query's language."""
        from rapidfuzz import fuzz

        leaders = sorted(best, key=best.get, reverse=True)[:RERANK]
        hangul = bool(_HANGUL.search(query))
        compact = re.sub(r"\s+", "", query)
        for entry_id in leaders:
            label = docs[entry_id].label
            if not label:
                continue
            if hangul:  # spacing varies: compare without it
                similarity = fuzz.partial_ratio(compact, re.sub(r"\s+", "", label), processor=None)
            else:
                similarity = fuzz.token_set_ratio(query, label, processor=None)
            best[entry_id] += RERANK_SHARE * similarity / 100
        return best

    def lookup(self, query: str, limit: int = 10) -> list[Hit]:
        if ID_FORMAT.match(query.strip().upper()):
            return self.by_id(query.strip())
        for method in (self.by_code, self.by_message):
            hits = method(query)
            if hits:
                return hits[:limit]
        return self.by_words(query, limit)
