"""`chronique serve --workers N`: several processes answer as one, each sees a reindex, a worker
that dies is replaced without losing other requests, and /healthz tells a load balancer."""

import http.client
import json
import os
import signal
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from index.reindex import reindex

from ..support import write_jsonl
from .conftest import running_server

QUERIES = ["truffes", "pekin", "truffes noires", "\"saison correcte\"", "phare OR truffes",
           "fromagerie", "truffes -lalbenque", "ukraine"]


def get(url):
    """(status, decoded JSON) of a fresh connection's answer."""
    try:
        with urllib.request.urlopen(url, timeout=90) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def answers(base):
    """The API's pages for QUERIES, without the time they took."""
    found = {}
    for query in QUERIES:
        status, page = get(f"{base}/api/search?q={urllib.request.quote(query)}&per_page=20")
        assert status == 200
        page.pop("took_ms")
        found[query] = page
    return found


def workers_of(master):
    with open(f"/proc/{master}/task/{master}/children") as children:
        return [int(pid) for pid in children.read().split()]


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.2)


def test_several_workers_serve_the_same_answers_as_one(index_dir, clean_environment):
    with running_server(index_dir, "--workers", "1") as base:
        one = answers(base)
    with running_server(index_dir, "--workers", "3", "--threads", "2") as base:
        for _ in range(3):  # several connections, so several workers answer
            assert answers(base) == one


def test_a_reindex_is_seen_by_every_worker(tmp_path, clean_environment):
    articles = tmp_path / "articles"
    articles.mkdir()
    write_jsonl(articles / "a.jsonl", [{"id": "p1", "title": "Le phare de Sein",
                                        "body": "Le phare de Sein guide les marins."}])
    root = tmp_path / "index"
    reindex([articles], root)
    with running_server(root, "--workers", "3", "--threads", "2") as base:
        with ThreadPoolExecutor(6) as pool:  # every worker opens the index as it is now
            assert all(page["total"] == 0 for _, page in
                       pool.map(get, [f"{base}/api/search?q=goemon"] * 30))
        write_jsonl(articles / "b.jsonl", [{"id": "g1", "title": "Le goémon de Molène",
                                            "body": "Les goémoniers de Molène récoltent."}])
        reindex([articles], root)
        time.sleep(2)  # the workers' warmers notice the new version
        with ThreadPoolExecutor(6) as pool:
            found = list(pool.map(get, [f"{base}/api/search?q=goemon"] * 30))
        assert all(page["total"] == 1 for _, page in found), found


def test_a_killed_worker_is_replaced_and_loses_only_the_requests_it_held(index_dir,
                                                                     clean_environment):
    threads = 2
    with running_server(index_dir, "--workers", "2", "--threads", str(threads),
                        with_process=True) as (base, master):
        wait_for(lambda: len(workers_of(master)) == 2)
        get(f"{base}/healthz")
        victim = workers_of(master)[0]
        urls = [f"{base}/api/search?q={urllib.request.quote(QUERIES[n % len(QUERIES)])}"
                for n in range(300)]

        def fetch(url):
            try:
                return get(url)[0]
            except (OSError, http.client.HTTPException):  # the dying worker's connections
                return None

        with ThreadPoolExecutor(8) as pool:
            statuses = pool.map(fetch, urls)
            time.sleep(0.5)
            os.kill(victim, signal.SIGKILL)
            statuses = list(statuses)
        lost = sum(status != 200 for status in statuses)
        # At most what the killed worker held: the 8 connections open at that moment at worst.
        assert lost <= 8 and statuses.count(200) >= len(statuses) - 8, statuses
        wait_for(lambda: len(workers_of(master)) == 2 and victim not in workers_of(master))
        assert get(f"{base}/api/search?q=truffes")[0] == 200


def test_healthz_before_and_after_an_index_exists(tmp_path, clean_environment):
    root = tmp_path / "index"
    articles = tmp_path / "articles"
    articles.mkdir()
    write_jsonl(articles / "a.jsonl", [{"id": f"t{n}", "title": f"Truffes {n}",
                                        "body": "Les truffes noires."} for n in range(3)])
    with running_server(root, "--workers", "2", "--threads", "2") as base:
        status, health = get(f"{base}/healthz")
        assert status == 503 and health == {"ready": False, "generation": None, "articles": 0}
        reindex([articles], root)
        status, health = get(f"{base}/healthz")
        assert status == 200 and health["ready"] and health["articles"] == 3
        assert health["generation"] == os.readlink(root / "current")


def test_sigterm_lets_a_request_in_flight_finish_and_refuses_new_connections(index_dir,
                                                                          clean_environment):
    with running_server(index_dir, "--workers", "1", "--threads", "2",
                        with_process=True) as (base, master):
        wait_for(lambda: len(workers_of(master)) == 1)
        assert get(f"{base}/healthz")[0] == 200
        port = int(base.rsplit(":", 1)[1])
        # A slow client: half its request is sent, so a worker thread is reading it when
        # the server is told to stop.
        slow = socket.create_connection(("127.0.0.1", port), timeout=60)
        slow.sendall(b"GET /api/search?q=truffes HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        time.sleep(1)
        os.kill(master, signal.SIGTERM)
        wait_for(lambda: _refused(port), seconds=20)
        slow.sendall(b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := slow.recv(65536):
            answer += chunk
        slow.close()
        status_line, _, rest = answer.partition(b"\r\n")
        assert status_line.split()[1] == b"200", answer[:300]
        assert json.loads(rest.partition(b"\r\n\r\n")[2])["total"] > 0


def _refused(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False
