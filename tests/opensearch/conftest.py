"""One real 3-node OpenSearch cluster for the whole test session, started only if a test here
asks for it, on ports of its own (HTTP 9250-9252) so that `make cluster` may run beside it."""

import os

import pytest

from cluster.launcher import Cluster, ClusterUnavailable, missing_tools

TEST_HTTP_PORT = 9250
TEST_TRANSPORT_PORT = 9350


def pytest_configure(config):
    config.addinivalue_line("markers", "opensearch: needs the test session's OpenSearch cluster")


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
