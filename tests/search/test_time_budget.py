"""A search past its time budget returns what it found by then, and says so."""

from search import Searcher
from search.budget import NOTICE


def test_a_spent_budget_returns_a_partial_page_with_its_notice(demo):
    query = "ukraine OR pekin OR russie OR chine OR macron OR guerre"
    whole = demo.search(query)
    hurried = Searcher(demo.root, time_budget=1e-9)
    try:
        partial = hurried.search(query)
    finally:
        hurried.close()
    assert whole["notice"] is None or NOTICE not in whole["notice"]
    assert NOTICE in partial["notice"]
    assert 0 < partial["total"] < whole["total"]
    assert partial["hits"]


def test_a_later_search_has_a_budget_of_its_own(demo):
    hurried = Searcher(demo.root, time_budget=1e-9)
    try:
        hurried.search("ukraine OR pekin")
        # Timelines and articles are outside any search's budget.
        assert hurried.timeline("ukraine OR pekin")["total"] == \
            demo.timeline("ukraine OR pekin")["total"]
    finally:
        hurried.close()


def test_prefixes_are_bounded_across_the_whole_query(demo, monkeypatch):
    from search.backends.whoosh import query_builder

    monkeypatch.setattr(query_builder, "MAX_QUERY_PREFIX_TERMS", 2)
    page = demo.search("ukrain* OR pek* OR guer*")
    assert "trop de débuts de mots" in page["notice"]


def test_a_spent_budget_cuts_the_search_on_either_backend(make_any_searcher, monkeypatch):
    from search.backends.opensearch import backend

    # The cluster lists matches by pages; a spent budget keeps the first (2 here).
    monkeypatch.setattr(backend, "PAGE_SIZE", 2)
    articles = [{"title": f"Chronique {n}", "body": f"On parle de {word} ici, chronique {n}."}
                for n, word in enumerate(["ukraine", "ukraine", "pekin", "pekin", "russie",
                                          "russie"])]
    query = "ukraine OR pekin OR russie"
    assert make_any_searcher(articles).search(query)["total"] == 6
    partial = make_any_searcher(articles, time_budget=1e-9).search(query)
    assert NOTICE in partial["notice"]
    assert 0 < partial["total"] < 6 and partial["hits"]
