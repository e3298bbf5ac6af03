"""The OpenSearch tests' marker; the cluster fixtures are in fixtures.py (shared by every
test package through tests/conftest.py)."""

from .fixtures import TEST_HTTP_PORT, TEST_TRANSPORT_PORT  # noqa: F401


def pytest_configure(config):
    config.addinivalue_line("markers", "opensearch: needs the test session's OpenSearch cluster")
