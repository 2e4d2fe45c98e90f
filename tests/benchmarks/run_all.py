"""Every benchmark in one run, one table: speed and memory against baselines measured in the
same run, accuracy against naive baselines on the same inputs.

    python tests/benchmarks/run_all.py [--quick]

Not collected by pytest (run on demand). --quick uses smaller logs and fewer repetitions.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import accuracy  # noqa: E402
import localized  # noqa: E402
import perf  # noqa: E402


def accuracy_rows() -> list[dict]:
    rows = []
    report = accuracy.run()
    for split in ("tune", "holdout", "holdout2"):
        ours, base = report[split]["sigdoctor"], report[split]["baseline"]
        rows.append({"benchmark": "diagnose accuracy", "metric": f"{split} ({ours['cases']} logs)",
                     "value": f"top-1 {ours['top1']}%, abstain {ours['abstained']}%, quiet {ours['quiet']}%, "
                              f"confident-wrong {ours['confident_wrong']}%",
                     "baseline": f"extractOne: top-1 {base['top1']}%, confident-wrong {base['confident_wrong']}%",
                     "ratio": f"{ours['top1'] / base['top1']:.1f}x top-1" if base["top1"] else "",
                     "target": ">=97 / >=90 / - / <=1"})
    return rows


def localized_rows() -> list[dict]:
    return [{"benchmark": "lookup accuracy", "metric": f"{name} {language} ({n} queries)",
             "value": f"top-1 {ours:.1f}%", "baseline": f"extractOne {naive:.1f}%",
             "ratio": f"{ours / naive:.1f}x" if naive else "", "target": ">= 90%"}
            for name, language, n, ours, naive in localized.results()]


def pattern_rows(quick: bool) -> list[dict]:
    size = "200000" if quick else "1000000"
    done = subprocess.run([sys.executable, str(HERE / "patterns.py"), "--size", size, "--top", "1"],
                          capture_output=True, text=True)
    slowest = re.search(r"slowest: ([\d.]+) s per MB \((\S+), ([^)]*)\)", done.stdout)
    value = f"{slowest.group(1)} s/MB ({slowest.group(2)})" if slowest else done.stdout.strip()[-120:]
    linear = "super-linear" not in done.stdout
    return [{"benchmark": "pattern safety", "metric": f"slowest template on {int(size):,}-char adversarial input",
             "value": value, "baseline": "", "ratio": "linear" if linear else "SUPER-LINEAR",
             "target": "linear, < 1 s/MB"}]


def main() -> int:
    quick = "--quick" in sys.argv
    table = perf.rows() + accuracy_rows() + localized_rows() + pattern_rows(quick)
    perf.print_table(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
