"""Transliterated names, "did you mean", filters, facets and paging."""

from datetime import date

import pytest

from search import MAX_RESULT_WINDOW, InvalidParameter

from .conftest import ids


@pytest.mark.parametrize("query, spellings", [
    ("Shoigu", {"Choïgu", "Shoigu", "Choïgou"}),
    ("Choïgu", {"Choïgu", "Shoigu", "Choïgou"}),
    ("Zelensky", {"Zelensky", "Zelenski", "Zelenskyy"}),
    ("Prigozhin", {"Prigojine", "Prigozhin"}),
    ("Navalni", {"Navalny", "Navalni"}),
])
def test_a_name_finds_its_other_spellings(demo, query, spellings):
    page = demo.search(query, per_page=20)
    found = set()
    for hit in page["hits"]:
        article = demo.article(hit["id"])
        found.update(s for s in spellings if s in article["title"] + article["body"])
    assert found == spellings


def test_exact_spelling_ranks_above_other_spellings(make_searcher):
    searcher = make_searcher([
        {"title": "Visite à Moscou", "body": "Le ministre Sergueï Choïgu a reçu la délégation."},
        {"title": "Visite à Moscou", "body": "Le ministre Sergueï Shoigu a reçu la délégation."},
    ])
    assert ids(searcher.search("Shoigu")) == ["a2", "a1"]
    assert ids(searcher.search("Choigu")) == ["a1", "a2"]


def test_frequent_words_are_not_matched_by_spelling_key(make_searcher):
    # "chaton" and the name "Shaton" share a spelling key; in an archive where "chaton" is
    # a common word, the key is not used for it, so Shaton's article does not flood the results.
    common = [{"title": f"Adoption {n}", "body": "Un chaton à adopter."} for n in range(60)]
    searcher = make_searcher(common + [{"title": "Portrait", "body": "Monsieur Shaton parle."}])
    assert "a61" not in ids(searcher.search("chaton", per_page=100))
    rare = make_searcher(common[:3] + [{"title": "Portrait", "body": "Monsieur Shaton parle."}])
    assert ids(rare.search("chaton"))[-1] == "a4"  # a rare word does use it, ranked last


def test_a_key_shared_mostly_with_other_words_is_not_used(make_searcher):
    # "cure" and "Cour" share the key "cur": with "cure" in 25 articles and "Cour" in 60,
    # the key would mostly bring articles about the Cour, so it is left out.
    cure = [{"title": f"Thermes {n}", "body": "Une cure thermale."} for n in range(25)]
    cour = [{"title": f"Justice {n}", "body": "La Cour a jugé."} for n in range(60)]
    searcher = make_searcher(cure + cour)
    assert searcher.search("cure", per_page=100)["total"] == 25


@pytest.mark.parametrize("typed, corrected", [("Rusie", "Russie"), ("Zelenksy", "Zelensky"),
                                              ("electrcité", "électricité")])
def test_did_you_mean(demo, typed, corrected):
    suggestion = demo.search(typed)["suggestion"]
    assert suggestion["query"] == corrected
    assert suggestion["html"] == f"<em>{corrected}</em>"


def test_no_suggestion_for_a_word_that_finds_plenty(demo):
    assert demo.search("Ukraine")["suggestion"] is None


def test_suggestion_keeps_the_other_words(demo):
    suggestion = demo.search("Rusie Pékin")["suggestion"]
    assert suggestion["query"] == "Russie Pékin"
    assert suggestion["html"] == "<em>Russie</em> Pékin"


ARCHIVE = [
    {"title": "Vendanges 2019", "body": "Récolte de raisin.", "date": "2019-09-10", "source": "A"},
    {"title": "Vendanges 2020", "body": "Récolte de raisin.", "date": "2020-09-10", "source": "B"},
    {"title": "Vendanges 2021", "body": "Récolte de raisin.", "date": "2021-09-10", "source": "A"},
    {"title": "Vendanges 2021 bis", "body": "Récolte de raisin.", "date": "2021-09-30",
     "source": "C"},
    {"title": "Vendanges sans date", "body": "Récolte de raisin.", "source": "B"},
]


@pytest.fixture
def archive(make_searcher):
    return make_searcher(ARCHIVE)


def test_date_range_is_inclusive(archive):
    page = archive.search("raisin", date_from=date(2020, 9, 10), date_to=date(2021, 9, 10))
    assert set(ids(page)) == {"a2", "a3"}


def test_sources_filter(archive):
    assert set(ids(archive.search("raisin", sources=["A", "C"]))) == {"a1", "a3", "a4"}
    assert set(ids(archive.search("raisin", sources=["B"]))) == {"a2", "a5"}


def test_facets_count_the_whole_result_set_and_honour_filters(archive):
    page = archive.search("raisin", per_page=1)
    assert page["facets"]["source"] == [{"value": "A", "count": 2}, {"value": "B", "count": 2},
                                        {"value": "C", "count": 1}]
    assert page["facets"]["year"] == [{"value": "2021", "count": 2},
                                      {"value": "2020", "count": 1},
                                      {"value": "2019", "count": 1},
                                      {"value": None, "count": 1}]
    filtered = archive.search("raisin", sources=["A"])
    assert filtered["total"] == 2
    # Disjunctive: the source facet is counted without its own selection, the year facet with it.
    assert filtered["facets"]["source"] == page["facets"]["source"]
    assert filtered["facets"]["year"] == [{"value": "2021", "count": 1},
                                          {"value": "2019", "count": 1}]


def test_several_sources_and_several_years_at_once(archive):
    both = archive.search("raisin", sources=["A", "B"], years=["2019", "2020"])
    assert set(ids(both)) == {"a1", "a2"} and both["total"] == 2
    # Each facet counts with the other facet's selection only.
    assert both["facets"]["source"] == [{"value": "A", "count": 1}, {"value": "B", "count": 1}]
    assert both["facets"]["year"] == [{"value": "2021", "count": 1}, {"value": "2020", "count": 1},
                                      {"value": "2019", "count": 1}, {"value": None, "count": 1}]
    assert set(ids(archive.search("raisin", years=[2021]))) == {"a3", "a4"}


@pytest.mark.parametrize("years", [["21"], ["deux mille"], ["2021", "20210"]])
def test_years_must_be_four_digits(archive, years):
    with pytest.raises(InvalidParameter):
        archive.search("raisin", years=years)


def test_facets_add_up_to_the_total_with_undated_and_unsourced_buckets(make_searcher):
    archive = make_searcher(ARCHIVE + [{"title": "Vendanges anonymes", "body": "Récolte de raisin.",
                                         "source": ""}])
    page = archive.search("raisin")
    assert page["total"] == 6
    assert page["facets"]["source"][-1] == {"value": None, "count": 1}
    assert page["facets"]["year"][-1] == {"value": None, "count": 2}
    for name in ("source", "year"):
        assert sum(item["count"] for item in page["facets"][name]) == page["total"]


def test_paging(archive):
    first, second = archive.search("raisin", per_page=2), archive.search("raisin", page=2, per_page=2)
    third = archive.search("raisin", page=3, per_page=2)
    assert first["total"] == 5 and first["pages"] == 3
    assert len(set(ids(first) + ids(second) + ids(third))) == 5
    assert archive.search("raisin", page=9, per_page=2)["hits"] == []


def test_deep_paging_is_capped_with_an_explanation(archive):
    last = MAX_RESULT_WINDOW // 100
    assert archive.search("raisin", page=last, per_page=100)["hits"] == []
    with pytest.raises(InvalidParameter) as error:
        archive.search("raisin", page=last + 1, per_page=100)
    assert error.value.param == "page" and "10\u202f000 premiers" in str(error.value)
