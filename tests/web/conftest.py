import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from index.reindex import reindex
from web import create_app
from web.engine import EXTENSION_KEY

DEMO = Path(__file__).resolve().parents[2] / "demo"

#: Articles made for these tests, beside the demo corpus.
HOSTILE = {
    "id": "hostile-1",
    "title": '<script>alert("titre")</script> Fromagerie & « compagnie »',
    "body": 'La fromagerie <img src=x onerror=alert(1)> affiche "complet".\n\n'
            "Deuxième paragraphe sur la fromagerie et ses <b>caves</b>.",
    "date": "2021-06-15",
    "source": "Le <Canard> Hostile",
    "url": "javascript:alert(1)",
    "author": "<i>Anonyme</i>",
}
SLASHED = {"id": "archives/2020/phare-1", "title": "Le phare d’Ouessant rallumé",
           "body": "Le phare d’Ouessant brille de nouveau après dix-huit mois de travaux."}
TRUFFLE_SOURCES = ("Le Journal des Truffes", "La Gazette Truffière")


def truffle_market(number):
    """One of 25 look-alike articles, enough to page through; each a text of its own (its
    lots are its own), not a version of another."""
    lots = ", ".join(f"T{number}{letter}" for letter in "abcdefghijkl")
    return {
        "id": f"truffes-{number:02d}",
        "title": f"Marché aux truffes de Lalbenque, séance numéro {number}",
        "body": f"Les truffes noires se sont vendues {400 + number} euros le kilo ce mardi. "
                f"Les trufficulteurs parlent d’une saison correcte. Lots présentés : {lots}.",
        "date": f"{2015 + number % 4}-01-{1 + number:02d}",
        "source": TRUFFLE_SOURCES[number % 2],
        "url": f"https://exemple-truffes.fr/seance-{number}",
        "author": "Rédaction",
    }


TRUFFLES = [truffle_market(number) for number in range(25)]


@pytest.fixture(scope="session")
def extra_articles(tmp_path_factory):
    """The articles made for these tests, as a JSON Lines file."""
    extra = tmp_path_factory.mktemp("articles") / "extra.jsonl"
    with open(extra, "w", encoding="utf-8") as out:
        for record in [HOSTILE, SLASHED, *TRUFFLES]:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return extra


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, extra_articles):
    root = tmp_path_factory.mktemp("index")
    reindex([str(DEMO), str(extra_articles)], root, full=True)
    return root


@pytest.fixture(scope="session")
def opensearch_web_archive(opensearch_cluster, opensearch, extra_articles):
    """The same archive indexed once on the session's cluster: the settings that serve it."""
    from index.opensearch_reindex import reindex_opensearch
    from tests.opensearch.fixtures import drop_alias

    alias = "t-web-archive"
    drop_alias(opensearch, alias)
    reindex_opensearch([str(DEMO), str(extra_articles)], opensearch, alias, full=True)
    yield {"BACKEND": "opensearch", "OPENSEARCH_URL": ",".join(opensearch_cluster.urls),
           "OPENSEARCH_INDEX": alias}
    drop_alias(opensearch, alias)


@pytest.fixture
def clean_environment(monkeypatch):
    """No CHRONIQUE_* variable from the outside leaks into a test."""
    for name in list(os.environ):
        if name.startswith("CHRONIQUE_"):
            monkeypatch.delenv(name)


@pytest.fixture
def make_app(index_dir, clean_environment):
    made = []

    def make(**settings):
        app = create_app({"TESTING": True, "INDEX": str(index_dir), **settings})
        made.append(app)
        return app

    yield make
    for app in made:
        searcher = app.extensions.get(EXTENSION_KEY)
        if searcher is not None:
            searcher.close()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(params=("whoosh", "opensearch"))
def any_client(request, make_app):
    """``client`` on each backend: the same archive in Whoosh, then on the session's cluster."""
    if request.param == "whoosh":
        return make_app().test_client()
    return make_app(**request.getfixturevalue("opensearch_web_archive")).test_client()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(index_dir, *options, env=None, with_process=False):
    """A real `chronique serve` on a free port; yields its base URL (and with ``with_process``
    the server's process id too)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from web.cli import main; main()", "serve", "--port", str(port),
         "--index", str(index_dir), *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    process.wait()
                    raise RuntimeError(f"chronique serve did not start: {process.stdout.read().decode()}")
                time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        yield (base, process.pid) if with_process else base
    finally:
        if process.poll() is None:
            process.terminate()
            try:  # the server drains for up to 30 s; a loaded machine may take that long
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()
