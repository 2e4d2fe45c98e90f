"""Peak memory and wall time on big inputs (run by hand, not by pytest).

    python3 tests/benchmarks/big_inputs.py [--size-mb 1024] [--line-mb 100] [--keep DIR]

Generates into a temporary directory:
  big.log       an az --debug log of SIZE MB: a corpus log repeated, with an error in every copy
  one-line.log  a single line of LINE MB (a huge request body), then an error line
then runs, each in a fresh process, the reader alone, `diagnose`, `diagnose --json` and
`redact -o`, and reports each one's peak RSS (wait4's ru_maxrss) and wall time. Exit status 1
if any run goes over --budget-mb or fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "corpus" / "az-debug_image-version-create_sig3006.log"
FALLBACK = ("DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/"
            "0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/"
            "images/d/versions/1.0.{n}?api-version=2022-03-03'\n"
            "ERROR: (InvalidParameter) Duplicate regions are not allowed in target publishing regions.\n")
READER_ONLY = ("import sys; from sigdoctor.reader import iter_lines\n"
               "n = 0\n"
               "for line in iter_lines(open(sys.argv[1], 'rb')): n += len(line)\n"
               "print(n)")


def write_big_log(path: Path, size: int) -> None:
    unit = SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK
    with open(path, "w", encoding="utf-8") as fh:
        written, n = 0, 0
        while written < size:
            # Vary the request line so nothing can be cached away; keep the error the same.
            chunk = unit.replace("1.0.0", f"1.0.{n}") if SEED.exists() else unit.format(n=n)
            fh.write(chunk)
            written += len(chunk)
            n += 1


def write_one_line(path: Path, size: int) -> None:
    piece = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU2Nzg5YWJjZGVm" * 16 + " "
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('DEBUG: cli.azure.cli.core.sdk.policies: {"properties": {"customScript": "')
        for _ in range(size // len(piece)):
            fh.write(piece)
        fh.write('"}}\nERROR: (InvalidParameter) Duplicate regions are not allowed in target publishing regions.\n')


def measure(args: list[str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS in MB, exit status, last line of stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = (err.read().decode(errors="replace").strip().splitlines() or [""])[-1]
    return time.perf_counter() - started, usage.ru_maxrss // 1024, proc.returncode, tail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--line-mb", type=int, default=100)
    parser.add_argument("--budget-mb", type=int, default=150)
    parser.add_argument("--keep", type=Path, help="generate here and keep the files")
    args = parser.parse_args()

    directory = args.keep or Path(tempfile.mkdtemp(prefix="sigdoctor-big-"))
    directory.mkdir(parents=True, exist_ok=True)
    big, line = directory / "big.log", directory / "one-line.log"
    try:
        started = time.perf_counter()
        if not big.exists() or big.stat().st_size < args.size_mb << 20:
            write_big_log(big, args.size_mb << 20)
        if not line.exists() or line.stat().st_size < args.line_mb << 20:
            write_one_line(line, args.line_mb << 20)
        print(f"generated in {time.perf_counter() - started:.0f} s: {big.name} {big.stat().st_size / 2**20:.0f} MB, "
              f"{line.name} {line.stat().st_size / 2**20:.0f} MB (one line)")
        python = [sys.executable, "-m", "sigdoctor"]
        runs = []
        for path in (big, line):
            runs += [(f"reader alone   {path.name}", [sys.executable, "-c", READER_ONLY, str(path)]),
                     (f"diagnose       {path.name}", [*python, "diagnose", str(path)]),
                     (f"diagnose --json {path.name}", [*python, "diagnose", "--json", str(path)]),
                     (f"redact -o      {path.name}", [*python, "redact", str(path), "-o", str(directory / "out.log")])]
        failed = False
        print(f"{'run':<34} {'wall s':>8} {'peak MB':>8} {'exit':>5}")
        for label, command in runs:
            wall, peak, code, tail = measure(command)
            bad = peak > args.budget_mb or code not in (0, 1, 2)
            failed |= bad
            print(f"{label:<34} {wall:8.1f} {peak:8d} {code:5d}{'  <-- ' + tail if bad else ''}")
        return 1 if failed else 0
    finally:
        if not args.keep:
            for path in directory.iterdir():
                path.unlink()
            directory.rmdir()


if __name__ == "__main__":
    sys.exit(main())
