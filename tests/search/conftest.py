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
