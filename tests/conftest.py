"""Fixtures every test package shares."""

import pytest

from tests.opensearch.fixtures import opensearch, opensearch_cluster  # noqa: F401
from tests.support import ChroniqueRunner


@pytest.fixture
def runner():
    """The `chronique` command run in-process (click's CliRunner), as flaskr's tests do."""
    return ChroniqueRunner()
