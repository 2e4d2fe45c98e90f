"""Speed and memory, each beside a baseline measured in the same run (machines are noisy).

    python tests/benchmarks/perf.py [--quick]

1. Cold start: `sigdoctor lookup SIG1001 --json` and `sigdoctor show SIG3024`, median wall time
   against `python -c "import typer"`.                                        target <= 1.3x
2. Throughput: `sigdoctor diagnose` on generated az --debug logs (successful traffic, errors near
   the end) of 50 MB and 500 MB, against a Python loop that only reads the lines and against
   `grep -c error`; peak RSS for both sizes.                   target >= 0.5x the loop, flat RSS
3. Match latency: matcher.match over realistic messages, and a word lookup over the full
   multilingual index: p50 / p99, and the index build time.                   target p99 < 2 ms
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

QUICK = "--quick" in sys.argv
RUNS = 3 if QUICK else 7
PY = sys.executable


def timed(cmd: list[str], runs: int = RUNS, env=None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one run, read from the kernel's accounting of the child."""
    script = ("import resource,subprocess,sys,time;t=time.perf_counter();"
              "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
              "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)")
    out = subprocess.run([PY, "-c", script, *cmd], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


# -- generated logs ------------------------------------------------------------------------------
SUB = "3f9a1c7e-52b4-4d8e-a0c1-6e2f8b7d9a14"
OK_BLOCK = """DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/{sub}/resourceGroups/rg-images-prod/providers/Microsoft.Compute/galleries/gal_prod_weu/images/ubuntu2204/versions/1.0.{n}?api-version=2023-07-03'
DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'GET'
DEBUG: cli.azure.cli.core.sdk.policies: Request headers:
DEBUG: cli.azure.cli.core.sdk.policies:     'Accept': 'application/json'
DEBUG: cli.azure.cli.core.sdk.policies:     'x-ms-client-request-id': '{rid}'
DEBUG: cli.azure.cli.core.sdk.policies:     'Authorization': '*****'
DEBUG: cli.azure.cli.core.sdk.policies: Request body:
DEBUG: cli.azure.cli.core.sdk.policies: This request has no body
DEBUG: urllib3.connectionpool: https://management.azure.com:443 "GET /subscriptions/{sub}/resourceGroups/rg-images-prod/providers/Microsoft.Compute/galleries/gal_prod_weu/images/ubuntu2204/versions/1.0.{n}?api-version=2023-07-03 HTTP/1.1" 200 1204
DEBUG: cli.azure.cli.core.sdk.policies: Response status: 200
DEBUG: cli.azure.cli.core.sdk.policies: Response headers:
DEBUG: cli.azure.cli.core.sdk.policies:     'x-ms-request-id': '{rid}'
DEBUG: cli.azure.cli.core.sdk.policies:     'x-ms-correlation-request-id': '{cid}'
DEBUG: cli.azure.cli.core.sdk.policies: Response content:
DEBUG: cli.azure.cli.core.sdk.policies: {{"name":"1.0.{n}","type":"Microsoft.Compute/galleries/images/versions","location":"westeurope","properties":{{"publishingProfile":{{"targetRegions":[{{"name":"West Europe","regionalReplicaCount":1,"storageAccountType":"Standard_LRS"}}],"replicaCount":1,"excludeFromLatest":false,"publishedDate":"2024-05-02T10:11:12.1234567+00:00","storageAccountType":"Standard_LRS"}},"storageProfile":{{"source":{{"id":"/subscriptions/{sub}/resourceGroups/rg-build/providers/Microsoft.Compute/images/img-{n}"}},"osDiskImage":{{"sizeInGB":30,"hostCaching":"ReadWrite"}}}},"provisioningState":"Succeeded"}}}}
WARNING: cli.azure.cli.core.sdk.policies: polling: status Succeeded
"""
ERROR_TAIL = """DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/{sub}/resourceGroups/rg-images-prod/providers/Microsoft.Compute/galleries/gal_prod_weu/images/ubuntu2204/versions/1.0.0-beta?api-version=2023-07-03'
DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'PUT'
DEBUG: cli.azure.cli.core.sdk.policies: Response status: 400
DEBUG: cli.azure.cli.core.sdk.policies: Response content:
DEBUG: cli.azure.cli.core.sdk.policies: {{"error":{{"code":"InvalidParameter","message":"The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, where int is between 0 and 2,147,483,647 (inclusive). For e.g: 1.0.0, 2018.12.1 etc.","target":"galleryImageVersionName"}}}}
ERROR: (InvalidParameter) The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, where int is between 0 and 2,147,483,647 (inclusive). For e.g: 1.0.0, 2018.12.1 etc.
Code: InvalidParameter
"""


def generate(path: Path, megabytes: int) -> None:
    rng = random.Random(1)
    target = megabytes * 1024 * 1024
    with open(path, "w", encoding="utf-8") as fh:
        written, n = 0, 0
        chunk = []
        while written < target:
            block = OK_BLOCK.format(sub=SUB, n=n, rid=uuid.UUID(int=rng.getrandbits(128)), cid=uuid.UUID(int=n))
            chunk.append(block)
            written += len(block)
            n += 1
            if len(chunk) == 2000:
                fh.write("".join(chunk))
                chunk = []
        fh.write("".join(chunk))
        fh.write(ERROR_TAIL.format(sub=SUB))


LOOP = "import sys\nn=0\nfor line in open(sys.argv[1], encoding='utf-8', errors='replace'):\n    n+=1\nprint(n)"


def cold_start_rows() -> list[dict]:
    env = dict(os.environ)
    subprocess.run([PY, "-m", "sigdoctor", "lookup", "SIG1001"], capture_output=True, env=env)  # warm the cache
    base = timed([PY, "-c", "import typer"], env=env)
    rows = []
    for label, args in (("lookup SIG1001 --json", ["lookup", "SIG1001", "--json"]), ("show SIG3024", ["show", "SIG3024"])):
        t = timed([PY, "-m", "sigdoctor", *args], env=env)
        rows.append({"benchmark": "cold start", "metric": label, "value": f"{t * 1000:.0f} ms",
                     "baseline": f"import typer {base * 1000:.0f} ms", "ratio": f"{t / base:.2f}x", "target": "<= 1.3x"})
    return rows


def throughput_rows() -> list[dict]:
    rows = []
    sizes = (20, 100) if QUICK else (50, 500)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"debug-{size}.log"
            generate(path, size)
            loop = timed([PY, "-c", LOOP, str(path)], runs=3)
            grep = timed(["grep", "-c", "error", str(path)], runs=3)
            wall, rss = peak_rss_mb([PY, "-m", "sigdoctor", "diagnose", str(path), "--json"])
            rows.append({"benchmark": "throughput", "metric": f"diagnose {size} MB",
                         "value": f"{wall:.1f} s, {size / wall:.0f} MB/s, peak RSS {rss:.0f} MB",
                         "baseline": f"line loop {loop:.1f} s; grep -c {grep:.2f} s",
                         "ratio": f"{loop / wall:.2f}x loop speed", "target": ">= 0.5x, flat RSS"})
            path.unlink()
    return rows


def latency_rows() -> list[dict]:
    from sigdoctor.catalog import load_catalog
    from sigdoctor.logs.record import ErrorRecord
    from sigdoctor.matcher import Matcher
    from sigdoctor.search_index import build_index

    catalog = load_catalog()
    start = time.perf_counter()
    matcher = Matcher(catalog)
    index = build_index(catalog)
    index.by_words("warm up")
    build = time.perf_counter() - start
    messages = [s.text.strip().splitlines()[-1] for e in catalog.active() for s in e.samples][:300]
    queries = ["gallery cannot be deleted", "이미지 버전 이름 형식", "impossible de supprimer la galerie",
               "версия образа не реплицируется", "installatiekopieversie naam ongeldig", "osProfile not allowed"]

    def percentiles(function, inputs, repeat=5):
        samples = []
        for _ in range(repeat):
            for item in inputs:
                t = time.perf_counter()
                function(item)
                samples.append((time.perf_counter() - t) * 1000)
        samples.sort()
        return samples[len(samples) // 2], samples[int(len(samples) * 0.99) - 1]

    for m in messages:  # compile what the run will use; first use is not steady state
        matcher.match(ErrorRecord("plain", 1, m))
    m50, m99 = percentiles(lambda m: matcher.match(ErrorRecord("plain", 1, m)), messages)
    w50, w99 = percentiles(index.by_words, queries, repeat=50)
    return [
        {"benchmark": "latency", "metric": "match one message", "value": f"p50 {m50:.2f} ms, p99 {m99:.2f} ms",
         "baseline": "", "ratio": "", "target": "p99 < 2 ms"},
        {"benchmark": "latency", "metric": "word lookup, 5 languages", "value": f"p50 {w50:.2f} ms, p99 {w99:.2f} ms",
         "baseline": "", "ratio": "", "target": "p99 < 2 ms"},
        {"benchmark": "latency", "metric": "matcher + multilingual index build", "value": f"{build * 1000:.0f} ms",
         "baseline": "", "ratio": "", "target": ""},
    ]


def repl_rows() -> list[dict]:
    """A 5,000-line paste into the doctor until the diagnosis is on the (dummy) screen."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.history import InMemoryHistory
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from sigdoctor.app import App
    from sigdoctor.diagnose import diagnose_text
    from sigdoctor.repl.session import run_session
    from sigdoctor.repl.state import State

    lines = []
    n = 0
    while len(lines) < 5000:
        lines += OK_BLOCK.format(sub=SUB, n=n, rid=uuid.UUID(int=n), cid=uuid.UUID(int=n + 1)).splitlines()
        n += 1
    text = "\n".join(lines[:5000 - 8]) + "\n" + ERROR_TAIL.format(sub=SUB)
    app = App("en")
    _ = app.matcher  # built at start-up in a real session too (before the user can paste)
    core, screen = [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        diagnose_text(text, app.catalog, app.matcher)
        core.append(time.perf_counter() - t)
        state = State(app)
        shown = []
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            def feed(pipe=pipe):  # from a thread: a paste is larger than a pipe's buffer
                pipe.send_text("\x1b[200~" + text + "\x1b[201~")
                pipe.close()
            start = time.perf_counter()
            threading.Thread(target=feed, daemon=True).start()
            original = state.say

            def say(message="", klass="", _original=original, shown=shown, start=start):
                if not shown and "SIG3024" in str(message):
                    shown.append(time.perf_counter() - start)
                return _original(message, klass) if klass else _original(message)
            state.say = say
            run_session(app, input=pipe, output=DummyOutput(), state=state, history=InMemoryHistory())
        screen.append(shown[0] if shown else float("nan"))
    c, r = statistics.median(core), statistics.median(screen)
    return [{"benchmark": "repl", "metric": "5,000-line paste to diagnosis on screen", "value": f"{r * 1000:.0f} ms",
             "baseline": f"diagnose core alone {c * 1000:.0f} ms", "ratio": f"{r / c:.2f}x", "target": "< 300 ms"}]


def rows() -> list[dict]:
    return cold_start_rows() + latency_rows() + repl_rows() + throughput_rows()


def print_table(table: list[dict]) -> None:
    columns = ("benchmark", "metric", "value", "baseline", "ratio", "target")
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in table)) for c in columns}
    print("| " + " | ".join(c.ljust(widths[c]) for c in columns) + " |")
    print("|" + "|".join("-" * (widths[c] + 2) for c in columns) + "|")
    for r in table:
        print("| " + " | ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns) + " |")


if __name__ == "__main__":
    print_table(rows())
