"""Adversarial timing of every compiled catalog pattern (run by hand, not by pytest).

    python3 tests/benchmarks/patterns.py [--size 1000000] [--knowledge DIR ...] [--top 15]

For each template of each entry, builds strings of about SIZE characters from the
template's own literal fragments, from runs of characters placeholders accept, and
from near-misses (the whole message filled in, minus its last word), then times
`pattern.search` on them, as the matcher calls it. A pattern is linear when four
times the input costs about four times the time; the growth column shows that
ratio, measured between SIZE/4 and SIZE. Exit status 1 if any pattern is slower
than --budget seconds per MB or grows super-linearly.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sigdoctor.catalog import load_catalog  # noqa: E402
from sigdoctor.templates import PLACEHOLDER, compile_template  # noqa: E402

RUNS = ("a", " ", "'", '"', "/", "a ", "a/", "'a' ", "-", ".", "0", "\\", "a\n", "é")


def fragments(template: str) -> list[str]:
    parts = [p for p in PLACEHOLDER.split(template)]
    literals = [p for i, p in enumerate(parts) if i % 2 == 0 and p.strip()]
    words = [w for p in literals for w in p.split()]
    return literals + words[:6]


def filled(template: str, value: str) -> str:
    return PLACEHOLDER.sub(value, template)


def inputs(template: str, size: int) -> dict[str, str]:
    def rep(unit: str) -> str:
        return (unit * (size // max(len(unit), 1) + 1))[:size]

    found = {}
    for i, frag in enumerate(fragments(template)):
        found[f"repeat fragment {i}"] = rep(frag)
        found[f"fragment {i} + run"] = frag + rep("a")[: size - len(frag)]
    joined = "".join(p for i, p in enumerate(PLACEHOLDER.split(template)) if i % 2 == 0)
    found["fragments without values"] = rep(joined)
    whole = filled(template, "'x'")
    found["near miss (last word cut)"] = rep(whole.rsplit(" ", 1)[0] + " ")
    found["near miss (values are runs)"] = rep(filled(template, "a" * 300).rsplit(" ", 1)[0] + " ")
    found["message then long value"] = filled(template, rep("a")[: size // 2])
    for run in RUNS:
        found[f"run {run!r}"] = rep(run)
    head = PLACEHOLDER.split(template)[0]
    for run in (" ", "a", "'"):
        found[f"prefix + run {run!r}"] = head + rep(run)[: size - len(head)]
    return found


def timed(pattern: re.Pattern, text: str, tries: int = 1) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        pattern.search(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--knowledge", action="append", default=[], type=Path)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--budget", type=float, default=1.0, help="seconds per MB allowed")
    args = parser.parse_args()

    catalog = load_catalog(args.knowledge)
    rows = []
    started = time.perf_counter()
    for entry in catalog:
        for template in entry.templates:
            pattern = compile_template(template).pattern
            for name, text in inputs(template, args.size).items():
                small = timed(pattern, text[: len(text) // 4])
                if small > 30:  # hopeless: do not wait for the full size
                    rows.append((small * 4 * 1e6 / len(text), float("inf"), entry.id, template, name))
                    continue
                full = timed(pattern, text)
                growth = full / small if small > 1e-4 else 1.0
                if growth > 8 and full * 1e6 / len(text) > 0.05:  # one slow run is not a trend: retry
                    small, full = timed(pattern, text[: len(text) // 4], 3), timed(pattern, text, 3)
                    growth = full / small if small > 1e-4 else 1.0
                rows.append((full * 1e6 / len(text), growth, entry.id, template, name))
    rows.sort(reverse=True)
    print(f"{len(rows)} (pattern, input) pairs, {len({r[3] for r in rows})} patterns, "
          f"{args.size:,} characters each, {time.perf_counter() - started:.1f} s in all")
    print(f"{'s/MB':>8} {'growth':>7}  entry    input / template")
    for per_mb, growth, entry_id, template, name in rows[: args.top]:
        print(f"{per_mb:8.4f} {growth:7.1f}  {entry_id}  {name} / {template[:70]}")
    worst = rows[0]
    super_linear = [r for r in rows if r[1] > 8 and r[0] > 0.05]
    print(f"slowest: {worst[0]:.4f} s per MB ({worst[2]}, {worst[4]})")
    if super_linear:
        print(f"super-linear: {len(super_linear)} pairs, e.g. {super_linear[0][2]} {super_linear[0][4]}")
    return 1 if worst[0] > args.budget or super_linear else 0


if __name__ == "__main__":
    sys.exit(main())
