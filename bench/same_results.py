"""The same answers from two versions of the code: totals, hits and facets, query by query.

    .venv/bin/python bench/same_results.py --index var/index --out new.jsonl
    PYTHONPATH=<checkout of the previous version> .venv/bin/python bench/same_results.py \
        --index var/index --out old.jsonl
    cmp old.jsonl new.jsonl

Queries are drawn as ``bench/serving.py`` draws them (seeded): plain words of titles and
two-word phrases of frequent words, pages 1 and 2. Each line: the query, its total, the ids of
its hits and its facets (no time budget, which would cut pages by the machine's load); the
mean warm time per page is printed.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default=str(serving.ROOT / "var" / "index"))
    parser.add_argument("--corpus", default=str(serving.CORPUS))
    parser.add_argument("--plain", type=int, default=300)
    parser.add_argument("--phrases", type=int, default=100)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()

    from search import Searcher

    plain, phrases, _ = serving.draw_queries(options.corpus, options.plain, options.phrases,
                                             random.Random(options.seed))
    searcher = Searcher(options.index, time_budget=None)  # a budget would cut pages by load
    searcher.warm()
    spent = {"plain": 0.0, "phrases": 0.0}
    with open(options.out, "w", encoding="utf-8") as out:
        for kind, queries in (("plain", plain), ("phrases", phrases)):
            for query in queries:
                for page in (1, 2):
                    started = time.perf_counter()
                    found = searcher.search(query, page=page)
                    spent[kind] += time.perf_counter() - started
                    out.write(json.dumps({
                        "query": query, "page": page, "total": found["total"],
                        "hits": [hit["id"] for hit in found["hits"]],
                        "facets": found.get("facets")}, ensure_ascii=False, sort_keys=True))
                    out.write("\n")
    for kind, queries in (("plain", plain), ("phrases", phrases)):
        print(f"{kind}: {len(queries)} queries × 2 pages, mean "
              f"{spent[kind] * 1000 / (2 * len(queries)):.1f} ms per page", flush=True)


if __name__ == "__main__":
    main()
