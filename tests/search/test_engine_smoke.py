"""The API's page shape and its guarantees for any input."""

import pytest

from search import InvalidParameter

from .conftest import ids

HIT_KEYS = {"id", "title", "title_html", "url", "source", "date", "score", "snippet_html"}
PAGE_KEYS = {"query", "total", "page", "per_page", "pages", "sort", "took_ms", "hits", "facets",
             "suggestion", "notice", "cursor"}


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


def test_a_hyphenated_word_is_found_whole_or_by_its_parts(make_searcher):
    searcher = make_searcher([
        {"title": "Exercices", "body": "Des manœuvres sino-russes en mer."},
        {"title": "Diplomatie", "body": "Le dialogue sino russe reprend."},
        {"title": "Autre", "body": "Une délégation russe en visite."},
    ])
    assert set(ids(searcher.search("sino-russe"))) == {"a1", "a2"}


@pytest.mark.parametrize("text", ["Ukraine\ud800", "\udfff", "\ud83d guerre"])
def test_lone_surrogates_are_harmless(demo, text):
    assert demo.search(text)["total"] >= 0
    assert demo.article(text) is None and demo.related(text) == []
