"""Whatever is typed, the search API answers with a page of the documented shape: right-to-left
text, combining marks, emoji, NUL, lone surrogates, operators in any order, very long input."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from search import InvalidParameter, Searcher
from search.query_parser import parse

PAGE_KEYS = {"query", "total", "page", "per_page", "pages", "sort", "took_ms", "hits", "facets",
             "suggestion", "notice", "cursor", "articles", "texts", "versions"}
HIT_KEYS = {"id", "title", "title_html", "url", "source", "date", "score", "snippet_html",
            "group"}

#: Pieces people (and attackers) type: operators, scopes, quotes, scripts and odd code points.
FRAGMENTS = st.sampled_from([
    "fromage", "Fromage", "FROMAGE", "fromages", "fromâge", "l’élection", "l'election", "conseil",
    '"', '"fromage', "(", ")", "((", "OR", "OU", "AND", "ET", "NOT", "SAUF", "-", "--", "*", "**",
    "fro*", "titre:", "title:", "source:", "date:", "date:2022", "date:2022-02..2022-03",
    "date:..", "date:9999-99", "source:\"Le Courrier\"", "titre:(", "-(", "\"\"",
    "NEAR/3", "PRES/x", "NEAR/0", "NEAR/", "~2", "\"fromage conseil\"~3", "\"\"~", "NEAR/99999999999",
    "مرحبا", "שלום", "\u202e", "\u200f", "\u200b", "e\u0301", "\u0301\u0301\u0301", "🧀", "👩‍👩‍👧",
    "\x00", "\x07", "\x1b[31m", "\ufeff", "\uffff", "\U0010ffff",
    "<script>", "</mark>", "&amp;", "%00", "\\", "'", "’", "«", "»", "\t", "\n", " ",
])
ANY_CHARACTER = st.characters(blacklist_categories=("Cs",))  # lone surrogates: tested apart
QUERIES = st.one_of(
    st.lists(FRAGMENTS, max_size=12).map(" ".join),
    st.lists(FRAGMENTS, max_size=12).map("".join),
    st.text(ANY_CHARACTER, max_size=80),
    st.lists(st.one_of(FRAGMENTS, st.text(ANY_CHARACTER, max_size=8)), max_size=10).map(" ".join),
)
#: Lone surrogates, as a JSON client sends them escaped ("\ud800"), inside ordinary queries.
SURROGATE_QUERIES = st.lists(st.one_of(FRAGMENTS, st.sampled_from(["\ud800", "\udfff", "\ud83d"]),
                                       st.text(st.characters(), max_size=6)),
                             min_size=1, max_size=8).map("".join)
DATES = st.none() | st.dates(min_value=date(1700, 1, 1), max_value=date(2200, 12, 31))
fuzz = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def searcher(hostile_index):
    opened = Searcher(hostile_index)
    yield opened
    opened.close()


def assert_documented_page(page, per_page=10):
    assert set(page) == PAGE_KEYS
    assert isinstance(page["total"], int) and page["total"] >= 0
    assert len(page["hits"]) <= per_page
    for hit in page["hits"]:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["title_html"], str) and isinstance(hit["snippet_html"], str)
    assert set(page["facets"]) == {"source", "year"}
    assert page["suggestion"] is None or isinstance(page["suggestion"], dict)
    assert page["notice"] is None or isinstance(page["notice"], str)


@fuzz
@given(query=QUERIES)
def test_the_query_parser_never_raises(query):
    parse(query)


@fuzz
@given(query=QUERIES)
def test_any_query_gives_a_page_of_the_documented_shape(searcher, query):
    assert_documented_page(searcher.search(query))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=QUERIES, page=st.integers(1, 5), per_page=st.integers(1, 100),
       sort=st.sampled_from(["relevance", "newest", "oldest"]), date_from=DATES, date_to=DATES,
       sources=st.lists(st.one_of(st.sampled_from(["Le Courrier", "La Gazette"]),
                                  st.text(ANY_CHARACTER, max_size=12)), max_size=3))
def test_any_query_with_any_valid_options_gives_a_page(searcher, query, page, per_page, sort,
                                                       date_from, date_to, sources):
    try:
        result = searcher.search(query, page=page, per_page=per_page, sort=sort,
                                 date_from=date_from, date_to=date_to, sources=tuple(sources))
    except InvalidParameter as error:  # e.g. a date range that ends before it starts
        assert error.param in {"date_from", "date_to", "sources", "page"}
        return
    assert_documented_page(result, per_page)


@pytest.mark.parametrize("query", [
    "fromage " * 20_000, "(" * 50_000, '"' * 50_000, "fromage OR " * 5_000, "-" * 100_000,
    "\u0301" * 100_000, "🧀" * 50_000, "a" * 200_000, "fro* " * 5_000,
], ids=["words", "parentheses", "quotes", "or-chain", "dashes", "combining", "emoji",
        "one-long-word", "prefixes"])
def test_very_long_queries_give_a_page(searcher, query):
    assert_documented_page(searcher.search(query))


@fuzz
@given(text=QUERIES)
def test_articles_related_and_completions_never_raise_on_any_input(searcher, text):
    assert searcher.article(text) is None or text.startswith("xss-") or text.startswith("r")
    searcher.article_html("xss-title", query=text)
    searcher.related(text)
    searcher.completions(text)


@fuzz
@given(query=SURROGATE_QUERIES)
def test_queries_with_lone_surrogates_give_a_page_without_warnings(searcher, query):
    assert_documented_page(searcher.search(query))


@pytest.mark.parametrize("article_id", ["\ud800", "xss-title\udfff", "\ud83d"])
def test_an_article_id_with_a_lone_surrogate_finds_nothing(searcher, article_id):
    assert searcher.article(article_id) is None
    assert searcher.related(article_id) == []
