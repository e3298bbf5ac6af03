"""Version groups carried by the index: built in full, kept right by incremental reindexes."""

import pytest

from index.group_table import read_table
from index.reindex import reindex
from index.store import current_generation, open_index
from tests.index.test_versions import BRIEFS, FOOTER
from tests.index.version_corpus import FILE_NAME, UPDATE_RECORD, records
from tests.support import write_jsonl


def groups_of(root):
    """{group id: [member ids, first-published first]} of the index version in use."""
    ix = open_index(root)
    return read_table(current_generation(root), ix.latest_generation()).members


@pytest.fixture
def archive(tmp_path):
    return write_jsonl(tmp_path / FILE_NAME, records())


def test_a_full_build_groups_a_dispatch_republished_under_other_titles(archive, tmp_path):
    reindex([archive], tmp_path / "index")
    # AFP and Le Point the same day: the source name decides; La Libre a day later.
    assert groups_of(tmp_path / "index") == {"afp": ["afp", "point", "libre"]}


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_worker_processes_give_the_groups_one_process_gives(archive, tmp_path, jobs,
                                                                 monkeypatch):
    monkeypatch.setattr("index.reindex.PARALLEL_MIN_BYTES", 0)
    reindex([archive], tmp_path / "index", jobs=jobs)
    assert groups_of(tmp_path / "index") == {"afp": ["afp", "point", "libre"]}


def test_an_added_update_joins_the_group_and_becomes_its_first_version(archive, tmp_path):
    reindex([archive], tmp_path / "index")
    write_jsonl(archive, records() + [UPDATE_RECORD])
    reindex([archive], tmp_path / "index")
    assert groups_of(tmp_path / "index") == {"afp-maj": ["afp-maj", "afp", "point", "libre"]}


def test_a_deleted_first_version_leaves_and_the_group_elects_another(archive, tmp_path):
    reindex([archive], tmp_path / "index")
    write_jsonl(archive, [record for record in records() if record["id"] != "afp"])
    summary = reindex([archive], tmp_path / "index")
    assert summary.deleted == 1
    assert groups_of(tmp_path / "index") == {"point": ["point", "libre"]}


def test_a_version_rewritten_into_another_text_leaves_its_group(archive, tmp_path):
    reindex([archive], tmp_path / "index")
    changed = records()
    changed[1]["body"] = changed[4]["body"]  # Le Point now carries the Rennes story
    write_jsonl(archive, changed)
    reindex([archive], tmp_path / "index")
    # Same day: "Le Point" comes before "Ouest".
    assert groups_of(tmp_path / "index") == {"afp": ["afp", "libre"],
                                             "point": ["point", "rennes"]}


def test_a_last_copy_deleted_leaves_no_group_of_one(archive, tmp_path):
    reindex([archive], tmp_path / "index")
    write_jsonl(archive, [record for record in records() if record["id"] in ("afp", "desk")])
    reindex([archive], tmp_path / "index")
    assert groups_of(tmp_path / "index") == {}


def test_incremental_reindexes_give_the_groups_of_a_full_rebuild(archive, tmp_path):
    reindex([archive], tmp_path / "index")
    steps = [records() + [UPDATE_RECORD],
             [record for record in records() + [UPDATE_RECORD] if record["id"] != "point"],
             records()[2:] + [UPDATE_RECORD]]
    for step in steps:
        write_jsonl(archive, step)
        reindex([archive], tmp_path / "index")
        incremental = groups_of(tmp_path / "index")
        reindex([archive], tmp_path / "full", full=True)
        assert incremental == groups_of(tmp_path / "full")


def briefs_with_footer(count):
    return [{"id": f"b{n}", "title": f"Brève {n}", "body": f"{brief}\n{FOOTER}",
             "date": "2020-01-01", "source": "Site"} for n, brief in enumerate(BRIEFS[:count])]


def test_briefs_sharing_only_a_standard_footer_stay_apart(tmp_path):
    archive = write_jsonl(tmp_path / FILE_NAME, briefs_with_footer(12) + records())
    reindex([archive], tmp_path / "index")
    assert groups_of(tmp_path / "index") == {"afp": ["afp", "point", "libre"]}


def test_a_footer_becoming_standard_in_an_incremental_reindex_splits_what_it_joined(tmp_path):
    # Below the count that makes a paragraph the site's, the footer is most of each brief.
    archive = write_jsonl(tmp_path / FILE_NAME, briefs_with_footer(9))
    reindex([archive], tmp_path / "index")
    assert [len(group) for group in groups_of(tmp_path / "index").values()] == [9]
    write_jsonl(archive, briefs_with_footer(10))
    reindex([archive], tmp_path / "index")
    assert groups_of(tmp_path / "index") == {}
    reindex([archive], tmp_path / "full", full=True)
    assert groups_of(tmp_path / "full") == {}
    write_jsonl(archive, briefs_with_footer(11))
    reindex([archive], tmp_path / "index")  # reuses what the previous reindex worked out
    assert groups_of(tmp_path / "index") == {}


def test_a_reindex_that_changes_nothing_keeps_the_groups(archive, tmp_path):
    reindex([archive], tmp_path / "index")
    before = groups_of(tmp_path / "index")
    reindex([archive], tmp_path / "index")
    assert groups_of(tmp_path / "index") == before
