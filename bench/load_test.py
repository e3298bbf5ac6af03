"""Load test of `chronique serve` with wrk: requests/s and latency percentiles under concurrency.

    .venv/bin/python bench/load_test.py [--index /tmp/fr-index] [--duration 15] [--concurrency 1 8 32]

Builds the index of the shared French news corpus first if ``--index`` holds none (about four
minutes), starts `chronique serve` on a free port, warms it up, then runs wrk against the search
page ``/`` and ``/api/search`` at each concurrency, cycling through a fixed list of everyday
news queries (with some sorts, filters and second pages). It prints a Markdown table for
docs/BENCHMARKS.md and writes the raw numbers to bench/results/load_test.json. Needs ``wrk``
(Debian: ``apt-get install wrk``).
"""

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "fr_news.jsonl.gz"
CHRONIQUE = [sys.executable, "-c", "from web.cli import main; main()"]

#: Everyday searches, written for this benchmark (accents left out in some, as people type).
QUERIES = [
    "guerre ukraine", "reforme des retraites", "inflation", "election presidentielle", "covid vaccin",
    "Macron", "football ligue des champions", "rechauffement climatique", "prix du petrole",
    "greve sncf", "assemblée nationale", "incendie", "tremblement de terre", "chômage",
    "intelligence artificielle", "\"pouvoir d'achat\"", "Biden OR Trump", "titre:santé",
    "police manifestation", "hôpital", "jeux olympiques", "Poutine", "budget -europe", "ukrain*",
]
#: Variations that exercise the other parameters, one query in four.
VARIANTS = ["", "&sort=newest", "&page=2", "&from=2020-01-01&to=2020-12-31"]

#: wrk script: each connection walks the request list from its own offset; done() prints JSON.
WRK_SCRIPT = """
local paths = {%s}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%.3f, "p50_ms": %%.2f, "p95_ms": %%.2f, "p99_ms": %%.2f, '
    .. '"max_ms": %%.2f, "errors": {"connect": %%d, "read": %%d, "write": %%d, "status": %%d, '
    .. '"timeout": %%d}}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default="/tmp/fr-index", help="index directory (built if empty)")
    parser.add_argument("--corpus", default=str(CORPUS), help="articles to index when building")
    parser.add_argument("--duration", type=int, default=15, help="seconds per measurement")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--server-threads", type=int, default=8, help="waitress threads")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")

    ensure_index(options.index, options.corpus)
    load_before = os.getloadavg()[0]  # other jobs on the machine skew the numbers: say so
    port = free_port()
    server = subprocess.Popen([*CHRONIQUE, "serve", "--port", str(port), "--index", options.index,
                               "--threads", str(options.server_threads)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(port, server)
        results = []
        for endpoint in ("/api/search", "/"):
            paths = request_paths(endpoint)
            warm_up(base, paths)
            for concurrency in options.concurrency:
                result = run_wrk(base, paths, concurrency, options.duration)
                result.update(endpoint=endpoint, concurrency=concurrency)
                results.append(result)
                print(f"{endpoint:12} c={concurrency:<3} {result['rps']:8.1f} req/s  "
                      f"p50 {result['p50_ms']:7.1f} ms  p95 {result['p95_ms']:7.1f} ms  "
                      f"p99 {result['p99_ms']:7.1f} ms  errors {result['error_count']}",
                      flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    report(results, options, load_before)


def ensure_index(index, corpus):
    if (Path(index) / "current").exists():
        return
    print(f"building the index of {corpus} in {index} (a few minutes)…", flush=True)
    subprocess.run([*CHRONIQUE, "reindex", "--index", index, corpus], check=True)


def request_paths(endpoint):
    paths = []
    for number, query in enumerate(QUERIES):
        variant = VARIANTS[number % len(VARIANTS)]
        paths.append(f"{endpoint}?q={urllib.parse.quote_plus(query)}{variant}")
    return paths


def warm_up(base, paths):
    """Each request once, checked: a benchmark of error pages would measure nothing useful."""
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            if response.status != 200:
                sys.exit(f"{path} answered {response.status}")


def run_wrk(base, paths, concurrency, duration):
    lua_paths = ", ".join(json.dumps(path) for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % lua_paths)
    try:
        threads = min(concurrency, 2)
        completed = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{duration}s", "--timeout", "30s",
             "-s", script.name, base + "/"],
            capture_output=True, text=True, check=True)
    finally:
        os.unlink(script.name)
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    result["error_count"] = sum(result["errors"].values())
    return result


def report(results, options, load_before):
    machine = (f"{cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
               f"load average {load_before:.1f} before the run and {os.getloadavg()[0]:.1f} after")
    lines = [
        f"Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}. Machine: {machine}.",
        f"Server: `chronique serve --threads {options.server_threads}` (waitress); "
        f"wrk {options.duration} s per row, {len(QUERIES)} queries in rotation.",
        "",
        "| endpoint | concurrency | requests/s | p50 | p95 | p99 | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        lines.append(f"| `{result['endpoint']}` | {result['concurrency']} | {result['rps']:.1f} | "
                     f"{result['p50_ms']:.1f} ms | {result['p95_ms']:.1f} ms | "
                     f"{result['p99_ms']:.1f} ms | {result['error_count']} |")
    print("\n".join(lines))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load_test.json").write_text(json.dumps(
        {"machine": machine, "options": vars(options), "results": results}, indent=2))


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("chronique serve stopped before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("chronique serve did not start")


if __name__ == "__main__":
    main()
