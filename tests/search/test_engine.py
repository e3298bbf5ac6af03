"""The Searcher: the API's page shape and its guarantees for any input; a long-lived
Searcher sees reindexes and serves many threads; notices for queries without a word."""

import threading

import pytest

from index.reindex import reindex
from search import IndexMissing, InvalidParameter, Searcher

from .conftest import ids, write_articles

HIT_KEYS = {"id", "title", "title_html", "url", "source", "date", "score", "snippet_html",
            "group"}
PAGE_KEYS = {"query", "total", "page", "per_page", "pages", "sort", "took_ms", "hits", "facets",
             "suggestion", "notice", "cursor", "articles", "texts", "versions"}


def test_page_has_the_documented_shape(demo):
    page = demo.search("Ukraine", per_page=3)
    assert set(page) == PAGE_KEYS
    assert page["total"] >= 3 and len(page["hits"]) == 3
    assert all(set(hit) == HIT_KEYS for hit in page["hits"])
    assert set(page["facets"]) == {"source", "year"}


@pytest.mark.parametrize("query", ['"guerre', "((Ukraine", "Ukraine)", "OR", "AND", "NOT", "-",
                                   "titre:", "source:", "date:", "date:demain", "le la les", "!!!",
                                   "x" * 10_000, "Ukraine\x00\x07\x1b", "*", "ukr* OR", "« guerre"])
def test_malformed_queries_never_fail(demo, query):
    page = demo.search(query)
    assert page["total"] >= 0


@pytest.mark.parametrize("param, kwargs", [
    ("page", {"page": 0}), ("per_page", {"per_page": 101}), ("per_page", {"per_page": 0}),
    ("sort", {"sort": "date"}), ("page", {"page": 1001, "per_page": 10}),
    ("date_from", {"date_from": "2022-01-01"}),
])
def test_bad_arguments_name_the_parameter(demo, param, kwargs):
    with pytest.raises(InvalidParameter) as error:
        demo.search("Ukraine", **kwargs)
    assert error.value.param == param


def test_article_and_related(demo):
    first = ids(demo.search("Choïgu"))[0]
    article = demo.article(first)
    assert article["id"] == first and article["body"]
    assert demo.article("no-such-id") is None
    related = demo.related(first)
    assert related and first not in [hit["id"] for hit in related]


def test_completions_are_words_and_titles_accents_ignored(demo):
    completions = demo.completions("pek")
    assert "Pékin" in completions
    assert all(c.lower().startswith(("pek", "pék")) for c in completions)
    assert any(" " in c for c in demo.completions("Guerre en"))  # a whole title
    assert demo.completions("") == []


def test_newest_gives_search_hits_newest_first(demo):
    hits = demo.newest("Ukraine", limit=5)
    dates = [hit["date"] for hit in hits if hit["date"]]
    assert len(hits) == 5 and dates == sorted(dates, reverse=True)
    assert set(hits[0]) == HIT_KEYS


def test_a_hyphenated_word_is_found_whole_or_by_its_parts(make_any_searcher):
    searcher = make_any_searcher([
        {"title": "Exercices", "body": "Des manœuvres sino-russes en mer."},
        {"title": "Diplomatie", "body": "Le dialogue sino russe reprend."},
        {"title": "Autre", "body": "Une délégation russe en visite."},
    ])
    assert set(ids(searcher.search("sino-russe"))) == {"a1", "a2"}


@pytest.mark.parametrize("text", ["Ukraine\ud800", "\udfff", "\ud83d guerre"])
def test_lone_surrogates_are_harmless(demo, text):
    assert demo.search(text)["total"] >= 0
    assert demo.article(text) is None and demo.related(text) == []


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


def test_deleted_and_updated_articles_are_gone_from_results(tmp_path):
    folder = tmp_path / "articles"
    # One text under five titles: every version is asked for.
    articles = [{"title": f"Canicule {n}", "body": "Chaleur record."} for n in range(5)]
    reindex([write_articles(folder, articles)], tmp_path / "ix")
    searcher = Searcher(tmp_path / "ix")
    assert searcher.search("chaleur", versions="all")["total"] == 5
    write_articles(folder, articles[:2] + [{"title": "Canicule 2", "body": "Orages enfin."}])
    reindex([folder], tmp_path / "ix")
    assert sorted(ids(searcher.search("chaleur", versions="all"))) == ["a1", "a2"]
    assert ids(searcher.search("orages")) == ["a3"]
    assert sorted(ids(Searcher(tmp_path / "ix").search("chaleur", versions="all"))) == ["a1", "a2"]


@pytest.mark.parametrize("query", ["?!", "...", "— ?", "!!! ???"])
def test_a_query_of_punctuation_only_is_told_so(demo, query):
    page = demo.search(query)
    assert page["total"] == 0
    assert page["notice"] == "La requête ne contient que de la ponctuation : tapez un mot à chercher."


def test_stop_words_beside_punctuation_are_named_without_it(demo):
    assert demo.search("le ?! la")["notice"] == (
        "La requête ne contient que des mots trop courants (le, la) : ajoutez un mot plus précis.")
