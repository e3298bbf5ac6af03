"""A node of the 3-node cluster killed (SIGKILL) during a full reindex: no article is lost,
readers never see a partial index behind the alias, and the cluster is green again once the
node is back. The index has 3 shards and 1 replica, as every index Chronique creates."""

import pytest

from index.opensearch_reindex import current_index, reindex_opensearch
from index.opensearch_settings import client_from_settings, opensearch_settings
from tests.index.conftest import article
from tests.support import write_jsonl

pytestmark = pytest.mark.opensearch

ARTICLES = 3000
KILL_AT = 1000
ALIAS = "t-faults"


def archive_of(tmp_path, version):
    return write_jsonl(tmp_path / "news.jsonl", [
        article(n, body=f"Version {version} de la dépêche {n} sur l’électricité en Bretagne.")
        for n in range(ARTICLES)])


def non_manager_node(cluster, client):
    manager = client.cat.cluster_manager(format="json")[0]["node"]
    return next(i for i, node in enumerate(cluster.nodes) if node.name != manager)


def test_a_node_killed_during_a_full_reindex_loses_no_article(opensearch_cluster, opensearch, tmp_path):
    settings = {**opensearch_settings({}), "OPENSEARCH_URL": ",".join(opensearch_cluster.urls)}
    client = client_from_settings(settings)
    archive = archive_of(tmp_path, 1)
    reindex_opensearch([archive], client, ALIAS)
    previous = current_index(client, ALIAS)
    victim = non_manager_node(opensearch_cluster, client)
    seen_by_readers = []

    def progress(_, count):
        if count and count % 250 == 0:
            seen_by_readers.append((current_index(client, ALIAS), client.count(index=ALIAS)["count"]))
        if count == KILL_AT:
            opensearch_cluster.kill_node(victim)

    try:
        archive_of(tmp_path, 2)
        summary = reindex_opensearch([archive], client, ALIAS, full=True, progress=progress)
        assert summary.added == ARTICLES and not summary.skipped
        assert current_index(client, ALIAS) != previous
        client.indices.refresh(index=ALIAS)
        assert client.count(index=ALIAS)["count"] == ARTICLES
        found = client.search(index=ALIAS, body={
            "query": {"match": {"content": "version 2"}}, "size": 0, "track_total_hits": True})
        assert found["hits"]["total"]["value"] == ARTICLES
        # Until the swap, readers saw the previous index, whole.
        assert seen_by_readers and set(seen_by_readers) == {(previous, ARTICLES)}
    finally:
        health = opensearch_cluster.recover(victim)
        client.indices.delete(index=f"{ALIAS}*", ignore_unavailable=True)
        client.close()
    assert health["status"] == "green" and health["number_of_nodes"] == 3
