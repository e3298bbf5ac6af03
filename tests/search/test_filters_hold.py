"""Filters are constraints in every mode: a date, source or title filter typed in the query,
an exclusion, and the form's date range and sources hold in the search for every word, in
the fallback to "most of the words", in totals, pages, facets, the feed and "did you mean"."""

from datetime import date

import pytest

from index.analysis import fold

FALLBACK = "Aucun article ne contient tous les mots"

ARTICLES = [
    {"title": "Le col du Tourmalet", "body": "Les cyclistes montent le Tourmalet sous le soleil.",
     "date": "2019-07-21", "source": "Radio Horizon"},
    {"title": "Tourmalet enneigé", "body": "La neige ferme le col aux cyclistes.",
     "date": "2024-01-10", "source": "Le Figaro"},
    {"title": "Randonnée dans les Pyrénées", "body": "Le sentier mène au Tourmalet.",
     "date": "2024-06-01", "source": "Le Courrier"},
    {"title": "Vélo en ville", "body": "Les cyclistes réclament des pistes.",
     "date": "2020-05-05", "source": "Le Courrier"},
    {"title": "Tourmalet, la légende", "body": "Le col et ses cyclistes, sans date connue."},
    {"title": "Le Tourmalet en hiver", "body": "Des skieurs sur le Tourmalet.",
     "date": "2024-02-02", "source": "Radio Horizon"},
    {"title": "Étape du Tour", "body": "Le Tourmalet, juge de paix des cyclistes.",
     "date": "2024-07-14", "source": "Le Figaro"},
    {"title": "Cyclistes du dimanche", "body": "Le Tourmalet attire les cyclistes amateurs.",
     "date": "2020-08-30", "source": "Le Figaro"},
    {"title": "Neige en montagne", "body": "Le Tourmalet fermé par la neige.",
     "date": "2020-12-12", "source": "Le Courrier"},
]


def in_year(year):
    return lambda hit, article: (hit["date"] or "").startswith(year)


def between(first, last):
    return lambda hit, article: hit["date"] is not None and first <= hit["date"] <= last


def from_source(name):
    return lambda hit, article: hit["source"] == name


def without(word):
    return lambda hit, article: word not in fold(article["title"] + " " + article["body"])


def titled(word):
    return lambda hit, article: word in fold(hit["title"])


# (query, form filters, what every hit must satisfy); each query is tried with words that
# some articles all have (the search for every word) and with a word none has (the fallback).
FORMS = [
    ("{words} date:2024", {}, in_year("2024")),
    ("date:2024-06 {words}", {}, between("2024-06-01", "2024-06-30")),
    ("{words} date:..2020", {}, between("0001-01-01", "2020-12-31")),
    ("{words} date:2020..", {}, between("2020-01-01", "9999-12-31")),
    ("{words} date:2019..2020", {}, between("2019-01-01", "2020-12-31")),
    ("{words} source:figaro", {}, from_source("Le Figaro")),
    ("source:(radio horizon) {words}", {}, from_source("Radio Horizon")),
    ("titre:tourmalet {words}", {}, titled("tourmalet")),
    ("{words} -neige", {}, without("neige")),
    ("{words} SAUF neige", {}, without("neige")),
    ("{words} NOT neige", {}, without("neige")),
    ("{words}", {"date_from": date(2024, 1, 1), "date_to": date(2024, 12, 31)}, in_year("2024")),
    ("{words}", {"sources": ["Le Courrier"]}, from_source("Le Courrier")),
    ("{words} date:2020", {"sources": ["Le Figaro"]},
     lambda hit, article: in_year("2020")(hit, article) and from_source("Le Figaro")(hit, article)),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    from index.reindex import reindex
    from search import Searcher

    from .conftest import write_articles

    folder = tmp_path_factory.mktemp("filters")
    reindex([write_articles(folder / "articles", ARTICLES)], folder / "index")
    opened = Searcher(folder / "index")
    yield opened
    opened.close()


def every_hit(searcher, query, filters):
    """Every hit of every page, two per page, and the first page."""
    first = searcher.search(query, per_page=2, **filters)
    hits = list(first["hits"])
    for number in range(2, first["pages"] + 1):
        hits += searcher.search(query, page=number, per_page=2, **filters)["hits"]
    return first, hits


@pytest.mark.parametrize("words, fallback", [("tourmalet cyclistes", False),
                                             ("tourmalet pistache", True)])
@pytest.mark.parametrize("form, filters, holds", FORMS)
def test_every_hit_of_every_page_satisfies_the_filter(searcher, form, filters, holds, words,
                                                      fallback):
    query = form.format(words=words)
    first, hits = every_hit(searcher, query, filters)
    assert hits, query
    if fallback:  # no article has "pistache": only the fallback finds anything
        assert FALLBACK in first["notice"]
    for hit in hits:
        assert holds(hit, searcher.article(hit["id"])), (query, hit["title"], hit["date"])
    # Totals, pages and facets count the same articles as the pages show.
    assert first["total"] == len(hits) == len({hit["id"] for hit in hits})
    # (A selected source leaves the source facet counting the other sources too.)
    assert sum(item["count"] for item in first["facets"]["year"]) == len(hits)
    if not filters.get("sources"):
        assert sum(item["count"] for item in first["facets"]["source"]) == len(hits)


@pytest.mark.parametrize("form, filters, holds", [f for f in FORMS if not f[1]])
def test_the_feed_keeps_the_filter(searcher, form, filters, holds):
    query = form.format(words="tourmalet pistache")
    entries = searcher.newest(query)
    assert entries
    assert all(holds(hit, searcher.article(hit["id"])) for hit in entries)


def test_a_filter_is_never_an_optional_word(searcher):
    # One word and a filter: no article has both, so none is shown, not the word's others.
    assert searcher.search("skieurs date:2019")["total"] == 0
    assert searcher.search("skieurs source:figaro")["total"] == 0
    assert searcher.search("titre:pyrénées cyclistes")["total"] == 0


def test_did_you_mean_counts_with_the_filters(searcher):
    # « Tourmalt » is corrected to Tourmalet only where Tourmalet is, within the filters.
    assert searcher.search("tourmalt date:2024")["suggestion"]["query"] == "tourmalet date:2024"
    assert searcher.search("tourmalt date:2018")["suggestion"] is None
    assert searcher.search("tourmalt", sources=["Nulle Part"])["suggestion"] is None


def test_tourmalet_in_2024_on_the_demo_shows_no_other_year(demo):
    page = demo.search("tourmalet date:2024", per_page=50)
    assert all(hit["date"].startswith("2024") for hit in page["hits"])
    assert demo.search("tourmalet")["total"] > 0  # the word alone does find articles
