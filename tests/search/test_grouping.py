"""The group stage: one result per text, counted both ways, every version on demand."""

import pytest

from index.reindex import reindex
from search import InvalidParameter, Searcher
from tests.index.version_corpus import FILE_NAME, UPDATE_RECORD, records
from tests.search.conftest import SEARCH_BACKENDS
from tests.support import write_jsonl


@pytest.fixture(params=SEARCH_BACKENDS)
def archive(request, tmp_path):
    """(searcher, reindex) over the versions corpus on each backend; ``reindex(records)``
    brings the same index in line with ``records``, incrementally, as `chronique reindex` does."""
    path = tmp_path / FILE_NAME
    if request.param == "whoosh":
        def index(found):
            write_jsonl(path, found)
            reindex([path], tmp_path / "index")

        index(records())
        searcher = Searcher(tmp_path / "index")
    else:
        from index.opensearch_reindex import reindex_opensearch
        from search.backends.opensearch.backend import OpenSearchBackend
        from tests.opensearch.fixtures import alias_for, drop_alias

        client = request.getfixturevalue("opensearch")
        alias = alias_for(request)
        request.addfinalizer(lambda: drop_alias(client, alias))

        def index(found):
            write_jsonl(path, found)
            reindex_opensearch([path], client, alias)

        index(records())
        searcher = Searcher(tmp_path / "unused", backend=OpenSearchBackend(client, alias))
    yield searcher, index
    searcher.close()


@pytest.fixture
def searcher(archive):
    return archive[0]


def ids(page):
    return [hit["id"] for hit in page["hits"]]


def test_a_dispatch_in_three_sources_is_one_hit_and_counted_both_ways(searcher):
    page = searcher.search("Beyrouth démission")
    assert page["articles"] == 4 and page["texts"] == 2 and page["total"] == 2
    grouped = [hit for hit in page["hits"] if hit["group"]["size"] > 1]
    assert len(grouped) == 1 and "desk" in ids(page)
    group = grouped[0]["group"]
    assert group["id"] == "afp" and group["size"] == 3
    assert group["first"] == {"id": "afp", "source": "AFP", "date": "2020-08-10"}
    assert {other["id"] for other in group["others"]} == {"afp", "point", "libre"} - {grouped[0]["id"]}


def test_every_version_on_demand(searcher):
    page = searcher.search("Beyrouth démission", versions="all")
    assert page["total"] == 4 and page["versions"] == "all"
    assert sorted(ids(page)) == ["afp", "desk", "libre", "point"]


def test_paging_is_by_text(searcher):
    first = searcher.search("Beyrouth démission", per_page=1)
    second = searcher.search("Beyrouth démission", per_page=1, page=2)
    assert first["pages"] == 2 and len(ids(first) + ids(second)) == 2
    assert {hit["group"]["id"] for hit in first["hits"] + second["hits"]} == {"afp", "desk"}


def test_a_source_filter_shows_that_sources_version(searcher):
    page = searcher.search("Beyrouth", sources=["La Libre"])
    assert ids(page) == ["libre"]


def test_the_newest_version_stands_for_its_text_in_a_newest_first_search(searcher):
    assert ids(searcher.search("Beyrouth", sort="newest"))[0] == "libre"


def test_an_alone_article_has_a_group_of_one(searcher):
    hit = searcher.search("Rennes écoles")["hits"][0]
    assert hit["group"] == {"id": "rennes", "size": 1, "first": None, "others": []}


def test_versions_lists_the_group_first_published_first_with_what_they_share(searcher):
    found = searcher.versions("libre")
    assert found["group"] == "afp"
    assert [v["id"] for v in found["versions"]] == ["afp", "point", "libre"]
    assert [v["first"] for v in found["versions"]] == [True, False, False]
    by_id = {v["id"]: v for v in found["versions"]}
    assert by_id["libre"]["shared"] == 1.0 and by_id["afp"]["shared"] >= 0.9
    assert "<del>" in by_id["afp"]["title_diff_html"] and "<ins>" in by_id["afp"]["title_diff_html"]
    assert searcher.versions("rennes")["versions"] == []
    assert searcher.versions("nope") is None


def test_related_articles_never_list_a_version_of_the_article_itself(searcher):
    related = {item["id"] for item in searcher.related("afp", limit=10)}
    assert not related & {"point", "libre"}


def test_the_feed_gives_one_entry_per_text(searcher):
    assert len(searcher.newest("Beyrouth")) == 2


def test_export_rows_carry_the_group(searcher):
    _, rows = searcher.export("Beyrouth")
    groups = {row["id"]: row["group_id"] for row in rows}
    assert groups["point"] == groups["libre"] == "afp" and groups["desk"] is None


def test_a_reindex_adding_an_update_is_seen_by_a_running_searcher(archive):
    searcher, index = archive
    index(records() + [UPDATE_RECORD])
    hit = [h for h in searcher.search("Beyrouth démission")["hits"] if h["group"]["size"] > 1][0]
    assert hit["group"]["id"] == "afp-maj" and hit["group"]["size"] == 4


def test_an_unknown_versions_value_names_the_parameter(searcher):
    with pytest.raises(InvalidParameter) as error:
        searcher.search("Beyrouth", versions="some")
    assert error.value.param == "versions" and "grouped ou all" in str(error.value)


def test_a_deleted_first_version_leaves_its_group_which_elects_another(archive):
    searcher, index = archive
    index([record for record in records() if record["id"] != "afp"])
    found = searcher.versions("libre")
    assert found["group"] == "point"
    assert [version["id"] for version in found["versions"]] == ["point", "libre"]


def test_a_version_rewritten_into_another_text_leaves_its_group(archive):
    searcher, index = archive
    changed = [dict(record, body=record["body"] if record["id"] != "point" else
                    next(r["body"] for r in records() if r["id"] == "rennes") + " Autre texte.")
               for record in records()]
    index(changed)
    assert [version["id"] for version in searcher.versions("afp")["versions"]] == ["afp", "libre"]
