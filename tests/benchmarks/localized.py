"""Lookup accuracy for queries typed in each language, beside a naive baseline.

    python tests/benchmarks/localized.py [-v]

Queries (tests/data/queries/<lang>.tsv) were written independently of the
catalog's translations. Baseline, same run: rapidfuzz `process.extractOne`
(default scorer) of the query against each entry's English title + message.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from rapidfuzz import process

from sigdoctor.catalog import load_catalog
from sigdoctor.search_index import build_index

DATA = Path(__file__).resolve().parents[1] / "data"
# queries/: the development set (tuned on); queries-holdout/: written later, never tuned on.
SETS = {"dev": DATA / "queries", "holdout": DATA / "queries-holdout"}
LANGUAGES = ("en", "ko", "fr", "ru", "nl")


def load_queries(language: str, folder: Path) -> list[dict]:
    path = folder / f"{language}.tsv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def top1(index, query: str) -> str:
    hits = index.lookup(query, 1)
    return hits[0].entry_id if hits else "-"


def results(verbose: bool = False) -> list[tuple[str, str, int, float, float]]:
    """(set, language, queries, sigdoctor top-1 %, baseline top-1 %) for every set and language."""
    catalog = load_catalog()
    index = build_index(catalog)
    entries = catalog.active()
    english = [f"{e.title} {' '.join(e.templates)}" for e in entries]
    out = []
    for name, folder in SETS.items():
        for language in LANGUAGES:
            rows = load_queries(language, folder)
            if not rows:
                continue
            ours = sum(top1(index, r["query"]) == r["expected"] for r in rows)
            naive = sum(entries[process.extractOne(r["query"], english)[2]].id == r["expected"] for r in rows)
            out.append((name, language, len(rows), 100 * ours / len(rows), 100 * naive / len(rows)))
            if verbose and name == "dev":  # the holdout is not to be looked at query by query
                for r in rows:
                    got = top1(index, r["query"])
                    if got != r["expected"]:
                        print(f"   miss [{r['kind']}] {r['query']!r}: expected {r['expected']}, got {got}")
    return out


def main() -> int:
    table = results("-v" in sys.argv)
    print(f"{'set':8} {'lang':5} {'queries':>7} {'sigdoctor top-1 %':>18} {'baseline top-1 %':>17}")
    for name, language, n, ours, naive in table:
        print(f"{name:8} {language:5} {n:>7} {ours:>18.1f} {naive:>17.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
