"""A long-lived Searcher sees reindexes; the CLI prints pages; snippets analyze like the index."""

import json
import threading

import pytest

from index.analysis import index_tokens
from index.reindex import reindex
from search import IndexMissing, Searcher

from .conftest import DEMO, ids, write_articles


def test_next_search_sees_an_incremental_reindex(tmp_path):
    folder = tmp_path / "articles"
    reindex([write_articles(folder, [{"title": "Canicule", "body": "Chaleur."}])], tmp_path / "ix")
    searcher = Searcher(tmp_path / "ix")
    assert searcher.search("orages")["total"] == 0
    write_articles(folder, [{"title": "Canicule", "body": "Chaleur."},
                            {"title": "Orages violents", "body": "Grêle."}])
    reindex([folder], tmp_path / "ix")
    assert ids(searcher.search("orages")) == ["a2"]


def test_next_search_sees_a_full_rebuild(tmp_path):
    folder = tmp_path / "articles"
    reindex([write_articles(folder, [{"title": "Canicule", "body": "Chaleur."}])], tmp_path / "ix")
    searcher = Searcher(tmp_path / "ix")
    searcher.search("canicule")
    write_articles(folder, [{"title": "Sécheresse", "body": "Pluie attendue."}])
    reindex([folder], tmp_path / "ix", full=True)
    assert searcher.search("canicule")["total"] == 0
    assert ids(searcher.search("sécheresse")) == ["a1"]


def test_missing_index_is_reported(tmp_path):
    with pytest.raises(IndexMissing):
        Searcher(tmp_path / "nothing")


def test_one_searcher_serves_many_threads(demo):
    expected = demo.search("Ukraine")["total"]
    totals, errors = [], []

    def work():
        try:
            for query in ("Ukraine", "électricité", "Choïgu Pékin", "Ukraine"):
                page = demo.search(query)
                if query == "Ukraine":
                    totals.append(page["total"])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and totals == [expected] * 12


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-index")
    reindex([DEMO], root)
    return root


def test_cli_prints_ranked_results_with_bold_marks(runner, demo_index):
    result = runner.invoke(["search", "--index", str(demo_index), "-n", "2",
                            "Choïgu"], color=True)
    assert result.exit_code == 0
    assert "résultat(s) pour « Choïgu »" in result.output
    assert "\x1b[1mChoïgu\x1b[0m" in result.output and "<mark>" not in result.output
    assert result.output.count("\n1. ") == 1 and "\n3. " not in result.output


def test_cli_json_is_the_api_page(runner, demo_index):
    result = runner.invoke(["search", "--index", str(demo_index), "--json", "Pékin"])
    page = json.loads(result.output)
    assert page["total"] >= 2 and page["results"][0]["snippet_html"] and "hits" not in page


def test_cli_reports_a_missing_index(runner, tmp_path):
    result = runner.invoke(["search", "--index", str(tmp_path / "none"), "Pékin"])
    assert result.exit_code == 1 and "chronique reindex" in result.output


def test_fast_word_marking_agrees_with_the_full_analysis():
    from search.highlight import _merge, _word_spans
    from search.backends.whoosh.query_builder import query_tokens

    lines = (DEMO / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["body"] for line in lines if line.strip()]
    for query in ("Ukraine électricité", "sino-russe ministres", "Jean-Luc COVID-19", "l'État"):
        terms = {term for term, _, _, _ in query_tokens(query)}
        for text in texts:
            expected = [(s, e, t) for t, _, s, e in index_tokens(text) if t in terms]
            assert _merge(_word_spans(text, terms, set())) == _merge(expected)


def test_deleted_and_updated_articles_are_gone_from_results(tmp_path):
    folder = tmp_path / "articles"
    articles = [{"title": f"Canicule {n}", "body": "Chaleur record."} for n in range(5)]
    reindex([write_articles(folder, articles)], tmp_path / "ix")
    searcher = Searcher(tmp_path / "ix")
    assert searcher.search("chaleur")["total"] == 5
    write_articles(folder, articles[:2] + [{"title": "Canicule 2", "body": "Orages enfin."}])
    reindex([folder], tmp_path / "ix")
    assert sorted(ids(searcher.search("chaleur"))) == ["a1", "a2"]
    assert ids(searcher.search("orages")) == ["a3"]
    assert sorted(ids(Searcher(tmp_path / "ix").search("chaleur"))) == ["a1", "a2"]
