"""A node killed (SIGKILL) while searches run: each search still answers, whole, after the
client's retry on the other nodes (3 shards, 1 replica: every shard has a copy left)."""

import pytest

from index.opensearch_reindex import reindex_opensearch
from index.opensearch_settings import client_from_settings, opensearch_settings
from search import Searcher
from search.backends.opensearch.backend import OpenSearchBackend
from tests.index.conftest import article
from tests.support import write_jsonl

from .test_faults import non_manager_node

pytestmark = pytest.mark.opensearch

ARTICLES = 300
SEARCHES = 40
KILL_AT = 10
ALIAS = "t-search-faults"


def test_no_search_fails_when_a_node_is_killed(opensearch_cluster, tmp_path):
    settings = {**opensearch_settings({}), "OPENSEARCH_URL": ",".join(opensearch_cluster.urls)}
    client = client_from_settings(settings)
    archive = write_jsonl(tmp_path / "news.jsonl", [
        article(n, body=f"La dépêche {n} sur l’électricité en Bretagne.") for n in range(ARTICLES)])
    reindex_opensearch([archive], client, ALIAS, full=True)
    victim = non_manager_node(opensearch_cluster, client)
    searcher = Searcher(tmp_path / "unused", backend=OpenSearchBackend(client, ALIAS))
    totals = []
    try:
        for number in range(SEARCHES):
            if number == KILL_AT:
                opensearch_cluster.kill_node(victim)
            page = searcher.search("électricité bretagne", page=1 + number % 3)
            totals.append(page["total"])
            assert len(page["hits"]) == 10
    finally:
        health = opensearch_cluster.recover(victim)
        client.indices.delete(index=f"{ALIAS}*", ignore_unavailable=True)
        client.close()
    assert totals == [ARTICLES] * SEARCHES
    assert health["status"] == "green" and health["number_of_nodes"] == 3
