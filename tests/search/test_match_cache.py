"""Paging on reuses what the query matched: same pages, notices not repeated, bounded."""

from search.backends.base import Matches
from search.match_cache import MatchCache

from .conftest import ids

ARTICLES = [{"title": f"Budget de la ville {n}", "body": "Le conseil vote le budget."}
            for n in range(7)] + [{"title": "Canicule", "body": "Chaleur sur la ville."}]


def test_pages_of_one_query_are_those_of_one_long_page(make_searcher):
    searcher = make_searcher(ARTICLES)
    # Every version: the articles are one text under several titles.
    whole = searcher.search("budget", per_page=6, versions="all")
    first = searcher.search("budget", per_page=3, versions="all")
    second = searcher.search("budget", page=2, per_page=3, versions="all")
    assert first["total"] == second["total"] == whole["total"] == 7
    assert ids(first) + ids(second) == ids(whole)
    assert first["facets"] == second["facets"] == whole["facets"]


def test_a_notice_is_said_once_on_every_page(make_searcher):
    searcher = make_searcher(ARTICLES)
    notices = [searcher.search("budget canicule", page=page, per_page=1)["notice"]
               for page in (1, 2, 1)]
    assert notices[0] and notices.count(notices[0]) == 3
    assert notices[0].count("Aucun article ne contient tous les mots") == 1


def test_the_cache_keeps_at_most_its_budget_of_matches():
    cache = MatchCache(budget=100)
    for number in range(50):
        cache.put(number, (None, Matches([(1.0, n) for n in range(10)])), 10)
    assert cache.size <= 100 and len(cache.entries) == 10
    assert cache.get(0) is None and cache.get(49) is not None
    cache.put("huge", (None, Matches([])), 26)  # over a quarter of the budget: not kept
    assert cache.get("huge") is None
