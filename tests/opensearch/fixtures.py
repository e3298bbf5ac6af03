"""One real 3-node OpenSearch cluster for the whole test session, started only if a test asks
for it, on ports of its own (HTTP 9250-9252) so that `make cluster` may run beside it. Declared
once for every test package (tests/conftest.py imports them): one cluster, never two."""

import os
import re

import pytest

from cluster.launcher import Cluster, ClusterUnavailable, missing_tools

#: Ports of the test cluster; CHRONIQUE_TEST_OPENSEARCH_PORT moves them (HTTP there, transport
#: 100 above) where two test runs share a machine.
TEST_HTTP_PORT = int(os.environ.get("CHRONIQUE_TEST_OPENSEARCH_PORT") or 9250)
TEST_TRANSPORT_PORT = TEST_HTTP_PORT + 100


@pytest.fixture(scope="session")
def opensearch_cluster(tmp_path_factory):
    """The running cluster; fails (never skips) under CI when it cannot start."""
    in_ci = os.environ.get("CI") == "true"
    if missing_tools() and not in_ci:
        pytest.skip(f"{' and '.join(missing_tools())} not installed: the OpenSearch tests need "
                    "Java 17 and Maven")
    cluster = Cluster(tmp_path_factory.mktemp("cluster"), http_port=TEST_HTTP_PORT,
                      transport_port=TEST_TRANSPORT_PORT)
    try:
        cluster.start()
    except ClusterUnavailable as error:
        pytest.fail(f"the OpenSearch cluster did not start: {error}", pytrace=False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def opensearch(opensearch_cluster):
    """A client that knows every node, so it can go on when one is lost."""
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=opensearch_cluster.urls, timeout=30, max_retries=3,
                        retry_on_timeout=True)
    yield client
    client.close()


def alias_for(request):
    """An index alias of the test's own, from its name."""
    return "t-" + re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:60]


def drop_alias(client, alias):
    """Deletes the test's indices (with their version groups, and its writer lock)."""
    from index.opensearch_groups import drop_groups
    from index.opensearch_reindex import LOCK_INDEX

    for name in client.indices.get(index=f"{alias}*", expand_wildcards="all",
                                   allow_no_indices=True):
        drop_groups(client, name)
    client.indices.delete(index=f"{alias}*", expand_wildcards="all", ignore_unavailable=True)
    client.delete(index=LOCK_INDEX, id=alias, ignore=[404])
