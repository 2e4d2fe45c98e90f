"""Diagnose accuracy on the corpus, beside a naive baseline computed in the same run.

    python tests/benchmarks/accuracy.py [--json]

Metrics, per split (tune / holdout / holdout2):
  top-1            known errors whose primary finding is the expected entry
  abstained        unknown errors for which sigdoctor gave no catalog answer
  quiet            logs without an error for which it reported nothing
  confident-wrong  cases with an answer of confidence >= 0.8 that is not the expected one

Baseline: rapidfuzz `process.extractOne` (default scorer) of each input's last error line against the raw
messages of Microsoft's page (error-messages.en.tsv); it always answers, so it never abstains.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import tomllib
from rapidfuzz import process

from sigdoctor.catalog import load_catalog
from sigdoctor.diagnose import diagnose_text
from sigdoctor.matcher import Matcher

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = DATA / "corpus"
# Written after the matcher was tuned, by someone who never ran sigdoctor on it: the honest holdout.
HOLDOUT2 = DATA / "holdout2"
TSV = DATA / "reference" / "error-messages.en.tsv"
AREA_BASE = {"gallery": 1000, "image-definition": 2000, "image-version": 3000, "vm-or-scale-set": 4000,
             "disk-from-image-version": 5000}
CONFIDENT = 0.8


def tsv_messages(catalog) -> tuple[list[str], list[str]]:
    """Each TSV row with the id it was given (rows are numbered per area, in order)."""
    messages, ids, count = [], [], {}
    with open(TSV, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            count[row["section"]] = count.get(row["section"], 0) + 1
            entry_id = f"SIG{AREA_BASE[row['section']] + count[row['section']]}"
            entry = catalog.get(entry_id)
            if entry is not None and entry.status == "retired":
                entry_id = entry.superseded_by
            messages.append(row["message_template"])
            ids.append(entry_id)
    return messages, ids


def last_error_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errorish = [ln for ln in lines if re.search(r"error|failed|invalid|not found|not allowed", ln, re.I)]
    return (errorish or lines or [""])[-1]


def sigdoctor_answer(text: str, catalog, matcher):
    findings = diagnose_text(text, catalog, matcher)
    if not findings:
        return "none", 0.0, []
    primary = findings[-1]  # the error the command ended with
    answers = [(f.result.best.entry_id, f.result.best.confidence) for f in findings if f.result.best]
    if primary.result.best is None:
        return "unknown", 0.0, answers
    return primary.result.best.entry_id, primary.result.best.confidence, answers


def evaluate(cases, predict) -> dict:
    known = [c for c in cases if c["expect"].startswith("SIG")]
    unknown = [c for c in cases if c["expect"] == "unknown"]
    quiet = [c for c in cases if c["expect"] == "none"]
    right = abstained = silent = confident_wrong = 0
    misses = []
    for case in cases:
        answer, confidence, answers = predict(case)
        expect = case["expect"]
        if expect.startswith("SIG"):
            right += answer == expect
            if answer != expect:
                misses.append(f"{case['file']}: expected {expect}, got {answer}")
        elif expect == "unknown":
            abstained += not answers
            if answers:
                misses.append(f"{case['file']}: unknown, answered {answers[0][0]}")
        else:
            silent += answer == "none"
            if answer != "none":
                misses.append(f"{case['file']}: no error, reported {answer}")
        confident_wrong += any(c >= CONFIDENT and i != expect for i, c in answers)
    pct = lambda a, b: round(100 * a / b, 1) if b else None  # noqa: E731
    return {"cases": len(cases), "top1": pct(right, len(known)), "abstained": pct(abstained, len(unknown)),
            "quiet": pct(silent, len(quiet)), "confident_wrong": pct(confident_wrong, len(cases)),
            "misses": misses}


def run() -> dict:
    """{split: {"sigdoctor": metrics, "baseline": metrics}} for tune, holdout, holdout2 and all."""
    catalog = load_catalog()
    matcher = Matcher(catalog)
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["case"]
    for case in manifest:
        case["path"] = CORPUS / case["file"]
    if (HOLDOUT2 / "manifest.toml").exists():
        fresh = tomllib.loads((HOLDOUT2 / "manifest.toml").read_text(encoding="utf-8"))["case"]
        for case in fresh:
            case["split"], case["path"] = "holdout2", HOLDOUT2 / case["file"]
        manifest += fresh
    # Keyed by path: the two corpora reuse some file names.
    texts = {c["path"]: c["path"].read_bytes().decode("utf-8", "replace") for c in manifest}
    messages, ids = tsv_messages(catalog)

    def ours(case):
        return sigdoctor_answer(texts[case["path"]], catalog, matcher)

    def naive(case):
        line = last_error_line(texts[case["path"]])
        _choice, score, index = process.extractOne(line, messages)
        # It always answers; its "confidence" is the scorer's.
        return ids[index], score / 100, [(ids[index], score / 100)]

    report = {}
    for split in ("tune", "holdout", "holdout2", "all"):
        cases = [c for c in manifest if split == "all" or c.get("split") == split]
        report[split] = {"sigdoctor": evaluate(cases, ours), "baseline": evaluate(cases, naive)}
    return report


def main() -> int:
    report = run()
    if "--json" in sys.argv:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'split':8} {'system':10} {'cases':>5} {'top-1 %':>8} {'abstain %':>9} {'quiet %':>8} {'conf-wrong %':>12}")
    for split, systems in report.items():
        for name, r in systems.items():
            print(f"{split:8} {name:10} {r['cases']:>5} {r['top1']!s:>8} {r['abstained']!s:>9} {r['quiet']!s:>8} "
                  f"{r['confident_wrong']!s:>12}")
    if "-v" in sys.argv:
        # Only the tuning split's misses are shown: the holdout is not to be tuned on.
        for line in report["tune"]["sigdoctor"]["misses"]:
            print("  miss:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
