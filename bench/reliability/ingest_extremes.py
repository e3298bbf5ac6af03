"""Ingestion at the extremes: one article of 50 MB on a single JSON line, and a million tiny
lines (a few of them articles, most broken or empty).

    .venv/bin/python bench/reliability/ingest_extremes.py

Each file is indexed by `chronique reindex` in its own process, whose peak memory is read from
the kernel (wait4). The article must then be found, the broken lines counted in the summary,
and memory stay under a bound. Exits 1 on any failure.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from search import Searcher  # noqa: E402

HUGE_BYTES = 50 * 1024 * 1024
TINY_LINES = 1_000_000
#: Peak RSS allowed: Whoosh's posting buffers for a 50 MB text need several hundred megabytes.
HUGE_BOUND_MB, TINY_BOUND_MB = 1500, 200


def main():
    failures = []
    with tempfile.TemporaryDirectory(prefix="chronique-extremes-") as work:
        work = Path(work)
        failures += huge_article(work)
        failures += tiny_lines(work)
    print(f"\nruns: 2; faults injected: 1 article of {HUGE_BYTES // 2**20} MB, "
          f"{TINY_LINES:,} tiny lines; failures: {len(failures)}")
    for failure in failures:
        print(f"  FAIL {failure}")
    sys.exit(1 if failures else 0)


def huge_article(work):
    rng = random.Random(3)
    syllables = "ba be bi bo ru si ne ka la mo pe tri zon gué ré".split()
    vocabulary = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(5000)]
    sentences, size = [], 0
    while size < HUGE_BYTES:
        sentence = " ".join(rng.choice(vocabulary) for _ in range(12)) + ". "
        sentences.append(sentence)
        size += len(sentence)
    body = "".join(sentences) + " Dernier mot : zénith."
    folder = work / "huge"
    folder.mkdir()
    with open(folder / "huge.jsonl", "w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "huge", "title": "Un article démesuré", "body": body},
                             ensure_ascii=False) + "\n")
        out.write(json.dumps({"id": "small", "title": "Un petit article",
                              "body": "Quelques lignes sur le port de Brest."}) + "\n")
    status, output, seconds, peak_mb = run_reindex(folder, work / "huge-index")
    print(f"one article of {os.path.getsize(folder / 'huge.jsonl') / 2**20:.0f} MB: exit {status} "
          f"in {seconds:.0f} s, peak RSS {peak_mb:.0f} MB — {output.splitlines()[0] if output else ''}")
    failures = []
    if status != 0:
        failures.append(f"reindex of the huge article exited {status}: {output[-500:]}")
        return failures
    searcher = Searcher(work / "huge-index")
    try:
        started = time.perf_counter()
        page = searcher.search("zenith")
        took = time.perf_counter() - started
        print(f"  search « zenith »: {[hit['id'] for hit in page['hits']]} in {took * 1000:.0f} ms, "
              f"snippet of {len(page['hits'][0]['snippet_html']) if page['hits'] else 0} characters")
        if [hit["id"] for hit in page["hits"]] != ["huge"]:
            failures.append("the huge article is not found by its last word")
        if [hit["id"] for hit in searcher.search("Brest")["hits"]] != ["small"]:
            failures.append("the small article beside it is not found")
    finally:
        searcher.close()
    if peak_mb > HUGE_BOUND_MB:
        failures.append(f"peak RSS {peak_mb:.0f} MB above {HUGE_BOUND_MB} MB")
    return failures


def tiny_lines(work):
    folder = work / "tiny"
    folder.mkdir()
    articles = broken = 0
    with open(folder / "tiny.jsonl", "w") as out:
        for number in range(TINY_LINES):
            if number % 1000 == 0:
                out.write(json.dumps({"id": f"t{number}", "title": "t", "body": f"b{number}"}) + "\n")
                articles += 1
            else:
                line = ("{}", "", "x", "[]", '{"title": 1}')[number % 5]
                broken += bool(line)
                out.write(line + "\n")
    status, output, seconds, peak_mb = run_reindex(folder, work / "tiny-index")
    print(f"{TINY_LINES:,} tiny lines ({articles} articles, {broken:,} broken): exit {status} in "
          f"{seconds:.0f} s, peak RSS {peak_mb:.0f} MB — {output.splitlines()[0] if output else ''}")
    failures = []
    if status != 0 or f"{articles} added" not in output or f"{broken} skipped" not in output:
        failures.append(f"unexpected summary for the tiny lines: {output[:500]}")
    if peak_mb > TINY_BOUND_MB:
        failures.append(f"peak RSS {peak_mb:.0f} MB above {TINY_BOUND_MB} MB")
    return failures


#: Runs a command and writes its peak RSS (kB) to a file. The kernel counts in a process's peak
#: the memory of the process it was exec'd from: started from this small launcher rather than
#: from this script (which holds the 50 MB article), the command's own peak is what is measured.
_MEASURE = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[2:]); "
            "_, status, usage = os.wait4(child.pid, 0); open(sys.argv[1], 'w').write(str(usage.ru_maxrss)); "
            "sys.exit(os.waitstatus_to_exitcode(status))")


def run_reindex(folder, index):
    """(exit status, output, seconds, peak RSS in MB) of a reindex in its own process."""
    command = [sys.executable, "-m", "index.cli", str(folder), "--index", str(index)]
    with tempfile.TemporaryDirectory() as scratch:
        peak = os.path.join(scratch, "peak")
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-c", _MEASURE, peak, *command], cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seconds = time.monotonic() - started
        peak_kb = int(Path(peak).read_text()) if os.path.exists(peak) else 0
    return result.returncode, result.stdout, seconds, peak_kb / 1024

if __name__ == "__main__":
    main()
