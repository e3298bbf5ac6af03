"""`chronique serve`: options reach the server, and a real server answers concurrent requests."""

import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

import web.serve

from .conftest import running_server


@pytest.fixture
def served(monkeypatch):
    """What `chronique serve` would have handed to gunicorn: the app, the address it bound,
    the workers and the threads."""
    calls = []

    class Server:
        def __init__(self, app, sock, workers, threads):
            calls.append((app, {"address": sock, "workers": workers, "threads": threads}))

        def run(self):
            pass

    monkeypatch.setattr(web.serve, "Server", Server)
    monkeypatch.setattr(web.serve, "listen", lambda host, port: (host, port))
    return calls


def test_a_port_in_use_is_one_line_and_exit_2(index_dir, clean_environment):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-c", "from web.cli import main; main()", "serve", "--port", str(port),
             "--index", str(index_dir)],
            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Chronique: http" not in result.stdout
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert f"127.0.0.1:{port}" in result.stderr


def test_options_reach_the_server(runner, served, index_dir, clean_environment):
    result = runner.invoke(["serve", "--host", "0.0.0.0", "--port", "8123",
                            "--index", str(index_dir), "--threads", "3", "--workers", "5"])
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert options == {"address": ("0.0.0.0", 8123), "workers": 5, "threads": 3}
    assert app.config["INDEX"] == str(index_dir)
    assert "http://0.0.0.0:8123/" in result.output


def test_defaults_and_environment(runner, served, index_dir, clean_environment, monkeypatch):
    monkeypatch.setenv("CHRONIQUE_INDEX", str(index_dir))
    monkeypatch.setenv("CHRONIQUE_PORT", "8200")
    result = runner.invoke(["serve"])
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert options == {"address": ("127.0.0.1", 8200), "workers": web.serve.cores(),
                       "threads": 8}
    assert app.config["INDEX"] == str(index_dir)


def test_a_bad_setting_is_a_usage_error(runner, served, clean_environment, monkeypatch):
    monkeypatch.setenv("CHRONIQUE_THREADS", "beaucoup")
    result = runner.invoke(["serve"])
    assert result.exit_code == 2 and "CHRONIQUE_THREADS must be a whole number" in result.output
    assert not served


def test_serving_without_an_index_warns_but_starts(runner, served, tmp_path, clean_environment):
    result = runner.invoke(["serve", "--index", str(tmp_path / "none")])
    assert result.exit_code == 0 and "no index in" in result.output and served


@pytest.fixture
def server(index_dir, clean_environment):
    with running_server(index_dir, "--threads", "4") as base:
        yield base


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers, response.read()


def test_a_real_server_answers_many_requests_at_once(server):
    urls = [f"{server}/?q=truffes&page={1 + n % 3}" for n in range(12)]
    urls += [f"{server}/api/search?q=pekin&per_page={1 + n}" for n in range(12)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(fetch, urls))
    assert all(status == 200 for status, _, _ in answers)
    status, headers, body = fetch(f"{server}/api/search?q=pekin")
    assert headers["Server"] == "Chronique"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert json.loads(body)["total"] > 0


def test_a_real_server_speaks_json_errors(server):
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(f"{server}/api/search?q=x&per_page=0")
    assert refused.value.code == 400
    assert json.loads(refused.value.read())["error"]["param"] == "per_page"
    refused.value.close()
