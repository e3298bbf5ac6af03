"""Date and source filters, facets by source and by year, and their counts."""

from datetime import date

import pytest

from search import InvalidParameter

from .conftest import ids
from .vintages import ARCHIVE


@pytest.fixture
def archive(make_any_searcher):
    """The vintages archive, on each backend."""
    return make_any_searcher(ARCHIVE)


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


def test_facets_add_up_to_the_total_with_undated_and_unsourced_buckets(make_any_searcher):
    archive = make_any_searcher(ARCHIVE + [{"title": "Vendanges anonymes", "body": "Récolte de raisin.",
                                         "source": ""}])
    page = archive.search("raisin")
    assert page["total"] == 6
    assert page["facets"]["source"][-1] == {"value": None, "count": 1}
    assert page["facets"]["year"][-1] == {"value": None, "count": 2}
    for name in ("source", "year"):
        assert sum(item["count"] for item in page["facets"][name]) == page["total"]
