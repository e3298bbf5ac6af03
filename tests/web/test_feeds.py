"""What browsers and feed readers fetch: the OpenSearch description and Atom feeds."""

import xml.etree.ElementTree as ElementTree

import pytest

OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ElementTree.fromstring(response.data)
    assert root.tag == f"{OPENSEARCH}OpenSearchDescription"
    assert root.find(f"{OPENSEARCH}ShortName").text == "Chronique"
    templates = {url.get("type"): url.get("template") for url in root.iter(f"{OPENSEARCH}Url")}
    assert templates["text/html"] == "http://127.0.0.1:8000/?q={searchTerms}"
    assert templates["application/x-suggestions+json"] == "http://127.0.0.1:8000/api/suggest?q={searchTerms}"
    assert templates["application/atom+xml"] == "http://127.0.0.1:8000/feed.atom?q={searchTerms}"


@pytest.mark.parametrize("path", ["/opensearch.xml", "/feed.atom?q=truffes"])
def test_absolute_urls_come_from_the_public_url_never_from_the_host_header(make_app, path):
    client = make_app(PUBLIC_URL="https://archives.example.org").test_client()
    response = client.get(path, headers={"Host": "attacker.example"})
    assert response.status_code == 200
    assert b"https://archives.example.org/" in response.data and b"attacker" not in response.data


def test_atom_feed_lists_the_newest_matching_articles(client):
    response = client.get("/feed.atom?q=truffes")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(response.data)
    assert feed.find(f"{ATOM}title").text == "Chronique\xa0: truffes"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 20  # FEED_ENTRIES
    updated = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(f"{ATOM}updated").text == updated[0]
    first = entries[0]
    assert first.find(f"{ATOM}id").text.startswith("http://127.0.0.1:8000/articles/truffes-")
    assert first.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("?q=truffes")
    assert "<mark>" in first.find(f"{ATOM}summary").text  # HTML, carried as escaped text
    assert first.find(f"{ATOM}summary").get("type") == "html"


def test_feed_length_follows_the_setting(make_app):
    response = make_app(FEED_ENTRIES=3).test_client().get("/feed.atom?q=truffes")
    assert len(ElementTree.fromstring(response.data).findall(f"{ATOM}entry")) == 3


def test_feed_of_hostile_and_undated_articles_is_still_valid_xml(client):
    for query in ("fromagerie", "phare", "xylophonistes", "a\x01b"):
        response = client.get("/feed.atom", query_string={"q": query})
        assert response.status_code == 200
        feed = ElementTree.fromstring(response.data)
        for entry in feed.findall(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}updated").text
            assert "javascript:" not in ElementTree.tostring(entry, encoding="unicode")


@pytest.mark.parametrize("query", ["", "q=", "q=" + "a" * 501])
def test_feed_needs_a_query(client, query):
    assert client.get("/feed.atom?" + query).status_code == 400
