"""Indexing speed: Chronique's full and no-change reindex beside a plain Whoosh build.

Each build runs in its own process so that its peak memory is its own. The plain build is how a
typical user would index the same articles: ``LanguageAnalyzer("fr")`` on title and body, both
stored, one writer. Chronique runs as users run it, through ``chronique reindex``.

    .venv/bin/python bench/index_build.py [--corpus ../shared/corpus/fr_news.jsonl.gz] [--rounds 1]

It also builds with one process (`--jobs 1`), to show what the second core brings.
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fr_news.jsonl.gz"

PLAIN_WHOOSH = """
import sys
from whoosh import index
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import ID, TEXT, Schema
from index.sources import Archive, Problem

analyzer = LanguageAnalyzer("fr")
schema = Schema(id=ID(stored=True, unique=True), title=TEXT(analyzer=analyzer, stored=True),
                body=TEXT(analyzer=analyzer, stored=True))
ix = index.create_in(sys.argv[2], schema)
writer = ix.writer()
for item in Archive([sys.argv[1]]):
    if not isinstance(item, Problem):
        writer.add_document(id=item.id, title=item.title, body=item.body)
writer.commit()
"""


def run(command, env=None):
    """Wall time (s) and peak RSS (MiB) of ``command`` run to completion."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    # ru_maxrss from wait4 is in KiB: the largest of the process and its reaped workers.
    return seconds, usage.ru_maxrss / 1024


def size_mib(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20


def count_articles(corpus):
    from index.sources import Archive, Problem
    return sum(1 for item in Archive([corpus]) if not isinstance(item, Problem))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--rounds", type=int, default=1, help="builds of each kind")
    args = parser.parse_args()
    python = sys.executable
    chronique = str(Path(python).with_name("chronique"))
    articles = count_articles(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="chronique-bench-"))
    rows = []
    try:
        for round_number in range(args.rounds):
            plain_dir = work / f"plain-{round_number}"
            plain_dir.mkdir()
            seconds, rss = run([python, "-c", PLAIN_WHOOSH, args.corpus, str(plain_dir)])
            rows.append(("plain Whoosh, full build", seconds, rss, size_mib(plain_dir)))
            ours = work / f"chronique-{round_number}"
            seconds, rss = run([chronique, "reindex", "--full", "--index", str(ours), args.corpus])
            rows.append(("Chronique, full reindex", seconds, rss, size_mib(ours / "current")))
            seconds, rss = run([chronique, "reindex", "--index", str(ours), args.corpus])
            rows.append(("Chronique, no-change reindex", seconds, rss, size_mib(ours / "current")))
            single = work / f"chronique-single-{round_number}"
            seconds, rss = run([chronique, "reindex", "--full", "--jobs", "1", "--index", str(single),
                                args.corpus])
            rows.append(("Chronique, full reindex, one process", seconds, rss,
                         size_mib(single / "current")))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"corpus: {args.corpus} ({articles} articles); {time.strftime('%Y-%m-%d')}; "
          f"{os.cpu_count()} cores; Python {platform.python_version()}; {cpu_model()}")
    print("| build | wall (s) | articles/s | peak RSS, largest process (MiB) | index (MiB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, seconds, rss, size in rows:
        print(f"| {name} | {seconds:.1f} | {articles / seconds:.0f} | {rss:.0f} | {size:.0f} |")
    by_name = {}
    for name, seconds, *_ in rows:
        by_name.setdefault(name, []).append(seconds)
    for plain, full, again, single in zip(*(by_name[name] for name in (
            "plain Whoosh, full build", "Chronique, full reindex",
            "Chronique, no-change reindex", "Chronique, full reindex, one process"))):
        print(f"speed-up over plain Whoosh: {plain / full:.2f}× "
              f"(one process: {plain / single:.2f}×); "
              f"no-change reindex: {again / full:.1%} of a full build")

def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
