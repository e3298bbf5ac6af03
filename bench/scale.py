"""Where one machine stops: Whoosh's full build, search p50/p95 and memory on 1×, 2× and 4×
the news corpus, in one run.

    .venv/bin/python -m bench.scale [--corpus ../shared/corpus/fr_news.jsonl.gz] \\
        [--factors 1,2,4] [--plain 2000] [--phrases 500] [--seed 14]

The larger archives are the corpus plus lightly varied copies, written to a temporary folder
under /tmp and deleted at the end (never into the repository): each copy gives every article a
new id (``<id>~<n>``) and url, swaps a few pairs of neighbouring words in its title and body,
and moves its date by ``n`` weeks, so no copy is an exact duplicate of another article.

For each size: a full ``chronique reindex`` in its own process (wall time, peak RSS of the
build), the index's size, the resident memory of a process that warmed the index and searched
(one thread, then eight: ``bench/serving.py``'s probe), and the warm p50 and p95 of
``Searcher.search`` (default time budget, as served) over the same distinct queries drawn as
``bench/serving.py`` draws them: plain title words and two-word phrases.
"""

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import index_build  # noqa: E402
import serving  # noqa: E402

#: Pairs of neighbouring words swapped per copy: in the title, in the body.
TITLE_SWAPS, BODY_SWAPS = 1, 4
_TOKEN = re.compile(r"\S+")


def swap_words(text, swaps, rng):
    """``text`` with ``swaps`` random pairs of neighbouring words exchanged (spaces kept)."""
    spans = [match.span() for match in _TOKEN.finditer(text)]
    if len(spans) < 4:
        return text
    words = [text[a:b] for a, b in spans]
    for _ in range(swaps):
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    pieces, last = [], 0
    for (a, b), word in zip(spans, words):
        pieces += [text[last:a], word]
        last = b
    return "".join(pieces) + text[last:]


def varied_copy(article, number, rng):
    """The ``number``-th copy of ``article``: a new id and url, a few words swapped, the date
    moved by ``number`` weeks."""
    copy = dict(article, id=f"{article['id']}~{number}",
                title=swap_words(article.get("title") or "", TITLE_SWAPS, rng),
                body=swap_words(article.get("body") or "", BODY_SWAPS, rng))
    if article.get("url"):
        copy["url"] = f"{article['url']}#copie-{number}"
    try:
        copy["date"] = (date.fromisoformat(article["date"]) + timedelta(weeks=number)).isoformat()
    except (KeyError, TypeError, ValueError):
        pass  # no date, or one the reader parses itself: left as it is
    return copy


def write_copies(corpus, folder, count, seed):
    """Files ``copy-1.jsonl`` … ``copy-<count>.jsonl`` of varied copies of ``corpus``."""
    paths = [folder / f"copy-{n}.jsonl" for n in range(1, count + 1)]
    outs = [open(path, "w", encoding="utf-8") for path in paths]
    rng = random.Random(seed)
    try:
        with gzip.open(corpus, "rt", encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                article = json.loads(line)
                for number, out in enumerate(outs, start=1):
                    out.write(json.dumps(varied_copy(article, number, rng), ensure_ascii=False))
                    out.write("\n")
    finally:
        for out in outs:
            out.close()
    return paths


def search_times(index, plain, phrases):
    """Warm milliseconds of every query, and how many ran out of the time budget."""
    from search import Searcher
    from search import budget as budgets

    searcher = Searcher(index)
    searcher.warm()
    for query in plain[:50]:  # caches of frequent words, as a server that has run a while
        searcher.search(query)
    spent, cut = [], 0
    for query in plain + phrases:
        started = time.perf_counter()
        found = searcher.search(query)
        spent.append((time.perf_counter() - started) * 1000)
        cut += budgets.NOTICE in (found.get("notice") or "")
    return spent, cut


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(serving.CORPUS))
    parser.add_argument("--factors", default="1,2,4")
    parser.add_argument("--plain", type=int, default=2000)
    parser.add_argument("--phrases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=14)
    options = parser.parse_args()
    factors = sorted({int(f) for f in options.factors.split(",")})

    chronique = str(Path(sys.executable).with_name("chronique"))
    plain, phrases, _ = serving.draw_queries(options.corpus, options.plain, options.phrases,
                                             random.Random(options.seed))
    articles = index_build.count_articles(options.corpus)
    work = Path(tempfile.mkdtemp(prefix="chronique-scale-"))
    rows = []
    try:
        copies = write_copies(options.corpus, work, max(factors) - 1, options.seed)
        for factor in factors:
            index = work / f"index-{factor}x"
            sources = [options.corpus] + [str(p) for p in copies[:factor - 1]]
            build_s, build_rss = index_build.run(
                [chronique, "reindex", "--full", "--index", str(index)] + sources)
            memory = serving.memory(str(index))
            spent, cut = search_times(str(index), plain, phrases)
            row = {"factor": factor, "articles": articles * factor, "build_s": build_s,
                   "build_peak_mib": build_rss, "index_mib": memory["index_mb"],
                   "server_mib_1_thread": memory["one_thread_mb"],
                   "server_mib_8_threads": memory["eight_threads_mb"],
                   "p50_ms": statistics.median(spent), "p95_ms": serving.percentile(spent, 95),
                   "over_budget": cut, "queries": len(spent), "load": os.getloadavg()[0]}
            print(json.dumps(row), flush=True)
            rows.append(row)
            shutil.rmtree(index, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{len(plain)} plain + {len(phrases)} phrase queries (seed {options.seed}); "
          f"{time.strftime('%Y-%m-%d %H:%M')}; {index_build.cpu_model()}")
    print("| size | articles | full build (s) | articles/s | build peak RSS (MiB) | index (MiB) "
          "| server RSS 1 / 8 threads (MiB) | search p50 (ms) | p95 (ms) | p95 ÷ 1× | load |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    first = rows[0]
    for row in rows:
        print(f"| {row['factor']}× | {row['articles']:,} | {row['build_s']:.0f} | "
              f"{row['articles'] / row['build_s']:.0f} | {row['build_peak_mib']:.0f} | "
              f"{row['index_mib']:.0f} | {row['server_mib_1_thread']:.0f} / "
              f"{row['server_mib_8_threads']:.0f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
              f"{row['p95_ms'] / first['p95_ms']:.2f} | {row['load']:.1f} |")


if __name__ == "__main__":
    main()
