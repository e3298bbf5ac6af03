"""With BACKEND=opensearch and no cluster answering, a search fails clearly, in French: 503 from
the web app, an error line from `chronique search`, never a traceback."""

import socket

import pytest
from click.testing import CliRunner

from search.cli import search_command


@pytest.fixture
def closed_url():
    """The URL of a port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_the_api_answers_503_with_a_french_message(make_app, closed_url):
    app = make_app(BACKEND="opensearch", OPENSEARCH_URL=closed_url)
    reply = app.test_client().get("/api/search?q=guerre")
    assert reply.status_code == 503
    message = reply.get_json()["error"]["message"]
    assert "Le cluster OpenSearch ne répond pas" in message and closed_url in message
    page = app.test_client().get("/?q=guerre")
    assert page.status_code == 503 and "ne répond pas" in page.get_data(as_text=True)


def test_the_cli_says_so_and_exits_non_zero(closed_url):
    result = CliRunner().invoke(search_command, ["guerre"], env={
        "CHRONIQUE_BACKEND": "opensearch", "CHRONIQUE_OPENSEARCH_URL": closed_url})
    assert result.exit_code == 1
    assert "Le cluster OpenSearch ne répond pas" in result.output
    assert "Traceback" not in result.output
