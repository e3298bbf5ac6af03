"""Load test of `chronique serve`: 1 worker and N workers in the same run, cold and warm.

    .venv/bin/python bench/load_test.py [--index var/index] [--duration 10]
        [--concurrency 1 8 16 32] [--workers N] [--threads 8]

For each worker count (1, then N: one per core by default) it starts `chronique serve` on a
free port, waits until ``/healthz`` answers 200 (a worker has warmed the index; the time is
printed), then sends 16 connections of requests for 15 s (the *cold* row: the first seconds
of a new server, whose caches of frequent words are still empty); then, for ``/api/search`` and ``/`` in turn, runs
each concurrency for ``--duration`` seconds. The load comes from this process (threads with
their own connection, closed loop: each sends its next request when the previous answered),
over 2,000+ distinct queries drawn from the corpus's titles (seeded; some second pages, sorts
and date filters), so no cache can stand in for speed. Prints a Markdown table for
docs/BENCHMARKS.md and writes bench/results/load_test.json.
"""

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import CORPUS, draw_queries  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHRONIQUE = [sys.executable, "-c", "from web.cli import main; main()"]
VARIANTS = ["", "", "", "&page=2", "&sort=newest", "&from=2019-01-01&to=2020-12-31"]
COLD_SECONDS, COLD_CONNECTIONS = 15, 16


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default=str(ROOT / "var" / "index"))
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--duration", type=int, default=10, help="seconds per warm row")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 16, 32])
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--threads", type=int, default=8, help="threads per worker")
    parser.add_argument("--queries", type=int, default=2400)
    options = parser.parse_args()
    if not (Path(options.index) / "current").exists():
        sys.exit(f"no index in {options.index}: chronique reindex --index {options.index} "
                 f"{options.corpus}")
    plain, _, _ = draw_queries(options.corpus, options.queries, 1, random.Random(7))
    load_before = os.getloadavg()[0]
    results = []
    for workers in dict.fromkeys((1, options.workers)):
        results += run_server(options, workers, plain)
    report(results, options, load_before)


def run_server(options, workers, queries):
    port = free_port()
    server = subprocess.Popen([*CHRONIQUE, "serve", "--port", str(port), "--index",
                               options.index, "--workers", str(workers), "--threads",
                               str(options.threads)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    try:
        started = time.monotonic()
        wait_for(port, server)
        ready_after = wait_ready(port, server)
        print(f"workers {workers}: /healthz ready after {ready_after - started:.1f} s",
              flush=True)
        cold = drive(port, paths("/api/search", queries, 0), COLD_CONNECTIONS, COLD_SECONDS)
        rows.append({"workers": workers, "endpoint": "/api/search", "phase": "cold",
                     "concurrency": COLD_CONNECTIONS, "ready_s": ready_after - started, **cold})
        print_row(rows[-1])
        for number, endpoint in enumerate(("/api/search", "/")):
            for concurrency in options.concurrency:
                found = drive(port, paths(endpoint, queries, 1 + number * 7 + concurrency),
                              concurrency, options.duration)
                rows.append({"workers": workers, "endpoint": endpoint, "phase": "warm",
                             "concurrency": concurrency, **found})
                print_row(rows[-1])
        rows[-1]["worker_rss_mb"] = worker_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return rows


def paths(endpoint, queries, shift):
    shuffled = random.Random(shift).sample(queries, len(queries))
    return [f"{endpoint}?q={urllib.parse.quote_plus(query)}{VARIANTS[n % len(VARIANTS)]}"
            for n, query in enumerate(shuffled)]


def drive(port, requests, concurrency, seconds):
    """Closed-loop load: ``concurrency`` threads each sending requests one after the other."""
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.monotonic() + seconds
    counter = iter(range(10**9))

    def loop():
        while time.monotonic() < stop_at:
            path = requests[next(counter) % len(requests)]
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                connection.close()
            except (OSError, http.client.HTTPException):
                ok = False
            with lock:
                if ok:
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=loop) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()

    def pct(share):
        return latencies[min(len(latencies) - 1, int(len(latencies) * share))] if latencies else 0

    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50_ms": pct(0.5),
            "p99_ms": pct(0.99), "errors": errors[0]}


def worker_memory(master):
    with open(f"/proc/{master}/task/{master}/children") as children:
        pids = children.read().split()
    sizes = []
    for pid in pids:
        with open(f"/proc/{pid}/status") as status:
            sizes += [int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS")]
    return round(max(sizes)) if sizes else None


def print_row(row):
    print(f"workers {row['workers']} {row['endpoint']:12} {row['phase']} c={row['concurrency']:<3}"
          f" {row['rps']:7.1f} req/s  p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms"
          f"  errors {row['errors']}", flush=True)


def report(results, options, load_before):
    lines = [f"Load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after "
             f"({os.cpu_count()} CPUs); {options.threads} threads per worker.", "",
             "| workers | endpoint | phase | connections | requests/s | p50 | p99 | errors |",
             "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        lines.append(f"| {r['workers']} | `{r['endpoint']}` | {r['phase']} | {r['concurrency']} | "
                     f"{r['rps']:.1f} | {r['p50_ms']:.0f} ms | {r['p99_ms']:.0f} ms | "
                     f"{r['errors']} |")
    memory = [f"{r['workers']} worker(s): {r['worker_rss_mb']} MB" for r in results
              if r.get("worker_rss_mb")]
    lines += ["", "Largest worker's resident memory at the end: " + ", ".join(memory)]
    print("\n".join(lines))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load_test.json").write_text(json.dumps({"options": vars(options),
                                                    "results": results}, indent=2))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(port, process, seconds=300):
    """When /healthz first answers 200 (the worker that answered has warmed the index)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("chronique serve stopped before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return time.monotonic()
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    sys.exit("chronique serve did not become ready")


def wait_for(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("chronique serve stopped before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    sys.exit("chronique serve did not start")


if __name__ == "__main__":
    main()
