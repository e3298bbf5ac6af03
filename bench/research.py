"""Research tools on the French news corpus: timeline and export times, export peak memory.

    .venv/bin/python bench/research.py [--index /tmp/fr-index] [--rows 30000]

Builds the corpus index first if ``--index`` holds none (a few minutes). For each query (each
matching 5,000 articles or more) it times, in the same run, the search of its first page (the
peer every figure is a ratio of), its timeline and the export of every match to CSV, JSON Lines
and RIS (median of 3). Peak memory is measured in a fresh process per case (peak RSS from
``wait4``): a search alone, then a CSV export of ``--rows`` rows and of a tenth as many, so the
growth with rows shows. Prints Markdown for docs/BENCHMARKS.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "fr_news.jsonl.gz"
#: Broad everyday subjects, written for this benchmark.
QUERIES = ["france", "gouvernement", "date:2000.."]
#: Proximity queries, each beside its plain form (the peer of its ratio).
PROXIMITY = [("macron brexit", "macron NEAR/5 brexit"), ('"gilets jaunes"', '"gilets jaunes"~3'),
             ("france gouvernement", "france NEAR/5 gouvernement")]

CHILD = """
import sys
from search import Searcher
from search.export import WRITERS
searcher = Searcher(sys.argv[1])
query, rows = sys.argv[2], int(sys.argv[3])
if rows == 0:
    searcher.search(query)
else:
    total, found = searcher.export(query)
    written = 0
    with open('/dev/null', 'w', encoding='utf-8') as out:
        for number, chunk in enumerate(WRITERS['csv'](found)):
            out.write(chunk)
            if number == rows:
                break
"""


def timed(function, repeat=3):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_rss_mb(index, query, rows):
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(index), query, str(rows)],
                               cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"child failed for {query!r} ({rows} rows)")
    return usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", default="/tmp/fr-index")
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--proximity-only", action="store_true", help="Only the proximity table.")
    options = parser.parse_args()
    index = Path(options.index)
    if not (index / "current").exists():
        subprocess.run([sys.executable, "-c", "from web.cli import main; main()", "reindex",
                        "--index", str(index), str(CORPUS)], check=True)

    from search import Searcher
    from search.export import WRITERS

    searcher = Searcher(index)
    searcher.warm()
    print("| plain query | matches | time | proximity query | matches | time |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for plain, near in PROXIMITY:
        plain_total, near_total = searcher.search(plain)["total"], searcher.search(near)["total"]
        plain_time, near_time = timed(lambda: searcher.search(plain)), timed(lambda: searcher.search(near))
        print(f"| `{plain}` | {plain_total:,} | {plain_time * 1000:.0f} ms | `{near}` | {near_total:,} "
              f"| {near_time * 1000:.0f} ms ({near_time / plain_time:.1f}×) |")
    print()
    if options.proximity_only:
        return
    print("| query | matches | first page | timeline | CSV export | JSON Lines | RIS | CSV rows/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    broad = None
    for query in QUERIES:
        total = searcher.search(query)["total"]
        if total >= options.rows and broad is None:
            broad = query
        page = timed(lambda: searcher.search(query))
        timeline = timed(lambda: searcher.timeline(query))
        exports = {}
        for name in ("csv", "jsonl", "ris"):
            exports[name] = timed(lambda: sum(map(len, WRITERS[name](searcher.export(query)[1]))),
                                  repeat=1 if total > 20_000 else 3)
        print(f"| `{query}` | {total:,} | {page * 1000:.0f} ms | {timeline * 1000:.0f} ms "
              f"({timeline / page:.2f}×) | {exports['csv']:.1f} s ({exports['csv'] / page:.0f}×) "
              f"| {exports['jsonl']:.1f} s | {exports['ris']:.1f} s "
              f"| {total / exports['csv']:,.0f} |")
    if broad is None:
        raise SystemExit(f"no query matches {options.rows} articles")
    print()
    print(f"Peak RSS, `{broad}` (fresh process each):")
    print()
    print("| case | peak RSS |")
    print("| --- | ---: |")
    alone = peak_rss_mb(index, broad, 0)
    print(f"| search, first page | {alone:.0f} MB |")
    for rows in (options.rows // 10, options.rows):
        peak = peak_rss_mb(index, broad, rows)
        print(f"| CSV export, {rows:,} rows | {peak:.0f} MB (+{peak - alone:.0f} MB) |")


if __name__ == "__main__":
    main()
