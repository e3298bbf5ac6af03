"""Search p50 and p95 on both backends, in one run, over the same distinct queries.

    .venv/bin/python -m bench.backend_latency --index /tmp/fr-index \\
        --opensearch http://127.0.0.1:9200,http://127.0.0.1:9201,http://127.0.0.1:9202 \\
        [--opensearch-index chronique] [--plain 2000] [--phrases 500] [--seed 14]

The queries are drawn as ``bench/serving.py`` draws them (plain title words, two-word phrases
of frequent words). Each backend answers ``Searcher.search`` (page 1, snippets, facets) with no
time budget, so that neither is cut short; they take turns query by query, so a busy machine
slows them alike. Also counts the queries whose totals differ between the backends.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--opensearch", required=True, metavar="URL")
    parser.add_argument("--opensearch-index", default="chronique")
    parser.add_argument("--corpus", default=str(serving.CORPUS))
    parser.add_argument("--plain", type=int, default=2000)
    parser.add_argument("--phrases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=14)
    options = parser.parse_args()

    from search import Searcher, backend_from_settings

    plain, phrases, _ = serving.draw_queries(options.corpus, options.plain, options.phrases,
                                             random.Random(options.seed))
    backend = backend_from_settings({"BACKEND": "opensearch", "OPENSEARCH_URL": options.opensearch,
                                     "OPENSEARCH_INDEX": options.opensearch_index})
    searchers = {"Whoosh": Searcher(options.index, time_budget=None),
                 "OpenSearch": Searcher(options.index, time_budget=None, backend=backend)}
    for searcher in searchers.values():
        searcher.warm()
        for query in plain[:50]:  # caches of frequent words, as a server that has run a while
            searcher.search(query)
    spent = {(name, kind): [] for name in searchers for kind in ("plain", "phrases")}
    differing = 0
    for kind, queries in (("plain", plain), ("phrases", phrases)):
        for query in queries:
            totals = set()
            for name, searcher in searchers.items():
                started = time.perf_counter()
                found = searcher.search(query)
                spent[name, kind].append((time.perf_counter() - started) * 1000)
                totals.add(found["total"])
            differing += len(totals) > 1
    print(f"{len(plain)} plain + {len(phrases)} phrase queries (seed {options.seed}); "
          f"{time.strftime('%Y-%m-%d %H:%M')}; load average {os.getloadavg()[0]:.1f}")
    print("| queries | backend | p50 (ms) | p95 (ms) | p95 ÷ Whoosh |")
    print("| --- | --- | ---: | ---: | ---: |")
    for kind in ("plain", "phrases", "all"):
        kinds = ("plain", "phrases") if kind == "all" else (kind,)
        p95 = {}
        for name in searchers:
            values = [v for k in kinds for v in spent[name, k]]
            p95[name] = serving.percentile(values, 95)
            print(f"| {kind} | {name} | {statistics.median(values):.1f} | {p95[name]:.1f} | "
                  f"{p95[name] / p95['Whoosh']:.2f} |")
    print(f"queries whose totals differ between the backends: {differing} of "
          f"{len(plain) + len(phrases)}")
    for searcher in searchers.values():
        searcher.close()


if __name__ == "__main__":
    main()
