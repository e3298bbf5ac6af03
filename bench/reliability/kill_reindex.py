"""kill -9 of `chronique reindex` at random moments, on real French news.

    .venv/bin/python bench/reliability/kill_reindex.py [--articles 2000] [--kills 12]

Takes the first articles of the corpus, indexes them, then rewrites some and deletes others and
kills incremental and full reindexes of that change at random moments. After each kill the
index must open and show exactly the state before or exactly the state after (same ids, same
counts for a word only in the rewritten articles, for a word only in the deleted ones), no
worker process may survive, and the next reindex must complete. Exits 1 on any failure.
"""

import argparse
import gzip
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from index.reindex import reindex  # noqa: E402
from index.store import open_index  # noqa: E402
from search import Searcher  # noqa: E402
from bench.reliability.processes import survivors_naming  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "fr_news.jsonl.gz"
PROBE = "zorglubesque"
COMMAND = [sys.executable, "-m", "index.cli"]


def main():
    options = parse_arguments()
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="chronique-kills-") as work:
        work = Path(work)
        before, after = versions(options.articles, options.changed, options.deleted, rng)
        news = work / "archive" / "news.jsonl"
        news.parent.mkdir()
        write(news, before)
        pristine = work / "pristine"
        reindex([news], pristine)
        expected = {"before": state_of(pristine)}
        write(news, after)
        # What any reindex of the new version must show: a fresh build of it.
        reindex([news], work / "check", full=True)
        expected["after"] = state_of(work / "check")
        print(f"{options.articles} articles; the change rewrites {options.changed} and deletes "
              f"{options.deleted}", flush=True)

        totals = {"kills": 0, "before": 0, "after": 0, "failures": 0}
        for label, extra in (("incremental", []), ("full", ["--full"])):
            outcome = campaign(label, COMMAND + [str(news), "--index"], extra, pristine,
                               work / "index", expected, options.kills, rng)
            for key in totals:
                totals[key] += outcome[key]
    print(f"\nruns: {totals['kills']}; faults injected: {totals['kills']} kill -9; "
          f"index states seen: {totals['before']} before, {totals['after']} after; "
          f"failures: {totals['failures']}")
    sys.exit(1 if totals["failures"] else 0)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--changed", type=int, default=300)
    parser.add_argument("--deleted", type=int, default=200)
    parser.add_argument("--kills", type=int, default=12, help="kills of each kind of reindex")
    parser.add_argument("--seed", type=int, default=9)
    return parser.parse_args()


def versions(count, changed, deleted, rng):
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        before = [json.loads(line) for line in itertools.islice(lines, count)]
    chosen = rng.sample(range(count), changed + deleted)
    rewritten, gone = set(chosen[:changed]), set(chosen[changed:])
    after = [{**record, "body": f"{record['body']}\n\nMot témoin : {PROBE}."}
             if number in rewritten else record
             for number, record in enumerate(before) if number not in gone]
    return before, after


def write(path, records):
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(partial, path)


def state_of(root):
    """(ids, articles the probe word finds, articles a common word finds) as readers see them."""
    with open_index(root).searcher() as searcher:
        ids = frozenset(fields["id"] for fields in searcher.all_stored_fields())
    searcher = Searcher(root)
    try:
        return ids, searcher.search(PROBE, versions="all")["total"], \
            searcher.search("France", versions="all")["total"]
    finally:
        searcher.close()


def campaign(label, command, extra, pristine, root, expected, kills, rng):
    full_command = command + [str(root), *extra]
    startup = timed(full_command + ["--help"])
    restore(pristine, root)
    duration = timed(full_command)
    print(f"\n{label}: a clean run takes {duration:.1f} s (start-up {startup:.1f} s); "
          f"{kills} kills between them", flush=True)
    outcome = {"kills": 0, "before": 0, "after": 0, "failures": 0}
    for number in range(kills):
        restore(pristine, root)
        delay = rng.uniform(startup * 0.9, duration * 1.05)
        process = subprocess.Popen(full_command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        outcome["kills"] += 1
        problem, seen = check_after_kill(root, expected, extra)
        if seen:
            outcome[seen] += 1
        if problem:
            outcome["failures"] += 1
        print(f"  kill {number + 1:>2} at {delay:5.2f} s: {problem or 'index ' + seen + ', next reindex completes'}",
              flush=True)
    return outcome


def check_after_kill(root, expected, extra):
    """(problem or None, "before"/"after"/None)."""
    time.sleep(0.1)  # the kernel finishes off the workers
    if survivors_naming(root):
        return "worker processes survived", None
    try:
        state = state_of(root)
    except Exception as error:  # noqa: BLE001 - any failure to read is the finding
        return f"the index cannot be searched: {error!r}", None
    seen = next((name for name, wanted in expected.items() if state == wanted), None)
    if seen is None:
        return f"a mix: {len(state[0])} ids, probe finds {state[1]}, common word {state[2]}", None
    try:
        reindex([root.parent / "archive" / "news.jsonl"], root, full=bool(extra))
    except Exception as error:  # noqa: BLE001
        return f"the next reindex failed: {error!r}", seen
    try:
        if state_of(root) != expected["after"]:
            return "the next reindex did not reach the state after", seen
    except Exception as error:  # noqa: BLE001
        return f"after the next reindex the index cannot be searched: {error!r}", seen
    return None, seen


def timed(command):
    started = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def restore(pristine, root):
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(pristine, root, symlinks=True)


if __name__ == "__main__":
    main()
