"""Which rapidfuzz scorer and cutoff for the fuzzy layer: measured, not guessed.

    python tests/benchmarks/fuzzy_scorers.py

Positives: every catalog template, damaged the ways pastes damage text (cut at
40% and 70%, a word dropped, words split by a hard wrap). Negatives: the error
messages of the corpus's "unknown" cases (tune split only) — lookalikes that
must not match. For each scorer: top-1 on positives, and the best cutoff's
balanced accuracy (positives at or above it and right, negatives below it).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import tomllib
from rapidfuzz import fuzz, process

from sigdoctor.catalog import load_catalog
from sigdoctor.logs import scan_text
from sigdoctor.matcher import message_words

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SCORERS = {"ratio": fuzz.ratio, "partial_ratio": fuzz.partial_ratio, "token_set_ratio": fuzz.token_set_ratio,
           "token_sort_ratio": fuzz.token_sort_ratio, "partial_token_set_ratio": fuzz.partial_token_set_ratio,
           "WRatio": fuzz.WRatio, "QRatio": fuzz.QRatio}


def damaged(text: str, rng: random.Random) -> list[str]:
    words = text.split()
    out = [" ".join(words[: max(3, int(len(words) * 0.7))]), " ".join(words[: max(3, int(len(words) * 0.4))])]
    if len(words) > 4:
        i = rng.randrange(len(words))
        out.append(" ".join(words[:i] + words[i + 1:]))
        j = rng.randrange(len(words))
        w = words[j]
        out.append(" ".join(words[:j] + [w[: len(w) // 2], w[len(w) // 2:]] + words[j + 1:]))
    return out


def main() -> int:
    rng = random.Random(7)
    catalog = load_catalog()
    choices, owners = [], []
    for entry in catalog.active():
        for template in entry.templates:
            choices.append(message_words(template))
            owners.append(entry.id)
    positives = [(q, owners[i]) for i, c in enumerate(choices) for q in damaged(c, rng)]
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["case"]
    negatives = []
    for case in manifest:
        if case["expect"] == "unknown" and case.get("split") == "tune":
            text = (CORPUS / case["file"]).read_bytes().decode("utf-8", "replace")
            negatives += [message_words(r.message) for r in scan_text(text)]
    print(f"{len(positives)} damaged templates, {len(negatives)} lookalike messages")
    print(f"{'scorer':24} {'top-1 %':>8} {'best cutoff':>11} {'balanced acc %':>15}")
    for name, scorer in SCORERS.items():
        pos = []
        for query, owner in positives:
            best = process.extractOne(query, choices, scorer=scorer, processor=None)
            pos.append((best[1], owners[best[2]] == owner))
        neg = [process.extractOne(q, choices, scorer=scorer, processor=None)[1] for q in negatives if q]
        top1 = sum(ok for _, ok in pos) / len(pos)
        best_cut, best_acc = 0, 0.0
        for cut in range(50, 101, 2):
            tp = sum(1 for s, ok in pos if s >= cut and ok) / len(pos)
            tn = sum(1 for s in neg if s < cut) / max(len(neg), 1)
            if (tp + tn) / 2 > best_acc:
                best_cut, best_acc = cut, (tp + tn) / 2
        print(f"{name:24} {100 * top1:>8.1f} {best_cut:>11} {100 * best_acc:>15.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
