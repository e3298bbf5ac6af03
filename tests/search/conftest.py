"""Fixtures: small indexes built in tmp_path from articles written in the tests, and one
index of the demo corpus shared by the whole session."""

import json
from pathlib import Path

import pytest

from index.reindex import reindex
from search import Searcher

DEMO = Path(__file__).resolve().parents[2] / "demo"


def write_articles(folder, articles):
    """Writes ``articles`` (dicts with at least title and body) as a JSON Lines file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for number, article in enumerate(articles, 1):
            article = {"id": f"a{number}", "source": "Le Courrier", **article}
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def make_searcher(tmp_path):
    """``make_searcher(articles, **options)`` → a Searcher over a fresh index of ``articles``."""
    opened = []

    def make(articles, **options):
        root = tmp_path / f"index{len(opened)}"
        reindex([write_articles(tmp_path / f"articles{len(opened)}", articles)], root)
        searcher = Searcher(root, **options)
        opened.append(searcher)
        return searcher

    yield make
    for searcher in opened:
        searcher.close()


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """A Searcher over the demo corpus."""
    root = tmp_path_factory.mktemp("demo-index")
    reindex([DEMO], root)
    searcher = Searcher(root)
    yield searcher
    searcher.close()


def titles(page):
    return [hit["title"] for hit in page["hits"]]


def ids(page):
    return [hit["id"] for hit in page["hits"]]


#: The backends the behaviour tests run on (tests marked so run on each).
SEARCH_BACKENDS = ("whoosh", "opensearch")


@pytest.fixture(scope="session")
def opensearch_archives():
    """Archives indexed on the session's cluster, each once: articles (as JSON) → (client,
    alias); dropped at the end of the session."""
    built = {}
    yield built
    from tests.opensearch.fixtures import drop_alias

    for client, alias in built.values():
        drop_alias(client, alias)


@pytest.fixture(params=SEARCH_BACKENDS)
def make_any_searcher(request, tmp_path, make_searcher):
    """``make_searcher`` on each backend: Whoosh, then the session's OpenSearch cluster (an
    archive is indexed there once for the session, so a table of queries costs one build)."""
    if request.param == "whoosh":
        yield make_searcher
        return
    import hashlib

    from index.opensearch_reindex import reindex_opensearch
    from search.backends.opensearch.backend import OpenSearchBackend

    client = request.getfixturevalue("opensearch")
    # Asked for after the client, so that its indices are dropped before the cluster stops.
    opensearch_archives = request.getfixturevalue("opensearch_archives")
    opened = []

    def make(articles, **options):
        text = json.dumps(articles, ensure_ascii=False, sort_keys=True)
        _, alias = opensearch_archives.get(text, (None, None))
        if alias is None:
            alias = "t-archive-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
            folder = tmp_path / f"os-articles{len(opensearch_archives)}"
            reindex_opensearch([write_articles(folder, articles)], client, alias, full=True)
            opensearch_archives[text] = (client, alias)
        searcher = Searcher(tmp_path / "unused", backend=OpenSearchBackend(client, alias),
                            **options)
        opened.append(searcher)
        return searcher

    yield make
    for searcher in opened:
        searcher.close()
