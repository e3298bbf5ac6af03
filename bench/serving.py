"""In-process costs behind serving: memory per process, the everyday mix, the slow shapes.

    .venv/bin/python bench/serving.py [--index var/index] [--plain 2000] [--phrases 500]

On the index of the shared news corpus (``chronique reindex ../shared/corpus/fr_news.jsonl.gz``):

- *memory*: resident memory of a process that warmed the index and searched from 1 thread,
  then from 8, next to the index's size;
- *everyday mix*: warm mean and p95 of ``Searcher.search`` over distinct queries drawn from the
  corpus (seeded): plain words of titles (1–3 words) and two-word phrases of frequent words
  found side by side in bodies; no result cache can stand in for speed;
- *slow shapes*: 64 two-letter prefixes, frequent phrases, a 20-word OR, 64 words, 64 typos,
  the article page (text, related articles) of the longest article, and the page of a 10 MB
  article (built by the bench: distinct corpus bodies end to end, indexed with 3,000 corpus
  articles in a temporary index); each as a ratio to the median plain-words search of the
  same run.

Run it with ``PYTHONPATH=<other checkout>`` to measure another version of the code on the same
index: only the public ``Searcher`` API is used.
"""

import argparse
import gzip
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "fr_news.jsonl.gz"
WORD = re.compile(r"[^\W\d_]{4,}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default=str(ROOT / "var" / "index"))
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--plain", type=int, default=2000)
    parser.add_argument("--phrases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-big-article", action="store_true")
    options = parser.parse_args()

    from search import Searcher

    if not options.skip_memory:
        print("memory:", json.dumps(memory(options.index)), flush=True)
    plain, phrases, longest = draw_queries(options.corpus, options.plain, options.phrases,
                                           random.Random(options.seed))
    searcher = Searcher(options.index)
    started = time.perf_counter()
    searcher.warm()
    print(f"warm: {time.perf_counter() - started:.1f} s", flush=True)
    for query in plain[:50]:  # caches of frequent words, as a server that has run a while
        searcher.search(query)
    results = {"plain": timings(searcher, plain), "phrases": timings(searcher, phrases)}
    for name, found in results.items():
        print(f"{name}: {len(found)} queries, mean {statistics.mean(found):.1f} ms, "
              f"median {statistics.median(found):.1f} ms, p95 {percentile(found, 95):.1f} ms",
              flush=True)
    median = statistics.median(results["plain"])
    for name, call in slow_shapes(searcher, plain, longest):
        spent = measure(call)  # once: a second call would read the matches kept for paging
        print(f"slow shape {name}: {spent:.0f} ms, {spent / median:.1f}× the median plain search",
              flush=True)
    if not options.skip_big_article:
        spent = big_article_page(options.corpus)
        print(f"slow shape 10 MB article's page: {spent:.0f} ms, "
              f"{spent / median:.1f}× the median plain search", flush=True)


def draw_queries(corpus, plain_count, phrase_count, rng):
    titles, bodies, longest = [], [], (0, None)
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            titles.append(record.get("title") or "")
            body = record.get("body") or record.get("text") or ""
            if len(bodies) < 4000:
                bodies.append(body)
            if len(body) > longest[0] and record.get("id"):
                longest = (len(body), record["id"])
    plain = set()
    while len(plain) < plain_count:
        words = WORD.findall(rng.choice(titles))
        if words:
            size = min(len(words), rng.choice((1, 2, 2, 3)))
            start = rng.randrange(len(words) - size + 1)
            plain.add(" ".join(words[start:start + size]).lower())
    counts = Counter(word.lower() for body in bodies for word in WORD.findall(body))
    frequent = {word for word, _ in counts.most_common(1500)}
    pairs = Counter()
    for body in bodies:
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", body)]
        pairs.update((a, b) for a, b in zip(words, words[1:]) if a in frequent and b in frequent)
    common = [pair for pair, _ in pairs.most_common(phrase_count * 4)]
    phrases = [f'"{a} {b}"' for a, b in rng.sample(common, min(phrase_count, len(common)))]
    return sorted(plain), phrases, longest[1]


def timings(searcher, queries):
    return [measure(lambda q=query: searcher.search(q)) for query in queries]


def measure(call):
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share / 100))]


def slow_shapes(searcher, plain, longest):
    letters = "abcdefghijlmnoprstuv"
    prefixes = " ".join(f"{a}{b}*" for a in letters[:8] for b in "aeiouylr")[:64 * 4]
    words = " ".join(plain[:64])
    typos = " ".join(word[1:] + word[0] for word in " ".join(plain).split()[:64])
    return [
        ("64 two-letter prefixes", lambda: searcher.search(prefixes)),
        ('"premier ministre"', lambda: searcher.search('"premier ministre"')),
        ('"il y a"', lambda: searcher.search('"il y a"')),
        ("20-word OR", lambda: searcher.search(" OR ".join(plain[100:120]))),
        ("64 words", lambda: searcher.search(words)),
        ("64 typos", lambda: searcher.search(typos)),
        ("longest article's page", lambda: (searcher.article_html(longest, "france"),
                                            searcher.related(longest))),
    ]


#: The size of the article the "10 MB article page" shape builds, and the corpus articles beside it.
BIG_ARTICLE_CHARS = 10 * 2**20
BIG_ARTICLE_NEIGHBOURS = 3000


def big_article_page(corpus):
    """ms to show a 10 MB article's page (its text, the query's words marked) and its related
    articles, in a temporary index of it and ``BIG_ARTICLE_NEIGHBOURS`` corpus articles."""
    from index.reindex import reindex
    from search import Searcher

    with tempfile.TemporaryDirectory(prefix="chronique-big-article-") as folder:
        articles = Path(folder) / "articles"
        articles.mkdir()
        parts, size = [], 0
        with gzip.open(corpus, "rt", encoding="utf-8") as lines, \
                open(articles / "news.jsonl", "w", encoding="utf-8") as out:
            for number, line in enumerate(lines):
                if number < BIG_ARTICLE_NEIGHBOURS:
                    out.write(line if line.endswith("\n") else line + "\n")
                    continue
                body = json.loads(line).get("body") or ""
                parts.append(body)
                size += len(body) + 2
                if size >= BIG_ARTICLE_CHARS:
                    break
            out.write(json.dumps({"id": "bench-10-mb", "title": "Dix mégaoctets d'archives",
                                  "date": "2020-01-01", "source": "bench",
                                  "body": "\n\n".join(parts)}, ensure_ascii=False) + "\n")
        reindex([articles], Path(folder) / "index")
        searcher = Searcher(Path(folder) / "index")
        try:
            searcher.warm()
            return measure(lambda: (searcher.article_html("bench-10-mb", "france"),
                                    searcher.related("bench-10-mb")))
        finally:
            searcher.close()


PROBE = """
import json, sys, threading
from search import Searcher
def resident():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
searcher = Searcher(sys.argv[1])
searcher.warm()
queries = ["france", "gilets jaunes", '"premier ministre"', "macron brexit", "ukraine russie"]
def work():
    for query in queries:
        searcher.search(query)
def threads(count):
    running = [threading.Thread(target=work) for _ in range(count)]
    [t.start() for t in running]
    [t.join() for t in running]
threads(1)
one = resident()
threads(8)
print(json.dumps({"one_thread_mb": one / 2**20, "eight_threads_mb": resident() / 2**20}))
"""


def memory(index):
    found = json.loads(subprocess.run([sys.executable, "-c", PROBE, index], check=True,
                                      capture_output=True, text=True).stdout)
    current = (Path(index) / "current").resolve()
    found["index_mb"] = sum(f.stat().st_size for f in current.iterdir()) / 2**20
    return {name: round(value) for name, value in found.items()}


if __name__ == "__main__":
    main()
