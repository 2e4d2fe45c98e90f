"""Normalising search text in five languages and three scripts."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00ab": " ", "\u00bb": " ",
                              "\u201c": " ", "\u201d": " ", "\u201e": " ", "\u00a0": " ", "\u202f": " "})
# French elisions: l'image -> image, d'une -> une (the article carries no meaning).
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\w)", re.IGNORECASE)
_WORD = re.compile(r"[\w./-]+", re.UNICODE)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def fold(text: str) -> str:
    """Case-folded, NFC, uniform apostrophes and quotes, elisions dropped; ё is е for search."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    text = text.replace("ё", "е")
    return _ELISION.sub("", text)


def words(text: str) -> list[str]:
    return [w.strip("./-") for w in _WORD.findall(fold(text)) if w.strip("./-")]


def is_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def char_ngrams(text: str, n: int = 2) -> set[str]:
    """Hangul spacing varies (띄어쓰기): compare character bigrams with spaces removed."""
    compact = re.sub(r"\s+", "", fold(text))
    return {compact[i:i + n] for i in range(max(len(compact) - n + 1, 1))} if compact else set()
