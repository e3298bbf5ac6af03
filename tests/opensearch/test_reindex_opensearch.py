"""`chronique reindex --backend opensearch` on the real cluster: incremental by content hash,
--full behind an alias swapped in one call, one writer at a time, a lost connection exits 2."""

import os
import socket

import pytest
from click.testing import CliRunner

from index.cli import reindex_command
from index.opensearch_groups import GROUPS_INDEX, read_groups
from index.opensearch_reindex import LOCK_INDEX, current_index
from tests.index.conftest import article
from tests.index.version_corpus import records as version_records
from tests.support import write_jsonl

from .fixtures import alias_for, drop_alias
from .proxy import CuttableRelay

pytestmark = pytest.mark.opensearch


@pytest.fixture
def alias(opensearch, request):
    name = alias_for(request)
    yield name
    drop_alias(opensearch, name)


def run(alias, urls, *args):
    env = {"CHRONIQUE_BACKEND": "opensearch", "CHRONIQUE_OPENSEARCH_URL": ",".join(urls),
           "CHRONIQUE_OPENSEARCH_INDEX": alias}
    return CliRunner().invoke(reindex_command, [str(a) for a in args], env=env)


def ids(opensearch, alias):
    opensearch.indices.refresh(index=alias)
    found = opensearch.search(index=alias, body={"query": {"match_all": {}}, "size": 1000,
                                                 "_source": False})
    return {hit["_id"] for hit in found["hits"]["hits"]}


def finds(opensearch, alias, words):
    """Ids of the articles a search for ``words`` (analysed as French) finds."""
    found = opensearch.search(index=alias, body={
        "query": {"match": {"content": {"query": words, "operator": "and"}}}, "size": 100})
    return {hit["_id"] for hit in found["hits"]["hits"]}


def test_incremental_runs_add_change_and_delete_only_what_changed(opensearch_cluster, opensearch, alias, tmp_path):
    archive = write_jsonl(tmp_path / "news.jsonl", [article(n) for n in range(20)])
    first = run(alias, opensearch_cluster.urls, archive)
    assert first.exit_code == 0, first.output
    assert "full rebuild" in first.output and "20 added" in first.output
    assert ids(opensearch, alias) == {f"a{n}" for n in range(20)}

    same = run(alias, opensearch_cluster.urls, archive)
    assert "0 added, 0 updated, 0 deleted, 20 unchanged" in same.output

    records = [article(n) for n in range(1, 20)]  # a0 is gone
    records[0] = article(1, body="Le Val-d’Oise vote pour la présidente sortante.")
    records.append(article(99))
    write_jsonl(archive, records)
    update = run(alias, opensearch_cluster.urls, archive)
    assert update.exit_code == 0, update.output
    assert "incremental update" in update.output
    assert "1 added, 1 updated, 1 deleted, 18 unchanged" in update.output
    assert "a0" not in ids(opensearch, alias) and "a99" in ids(opensearch, alias)
    # The changed text is searchable as French: accents, elision and gender aside.
    assert finds(opensearch, alias, "val d'oise president") == {"a1"}


def test_articles_are_found_through_the_french_analyzer_and_carry_their_name_keys(opensearch_cluster, opensearch, alias, tmp_path):
    archive = write_jsonl(tmp_path / "news.jsonl", [
        article(1, title="Sergueï Choïgu à Pékin", body="Les États-Unis observent l’électricité."),
        article(2, title="Shoigu reçu", body="La sécurité des centrales."),
    ])
    assert run(alias, opensearch_cluster.urls, archive).exit_code == 0
    assert finds(opensearch, alias, "etats unis electricite") == {"a1"}
    assert finds(opensearch, alias, "États-Unis") == {"a1"}
    names = opensearch.search(index=alias, body={"query": {"term": {"names": "choigu"}}})
    assert {hit["_id"] for hit in names["hits"]["hits"]} == {"a1", "a2"}


def test_full_rebuild_swaps_the_alias_to_a_new_index_and_drops_the_old(opensearch_cluster, opensearch, alias, tmp_path):
    archive = write_jsonl(tmp_path / "news.jsonl", [article(n) for n in range(10)])
    assert run(alias, opensearch_cluster.urls, archive).exit_code == 0
    before = current_index(opensearch, alias)
    result = run(alias, opensearch_cluster.urls, archive, "--full")
    assert result.exit_code == 0, result.output
    assert "full rebuild" in result.output and "10 added" in result.output
    after = current_index(opensearch, alias)
    assert after != before
    assert not opensearch.indices.exists(index=before)
    assert ids(opensearch, alias) == {f"a{n}" for n in range(10)}
    settings = opensearch.indices.get_settings(index=after)[after]["settings"]["index"]
    assert (settings["number_of_shards"], settings["number_of_replicas"]) == ("3", "1")
    # The new index's version groups were written with it; the old one's went with it.
    assert read_groups(opensearch, before) == (None, None)
    assert read_groups(opensearch, after)[0] is not None


def test_groups_missing_after_an_interrupted_run_are_written_by_the_next_one(opensearch_cluster, opensearch, alias, tmp_path):
    archive = write_jsonl(tmp_path / "liban.jsonl", version_records())
    assert run(alias, opensearch_cluster.urls, archive).exit_code == 0
    index = current_index(opensearch, alias)
    assert read_groups(opensearch, index)[0].members == {"afp": ["afp", "point", "libre"]}
    # As if a run had been killed after writing its articles, before their groups.
    opensearch.delete(index=GROUPS_INDEX, id=index, refresh=True)
    same = run(alias, opensearch_cluster.urls, archive)
    assert "0 added, 0 updated, 0 deleted, 5 unchanged" in same.output
    assert read_groups(opensearch, index)[0].members == {"afp": ["afp", "point", "libre"]}


def test_a_second_writer_is_refused_while_one_holds_the_lock(opensearch_cluster, opensearch, alias, tmp_path):
    archive = write_jsonl(tmp_path / "news.jsonl", [article(1)])
    holder = {"host": socket.gethostname(), "pid": os.getppid(), "since": "2026-01-01T00:00:00"}
    opensearch.index(index=LOCK_INDEX, id=alias, body=holder, refresh=True)
    result = run(alias, opensearch_cluster.urls, archive)
    assert result.exit_code == 2
    assert "another reindex" in result.output and "Traceback" not in result.output
    assert not opensearch.indices.exists_alias(name=alias)


def test_a_lock_left_by_a_dead_process_is_taken_over(opensearch_cluster, opensearch, alias, tmp_path):
    archive = write_jsonl(tmp_path / "news.jsonl", [article(1)])
    dead = {"host": socket.gethostname(), "pid": 2 ** 22 + 1, "since": "2026-01-01T00:00:00"}
    opensearch.index(index=LOCK_INDEX, id=alias, body=dead, refresh=True)
    result = run(alias, opensearch_cluster.urls, archive)
    assert result.exit_code == 0, result.output
    assert ids(opensearch, alias) == {"a1"}
    assert not opensearch.exists(index=LOCK_INDEX, id=alias)


def test_a_connection_lost_mid_rebuild_exits_2_and_leaves_the_alias_on_the_previous_index(opensearch_cluster, opensearch, alias, tmp_path):
    archive = write_jsonl(tmp_path / "news.jsonl", [article(n) for n in range(2000)])
    assert run(alias, opensearch_cluster.urls, archive).exit_code == 0
    previous = current_index(opensearch, alias)
    relay = CuttableRelay(opensearch_cluster.nodes[0].http_port, cut_after=300_000)
    try:
        result = run(alias, [relay.url], archive, "--full")
    finally:
        relay.close()
    assert relay.sent > 300_000, "the connection was never cut: the test did not test anything"
    assert result.exit_code == 2, result.output
    assert f"left on {previous}" in result.output and "Traceback" not in result.output
    assert current_index(opensearch, alias) == previous
    assert opensearch.count(index=alias)["count"] == 2000
    # The next run, the cluster reachable again, finishes the job.
    again = run(alias, opensearch_cluster.urls, archive, "--full")
    assert again.exit_code == 0, again.output
    assert current_index(opensearch, alias) != previous
    assert opensearch.count(index=alias)["count"] == 2000
    leftovers = set(opensearch.indices.get(index=f"{alias}-*", expand_wildcards="all"))
    assert leftovers == {current_index(opensearch, alias)}
