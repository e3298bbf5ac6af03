"""Reindexing while serving: steady load on `chronique serve` during an incremental and then a
full reindex of the French news corpus. No request may fail, and searches must switch to the
new articles without a restart.

    .venv/bin/python bench/reliability/serve_during_reindex.py [--work DIR] [--rate 20]

The work directory keeps a copy of the corpus and a pristine index built from it (about four
minutes the first time, reused afterwards). Exits 1 if any request failed or a probe did not
switch.
"""

import argparse
import gzip
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "fr_news.jsonl.gz"
CHRONIQUE = [str(Path(sys.executable).with_name("chronique"))]

#: Words found in no French news article, added to the changed articles as probes.
INCREMENTAL_PROBE, FULL_PROBE = "zorglubesque", "vermiculophage"
CHANGED, DELETED, CHANGED_BEFORE_FULL = 300, 200, 100
#: Seconds a probe may take to show the new index once a reindex has ended.
SWITCH_DEADLINE = 10.0


def main():
    options = parse_arguments()
    work = Path(options.work)
    records = read_corpus()
    corpus, pristine = prepare(work, records)
    run = work / "run"
    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(pristine, run / "index", symlinks=True)
    write_corpus(corpus, records)  # the original, in case a previous run was interrupted

    plan = Changes(records, random.Random(options.seed))
    port = free_port()
    server = start_server(run / "index", port)
    load = Load(f"http://127.0.0.1:{port}", queries(records, random.Random(options.seed)),
                options.rate)
    probes = Probes(f"http://127.0.0.1:{port}")
    try:
        wait_until_serving(load.base)
        checks = [probes.expect(INCREMENTAL_PROBE, 0), probes.expect(FULL_PROBE, 0),
                  probes.article_status(plan.deleted_id, 200)]
        load.start()
        load.phase("before", options.before)

        write_corpus(corpus, plan.incremental())
        load.mark("incremental")
        incremental = reindex(corpus, run / "index")
        checks.append(probes.wait_for(INCREMENTAL_PROBE, CHANGED, "incremental"))
        checks.append(probes.article_status(plan.deleted_id, 404, wait=True))
        load.phase("between", options.between)

        write_corpus(corpus, plan.full())
        load.mark("full")
        full = reindex(corpus, run / "index", "--full")
        checks.append(probes.wait_for(FULL_PROBE, CHANGED_BEFORE_FULL, "full"))
        checks.append(probes.expect(INCREMENTAL_PROBE, CHANGED))
        checks.append(probes.article_status(plan.deleted_id, 404))
        load.phase("after", options.after)
        load.stop()
    finally:
        server.terminate()
        server.wait()
        write_corpus(corpus, records)
    report(load, [incremental, full], checks)
    sys.exit(0 if load.failures() == 0 and all(ok for ok, _ in checks) else 1)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default="/tmp/chronique-serve-bench",
                        help="directory for the corpus copy and the reusable pristine index")
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second")
    parser.add_argument("--before", type=float, default=20.0, help="seconds of load before")
    parser.add_argument("--between", type=float, default=10.0, help="seconds between reindexes")
    parser.add_argument("--after", type=float, default=15.0, help="seconds of load after")
    parser.add_argument("--seed", type=int, default=5)
    return parser.parse_args()


# --- the corpus and its changes -------------------------------------------------------------

def read_corpus():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def write_corpus(path, records):
    """Writes ``records`` beside ``path`` then renames: a reindex never reads half a file."""
    partial = path.with_name(path.name + ".partial")
    with gzip.open(partial, "wt", encoding="utf-8", compresslevel=1) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(partial, path)


class Changes:
    """The corpus with some articles rewritten and some deleted, for each reindex."""

    def __init__(self, records, rng):
        with_ids = [number for number, record in enumerate(records) if record.get("id")]
        chosen = rng.sample(with_ids, CHANGED + DELETED + CHANGED_BEFORE_FULL)
        self.records = records
        self.changed = set(chosen[:CHANGED])
        self.deleted = set(chosen[CHANGED:CHANGED + DELETED])
        self.changed_before_full = set(chosen[CHANGED + DELETED:])
        self.deleted_id = records[chosen[CHANGED]]["id"]

    def incremental(self):
        return self._version(with_full_probe=False)

    def full(self):
        return self._version(with_full_probe=True)

    def _version(self, with_full_probe):
        version = []
        for number, record in enumerate(self.records):
            if number in self.deleted:
                continue
            if number in self.changed:
                record = self._probed(record, INCREMENTAL_PROBE)
            if with_full_probe and number in self.changed_before_full:
                record = self._probed(record, FULL_PROBE)
            version.append(record)
        return version

    @staticmethod
    def _probed(record, word):
        body_key = next(key for key in ("body", "text", "content") if key in record)
        return {**record, body_key: f"{record[body_key]}\n\nMot témoin : {word}."}


def prepare(work, records):
    """The corpus copy and a pristine index of it, built once and reused."""
    corpus = work / "corpus" / CORPUS.name
    pristine = work / "pristine"
    corpus.parent.mkdir(parents=True, exist_ok=True)
    if not corpus.exists():
        write_corpus(corpus, records)
    if not _usable(pristine):
        print(f"building the pristine index in {pristine} (about four minutes, once)", flush=True)
        shutil.rmtree(pristine, ignore_errors=True)
        write_corpus(corpus, records)
        subprocess.run([*CHRONIQUE, "reindex", str(corpus), "--index", str(pristine), "--full"],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return corpus, pristine


def _usable(pristine):
    sys.path.insert(0, str(REPO))
    from index.store import current_generation, is_current_format
    generation = current_generation(pristine)
    return generation is not None and is_current_format(generation)


def queries(records, rng):
    """Varied searches: title words, two-word queries, phrases, prefixes, filters, paging."""
    words = [word.strip("«»\"'’,.:;!?()") for record in rng.sample(records, 400)
             for word in record["title"].split() if len(word) > 4]
    words = [word for word in words if word.isalpha()]
    made = []
    for number in range(300):
        one, two = rng.choice(words), rng.choice(words)
        made.append(rng.choice([
            {"q": one}, {"q": f"{one} {two}"}, {"q": f'"{one} {two}"'}, {"q": one[:4] + "*"},
            {"q": f"{one} OR {two}", "sort": "newest"}, {"q": one, "page": "2"},
            {"q": f"{one} -{two}", "per_page": "20"}, {"q": f"titre:{one}"},
        ]))
    return made


# --- the server -----------------------------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(index, port):
    return subprocess.Popen([*CHRONIQUE, "serve", "--index", str(index), "--port", str(port),
                             "--host", "127.0.0.1"], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_until_serving(base, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/api/search?q=test", timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def get(base, path, parameters):
    """(status, JSON body or None, seconds)."""
    url = f"{base}{path}?{urllib.parse.urlencode(parameters)}"
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except OSError as error:
        return None, str(error), time.perf_counter() - started
    try:
        return status, json.loads(body), time.perf_counter() - started
    except ValueError:
        return status, None, time.perf_counter() - started


def reindex(corpus, index, *options):
    """Runs a reindex; (label, seconds, exit status, last line)."""
    started = time.monotonic()
    result = subprocess.run([*CHRONIQUE, "reindex", str(corpus), "--index", str(index), *options],
                            cwd=REPO, capture_output=True, text=True)
    seconds = time.monotonic() - started
    label = "full" if options else "incremental"
    summary = (result.stdout.strip().splitlines() or [result.stderr.strip()])[0]
    print(f"{label} reindex: exit {result.returncode} in {seconds:.0f} s — {summary}", flush=True)
    return label, seconds, result.returncode, summary


# --- load and probes ------------------------------------------------------------------------

RESPONSE_KEYS = {"query", "total", "page", "per_page", "pages", "sort", "took_ms", "results",
                 "facets", "suggestion"}


class Load:
    """Requests at a steady rate (open loop: a slow answer does not slow the sending)."""

    def __init__(self, base, requests, rate):
        self.base, self.requests, self.interval = base, requests, 1.0 / rate
        self.results = []  # (phase, status ok, seconds, detail)
        self.current = "before"
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=32)
        self._lock = threading.Lock()

    def start(self):
        self._thread = threading.Thread(target=self._send, daemon=True)
        self._thread.start()

    def mark(self, phase):
        self.current = phase

    def phase(self, name, seconds):
        self.current = name
        time.sleep(seconds)

    def stop(self):
        self._stop.set()
        self._thread.join()
        self._pool.shutdown(wait=True)

    def _send(self):
        number, next_at = 0, time.monotonic()
        while not self._stop.is_set():
            parameters = self.requests[number % len(self.requests)]
            self._pool.submit(self._one, self.current, parameters)
            number += 1
            next_at += self.interval
            time.sleep(max(0.0, next_at - time.monotonic()))

    def _one(self, phase, parameters):
        status, body, seconds = get(self.base, "/api/search", parameters)
        ok = status == 200 and isinstance(body, dict) and RESPONSE_KEYS <= set(body)
        with self._lock:
            self.results.append((phase, ok, seconds, None if ok else f"{status} {str(body)[:200]}"))

    def failures(self):
        return sum(not ok for _, ok, _, _ in self.results)


class Probes:
    """Searches whose answer tells which version of the index the server reads."""

    def __init__(self, base):
        self.base = base

    def count(self, word):
        # Every version: the expected counts are of articles.
        status, body, _ = get(self.base, "/api/search", {"q": word, "per_page": "1",
                                                         "versions": "all"})
        return body["total"] if status == 200 else None

    def expect(self, word, total):
        found = self.count(word)
        return found == total, f"« {word} » finds {found} articles (expected {total})"

    def wait_for(self, word, total, after):
        started = time.monotonic()
        while time.monotonic() - started < SWITCH_DEADLINE:
            if self.count(word) == total:
                waited = time.monotonic() - started
                return True, (f"after the {after} reindex, « {word} » finds {total} articles "
                              f"{waited:.1f} s later, without a restart")
            time.sleep(0.2)
        return False, f"after the {after} reindex, « {word} » still finds {self.count(word)}"

    def article_status(self, article_id, expected, wait=False):
        """The article's status; with ``wait``, polls until it is ``expected``: each server
        worker warms and switches to a new version on its own, so a search answered by one
        worker may already see the new version a few seconds before another worker does."""
        path = f"/api/articles/{urllib.parse.quote(article_id, safe='')}"
        started = time.monotonic()
        status, _, _ = get(self.base, path, {})
        while wait and status != expected and time.monotonic() - started < SWITCH_DEADLINE:
            time.sleep(0.2)
            status, _, _ = get(self.base, path, {})
        waited = f", {time.monotonic() - started:.1f} s later" if wait else ""
        return status == expected, (f"/api/articles/{article_id} (deleted by the incremental "
                                    f"reindex): {status} (expected {expected}){waited}")


def report(load, reindexes, checks):
    print()
    print(f"runs: 1; faults injected: {len(reindexes)} reindexes while serving "
          f"({', '.join(f'{label} {seconds:.0f} s, exit {code}' for label, seconds, code, _ in reindexes)})")
    print(f"requests sent: {len(load.results)}; failures: {load.failures()}")
    print("latency of /api/search (ms):")
    print("  phase        requests    p50    p95    max")
    for phase in ("before", "incremental", "between", "full", "after"):
        times = sorted(seconds * 1000 for name, _, seconds, _ in load.results if name == phase)
        if times:
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"  {phase:<12} {len(times):>8} {statistics.median(times):>6.0f} {p95:>6.0f} "
                  f"{times[-1]:>6.0f}")
    for ok, message in checks:
        print(f"  {'ok  ' if ok else 'FAIL'} {message}")
    for _, ok, _, detail in load.results:
        if not ok:
            print(f"  failed request: {detail}")
            break


if __name__ == "__main__":
    main()
