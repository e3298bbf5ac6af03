"""What every search backend promises the pipeline (search/backends/base.py), checked on each
backend over the same small archive: a second backend joins ``BACKENDS`` and passes these."""

from datetime import date, datetime

import pytest

from index.reindex import reindex
from search.backends.base import Backend, Filters, Snapshot
from search.backends.whoosh.backend import WhooshBackend
from search.query_parser import parse
from search.ranking import Ranking

from .conftest import write_articles

ARTICLES = [
    {"id": "kyiv-1", "title": "Kyiv sous les sirènes", "body": "Les sirènes de Kyiv et la guerre.",
     "date": "2022-02-24", "source": "Le Courrier"},
    {"id": "kyiv-2", "title": "Guerre en Ukraine", "body": "La guerre dure à Kyiv.",
     "date": "2023-03-01", "source": "La Gazette"},
    {"id": "pétrole", "title": "Le pétrole monte", "body": "Le prix du pétrole et la guerre.",
     "date": "2023-05-04", "source": "Le Courrier"},
    {"id": "sans-date", "title": "Une guerre sans date", "body": "La guerre, quelque part.",
     "source": "La Gazette"},
]

def whoosh_backend(request, archive, tmp_path):
    reindex([archive], tmp_path / "index")
    return WhooshBackend(tmp_path / "index")


def opensearch_backend(request, archive, tmp_path):
    """The archive indexed on the session's cluster, under an alias of this test's own."""
    from index.opensearch_reindex import reindex_opensearch
    from search.backends.opensearch.backend import OpenSearchBackend
    from tests.opensearch.fixtures import alias_for, drop_alias

    client, alias = request.getfixturevalue("opensearch"), alias_for(request)
    drop_alias(client, alias)
    request.addfinalizer(lambda: drop_alias(client, alias))
    reindex_opensearch([archive], client, alias, full=True)
    return OpenSearchBackend(client, alias)


#: name → a function opening a backend over an index of the archive (request, archive path,
#: tmp_path).
BACKENDS = {"whoosh": whoosh_backend, "opensearch": opensearch_backend}


@pytest.fixture(params=sorted(BACKENDS))
def snapshot(request, tmp_path):
    archive = write_articles(tmp_path / "articles", ARTICLES)
    backend = BACKENDS[request.param](request, archive, tmp_path)
    assert isinstance(backend, Backend)
    opened = backend.snapshot()
    assert isinstance(opened, Snapshot)
    yield opened
    backend.close()


def match(snapshot, query, filters=Filters(), ranking=Ranking(), **options):
    return snapshot.match(parse(query).tree, filters, ranking, **options)


def ids(snapshot, pairs):
    return [snapshot.fetch(handle)["id"] for _, handle in pairs]


def test_every_match_is_found_and_counted(snapshot):
    found = match(snapshot, "guerre")
    assert sorted(ids(snapshot, found.found)) == ["kyiv-1", "kyiv-2", "pétrole", "sans-date"]
    assert snapshot.count(parse("guerre").tree, Filters(), Ranking()) == 4
    assert found.searchable and found.marks.terms


def test_filters_narrow_and_facets_count_without_their_own_selection(snapshot):
    filters = Filters(sources=frozenset({"Le Courrier"}))
    found = match(snapshot, "guerre", filters)
    assert sorted(ids(snapshot, found.found)) == ["kyiv-1", "pétrole"]
    facets = snapshot.facets(found, filters)
    assert facets["source"] == [{"value": "La Gazette", "count": 2},
                                {"value": "Le Courrier", "count": 2}]
    assert facets["year"] == [{"value": "2023", "count": 1}, {"value": "2022", "count": 1}]
    dated = Filters(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
    assert sorted(ids(snapshot, match(snapshot, "guerre", dated).found)) == ["kyiv-2", "pétrole"]


def test_orders_put_undated_articles_last(snapshot):
    found = match(snapshot, "guerre")
    assert ids(snapshot, snapshot.order(found, 4, "newest")) == [
        "pétrole", "kyiv-2", "kyiv-1", "sans-date"]
    assert ids(snapshot, snapshot.order(found, 4, "oldest")) == [
        "kyiv-1", "kyiv-2", "pétrole", "sans-date"]
    best = snapshot.order(found, 2, "relevance")
    assert len(best) == 2 and best[0][0] >= best[1][0]


def test_stored_fields_and_lookup_by_exact_id(snapshot):
    handle = snapshot.find("pétrole")
    stored = snapshot.fetch(handle)
    assert (stored["title"], stored["source"]) == ("Le pétrole monte", "Le Courrier")
    assert stored["date"] == datetime(2023, 5, 4)
    assert snapshot.day(handle) == date(2023, 5, 4).toordinal()
    assert snapshot.day(snapshot.find("sans-date")) == 0
    assert snapshot.find("petrole") is None


def test_a_query_with_nothing_to_search_says_so(snapshot):
    found = match(snapshot, "le la")
    assert not found.searchable and found.found == [] and found.notices


def test_a_loose_match_finds_articles_with_most_words(snapshot):
    strict = match(snapshot, "sirènes pétrole")
    assert strict.found == [] and strict.relaxable
    loose = match(snapshot, "sirènes pétrole", loose=True)
    assert sorted(ids(snapshot, loose.found)) == ["kyiv-1", "pétrole"]


def test_excluded_words_are_not_marked(snapshot):
    marks = snapshot.marks(parse("guerre -pétrole").tree, Ranking())
    assert marks.terms and not any(term.startswith("petrol") for term in marks.terms)


def test_the_archive_is_counted_by_day(snapshot):
    days = snapshot.archive_days()
    assert sum(days.values()) == 3 and days[date(2022, 2, 24).toordinal()] == 1
    assert sorted(snapshot.days(match(snapshot, "sirènes"))) == [date(2022, 2, 24).toordinal()]
