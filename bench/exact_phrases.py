"""Quoted phrases as written: what checking the stored text costs, and what it leaves out.

    .venv/bin/python bench/exact_phrases.py --index /tmp/fr-index

For each quoted query, in the same run: the first page with the check of the phrase against
the stored text (as shipped) and with the stemmed phrase alone (the peer of the ratio), median
of 5 after one warm-up, and the matches each finds. Prints Markdown for docs/BENCHMARKS.md.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Quoted queries written for this benchmark: frequent and rare phrases, elisions, stop words.
QUERIES = ['"gilets jaunes"', '"gilet jaune"', '"guerre en Ukraine"', '"pouvoir d\'achat"',
           '"l\'Élysée"', '"réforme des retraites"', '"Emmanuel Macron"', '"président russe"']


def timed(searcher, query, runs=5):
    searcher.search(query)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        page = searcher.search(query)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), page["total"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", default="/tmp/fr-index")
    args = parser.parse_args()
    from search import Searcher
    from search.backends.whoosh import backend as engine

    searcher = Searcher(args.index)
    searcher.warm()
    checked = engine.as_written
    print("| query | stemmed phrase: matches | time | as written: matches | time |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for query in QUERIES:
        engine.as_written = lambda found, tree, stored: found
        plain_ms, plain_total = timed(searcher, query)
        engine.as_written = checked
        exact_ms, exact_total = timed(searcher, query)
        print(f"| `{query}` | {plain_total:,} | {plain_ms:.0f} ms | {exact_total:,} | "
              f"{exact_ms:.0f} ms ({exact_ms / plain_ms:.1f}×) |")


if __name__ == "__main__":
    main()
