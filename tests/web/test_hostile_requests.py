"""Requests an attacker or a confused client sends: bad Host, other methods, bodies, dates."""

import http.client
import json
import logging
from urllib.parse import urlsplit

import pytest

from index.reindex import reindex
from web import create_app

from .conftest import running_server

BAD_HOSTS = [".", "a..b", "a" * 64 + ".example", "exemple.fr:port", "é.fr"]
PATHS = ["/", "/?q=truffes", "/static/chronique.css", "/opensearch.xml", "/feed.atom?q=truffes",
         "/articles/truffes-01", "/api/search?q=truffes"]


@pytest.mark.parametrize("host", BAD_HOSTS)
@pytest.mark.parametrize("path", PATHS)
def test_a_malformed_host_gets_a_400_not_a_500(client, host, path, caplog):
    with caplog.at_level(logging.ERROR):
        response = client.get(path, headers={"Host": host})
    assert response.status_code == 400
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    if path.startswith("/api/"):
        assert response.get_json()["error"]["code"] == "invalid_parameter"
    else:
        page = response.get_data(as_text=True)
        assert "Host" in page and 'name="q"' in page  # the error page, with its search box


def test_a_well_formed_host_is_served(client):
    for host in ("exemple.fr", "exemple.fr:8000", "127.0.0.1:8000", "[::1]:8000"):
        assert client.get("/?q=truffes", headers={"Host": host}).status_code == 200


def test_head_answers_as_get_without_a_body_and_options_is_refused(client):
    got, head = client.get("/?q=truffes"), client.head("/?q=truffes")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Type"] == got.headers["Content-Type"]
    for path in ("/", "/api/search?q=truffes", "/static/chronique.css"):
        for method in ("OPTIONS", "POST", "PUT", "DELETE"):
            response = client.open(path, method=method)
            assert response.status_code == 405, (method, path)
            assert response.headers["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", ["/", "/?q=truffes", "/api/search?q=truffes", "/articles/truffes-01",
                                  "/api/suggest?q=truf", "/feed.atom?q=truffes", "/nulle-part"])
def test_dynamic_answers_are_never_cached_by_others(client, path):
    assert client.get(path).headers["Cache-Control"] == "private, no-store"


def test_static_files_may_be_cached(client):
    with client.get("/static/chronique.css") as response:
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("value", ["20220224xx", "20220224", "2022-W08-4", "2022-W08", "2022-055",
                                   "2022-02-24T00:00", "2022-2-24", "２０２２-02-24"])
def test_dates_are_taken_only_as_documented(client, value):
    for name in ("from", "to"):
        response = client.get(f"/api/search?q=truffes&{name}={value}")
        assert response.status_code == 400 and response.get_json()["error"]["param"] == name


@pytest.mark.parametrize("value, page", [("02", 2), ("0000000000000000000000003", 3)])
def test_a_page_number_with_leading_zeros_is_its_value(client, value, page):
    response = client.get(f"/api/search?q=truffes&page={value}")
    assert response.status_code == 200 and response.get_json()["page"] == page


def test_a_large_request_body_is_refused_unread(index_dir, clean_environment):
    with running_server(index_dir) as base:
        connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)
        connection.request("GET", "/?q=truffes", body=b"x" * (1024 * 1024))
        response = connection.getresponse()
        assert response.status == 413
        connection.close()


BIDI = "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069"


@pytest.fixture(scope="module")
def bidi_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bidi")
    record = {"id": "bidi-1", "title": f"Élection {BIDI[0]}gnitov à Lyon{BIDI[1:]}",
              "body": "Les électeurs de Lyon votent dimanche.", "source": f"Le {BIDI[0]}Progrès",
              "author": f"{BIDI[5]}Rédaction", "date": "2022-06-12"}
    (folder / "bidi.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    root = tmp_path_factory.mktemp("index")
    reindex([folder], root)
    return create_app({"TESTING": True, "INDEX": str(root)})


@pytest.mark.parametrize("path", ["/?q=lyon", "/articles/bidi-1", "/api/search?q=lyon",
                                  "/api/articles/bidi-1", "/feed.atom?q=lyon"])
def test_bidirectional_controls_of_titles_and_sources_never_reach_the_reader(bidi_app, path):
    text = bidi_app.test_client().get(path).get_data(as_text=True)
    assert "gnitov" in text and "Progrès" in text
    assert not any(character in text for character in BIDI)
