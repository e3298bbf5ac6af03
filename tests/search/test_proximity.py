"""NEAR/n, PRES/n and "phrase"~n find exactly the articles whose words are close enough, in the
text's own distance (stop words count as words)."""

import pytest

from .conftest import ids

FILLERS = ["le", "gouvernement", "de", "cette", "semaine", "a", "longuement", "parlé", "du", "dossier"]


def between(count):
    """``count`` words, stop words among them."""
    return " ".join(FILLERS[:count])


@pytest.fixture
def distances(make_any_searcher):
    """Article dN has N words between « Macron » and « Brexit »; odd ones in the other order."""
    articles = []
    for n in range(0, 11):
        first, second = ("Macron", "Brexit") if n % 2 == 0 else ("Brexit", "Macron")
        articles.append({"id": f"d{n}", "title": f"Note {n}",
                         "body": f"Hier {first} {between(n)} {second} enfin."})
    articles.append({"id": "gj0", "title": "Samedi", "body": "Les gilets jaunes manifestent."})
    articles.append({"id": "gj1", "title": "Samedi", "body": "Les gilets restés jaunes hier."})
    articles.append({"id": "gj3", "title": "Samedi", "body": "Des gilets, le plus souvent jaunes."})
    articles.append({"id": "gj5", "title": "Samedi", "body": "Des gilets, il y en a de jaunes."})
    return make_any_searcher(articles)


@pytest.mark.parametrize("n", range(1, 11))
@pytest.mark.parametrize("operator", ["NEAR", "PRES"])
def test_near_finds_exactly_the_articles_close_enough(distances, operator, n):
    page = distances.search(f"macron {operator}/{n} brexit", per_page=100)
    assert sorted(ids(page)) == sorted(f"d{k}" for k in range(0, n + 1))
    assert page["notice"] is None


@pytest.mark.parametrize("n, expected", [(1, {"gj0", "gj1"}), (2, {"gj0", "gj1"}),
                                         (3, {"gj0", "gj1", "gj3"}), (4, {"gj0", "gj1", "gj3"}),
                                         (5, {"gj0", "gj1", "gj3", "gj5"})])
def test_phrase_with_slop_allows_that_many_words_among_its_words(distances, n, expected):
    page = distances.search(f'"gilets jaunes"~{n}', per_page=100)
    assert set(ids(page)) == expected


def test_near_combines_with_other_operators_and_filters(distances):
    page = distances.search("macron NEAR/3 brexit -semaine", per_page=100)
    assert sorted(ids(page)) == ["d0", "d1", "d2", "d3"]  # d4 has « semaine »: excluded anyway
    page = distances.search("(macron NEAR/1 brexit) OR manifestent", per_page=100)
    assert sorted(ids(page)) == ["d0", "d1", "gj0"]
    page = distances.search("titre:note macron NEAR/2 brexit", per_page=100)
    assert sorted(ids(page)) == ["d0", "d1", "d2"]


def test_snippets_mark_both_words(distances):
    page = distances.search("macron NEAR/2 brexit")
    for hit in page["hits"]:
        assert "<mark>Macron</mark>" in hit["snippet_html"]
        assert "<mark>Brexit</mark>" in hit["snippet_html"]


@pytest.mark.parametrize("query", ["macron NEAR/x brexit", "macron NEAR/0 brexit",
                                   "macron PRES/ brexit", '"gilets jaunes"~abc'])
def test_a_bad_distance_is_repaired_with_a_notice(distances, query):
    page = distances.search(query, per_page=100)
    assert "Distance" in page["notice"] and "5 est utilisé" in page["notice"]
    assert page["total"] > 0


def test_a_distance_too_large_is_capped(distances):
    page = distances.search("macron NEAR/5000 brexit", per_page=100)
    assert "50 mots au plus" in page["notice"]
    assert page["total"] == 11


def test_near_without_a_word_on_one_side_is_dropped(distances):
    page = distances.search("macron NEAR/3", per_page=100)
    assert "NEAR/3" in page["notice"]
    assert page["total"] == 11


def test_distance_counts_words_as_the_analyzer_does(make_any_searcher):
    searcher = make_any_searcher([
        {"id": "compound", "title": "Un", "body": "Macron, accord sino-russe, Brexit."},  # 3 words
        {"id": "elision", "title": "Deux", "body": "Macron l’a dit au Brexit."},  # a, dit, au
    ])
    assert ids(searcher.search("macron NEAR/2 brexit")) == []
    assert sorted(ids(searcher.search("macron NEAR/3 brexit"))) == ["compound", "elision"]
