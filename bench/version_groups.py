"""What carrying version groups in the index costs: this version beside the previous one (a git
revision, ``main`` by default) and plain Whoosh, in one run.

Both versions build the same articles with ``chronique reindex --full`` in their own process
(the previous one from a ``git archive`` of its revision, run with this virtualenv); then each
reindexes incrementally with one article added (a copy of an indexed text under a new id); the
index sizes are compared; then search: the p95 of the previous version's search beside this
version's grouped search and its ``versions=all``, queries from :mod:`bench.queries`,
interleaved rounds.

    .venv/bin/python bench/version_groups.py [--articles 10000] [--rounds 2] [--previous main]
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from bench.index_build import DEFAULT_CORPUS, PLAIN_WHOOSH, run, size_mib  # noqa: E402
from bench.queries import make_queries  # noqa: E402

#: Times each search is run in one round; p95 is over all of them.
SEARCH_SCRIPT = """
import json, sys, time
from search import Searcher
searcher = Searcher(sys.argv[1])
searcher.warm()
queries = json.loads(open(sys.argv[2]).read())
mode = sys.argv[3]
kwargs = {} if mode == "previous" else {"versions": mode}
for query in queries[:20]:
    searcher.search(query, **kwargs)
times = []
for query in queries:
    started = time.perf_counter()
    searcher.search(query, **kwargs)
    times.append(time.perf_counter() - started)
print(json.dumps(times))
"""


def sample(corpus, count, folder):
    """The first ``count`` articles of the corpus as a file of their own."""
    path = folder / "sample.jsonl.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as lines, \
            gzip.open(path, "wt", encoding="utf-8") as out:
        for number, line in enumerate(lines):
            if number >= count:
                break
            out.write(line)
    return path


def export(revision, folder):
    """The code of ``revision`` in a folder of its own."""
    target = folder / f"code-{revision}"
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(HERE), "archive", revision], check=True,
                             capture_output=True).stdout
    tar = folder / "code.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as opened:
        opened.extractall(target, filter="data")
    return target


def reindex(code, paths, root, *options):
    env = {**os.environ, "PYTHONPATH": str(code)}
    # -P: the code comes from PYTHONPATH, not from the current directory.
    return run([sys.executable, "-P", "-m", "index.cli", *map(str, paths), "--index", str(root),
                *options], env=env)


def p95(times):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--previous", default="main")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        corpus = sample(args.corpus, args.articles, scratch)
        codes = {"previous": export(args.previous, scratch), "groups": HERE}
        builds = {name: [] for name in ("plain", "previous", "groups")}
        for round_number in range(args.rounds):
            order = ["previous", "groups"] if round_number % 2 == 0 else ["groups", "previous"]
            for name in order:
                root = scratch / f"index-{name}"
                builds[name].append(reindex(codes[name], [corpus], root, "--full")[0])
            plain = scratch / "plain"
            plain.mkdir(exist_ok=True)
            env = {**os.environ, "PYTHONPATH": str(HERE)}
            for old in plain.iterdir():
                old.unlink()
            builds["plain"].append(run([sys.executable, "-c", PLAIN_WHOOSH, str(corpus),
                                        str(plain)], env=env)[0])
        best = {name: min(times) for name, times in builds.items()}
        print(f"{args.articles} articles of {Path(args.corpus).name}, best of {args.rounds} "
              f"rounds, load average at the start of the search part: {os.getloadavg()[0]:.1f}")
        print(f"full build: previous {best['previous']:.1f} s, with groups {best['groups']:.1f} s "
              f"(x{best['groups'] / best['previous']:.3f}), plain Whoosh {best['plain']:.1f} s "
              f"(plain / with groups: x{best['plain'] / best['groups']:.2f})")
        with gzip.open(corpus, "rt", encoding="utf-8") as lines:
            first = json.loads(next(lines))
        extra = scratch / "extra.jsonl"
        extra.write_text(json.dumps({**first, "id": "bench-copy", "source": "Copie"},
                                    ensure_ascii=False) + "\n", encoding="utf-8")
        for name in ("previous", "groups"):
            root = scratch / f"index-{name}"
            seconds = reindex(codes[name], [corpus, extra], root)[0]
            print(f"incremental, one article added: {name} {seconds:.1f} s")
        for name in ("previous", "groups"):
            root = scratch / f"index-{name}"
            tables = sum(f.stat().st_size for f in root.rglob("groups-*.npz")) / 2**20
            print(f"index size: {name} {size_mib(root):.1f} MiB (groups tables {tables:.2f} MiB)")
        queries = [query for _, query, _ in make_queries(corpus, per_kind=40)]
        query_file = scratch / "queries.json"
        query_file.write_text(json.dumps(queries, ensure_ascii=False))
        times = {"previous": [], "grouped": [], "all": []}
        for round_number in range(args.rounds):
            for mode in ("previous", "grouped", "all"):
                code = codes["previous" if mode == "previous" else "groups"]
                root = scratch / f"index-{'previous' if mode == 'previous' else 'groups'}"
                out = subprocess.run([sys.executable, "-P", "-c", SEARCH_SCRIPT, str(root),
                                      str(query_file), mode], check=True, capture_output=True,
                                     text=True, env={**os.environ, "PYTHONPATH": str(code)})
                times[mode] += json.loads(out.stdout)
        print(f"search p95 over {len(queries)} queries x {args.rounds}: " + ", ".join(
            f"{mode} {p95(found):.1f} ms" for mode, found in times.items())
              + f"; grouped / previous x{p95(times['grouped']) / p95(times['previous']):.3f}")


if __name__ == "__main__":
    main()
