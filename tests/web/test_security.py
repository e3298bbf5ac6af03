"""What keeps the pages safe: headers, no script anywhere, links only to the web."""

import re
from pathlib import Path

import pytest

from web.security import CONTENT_SECURITY_POLICY, is_web_link

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
EVERY_KIND_OF_RESPONSE = ["/", "/?q=pekin", "/?q=xylophonistes", "/articles/demo-017?q=pekin",
                          "/articles/nope", "/?q=x&page=0", "/opensearch.xml", "/feed.atom?q=pekin",
                          "/api/search?q=pekin", "/api/search", "/api/suggest?q=p",
                          "/api/openapi.json", "/static/chronique.css"]


@pytest.mark.parametrize("path", EVERY_KIND_OF_RESPONSE)
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:  # closed, as static files are open file handles
        headers = response.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_the_policy_forbids_inline_and_foreign_scripts():
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no other origin
    assert "unsafe" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("template", sorted(path.name for path in TEMPLATES.iterdir()))
def test_templates_hold_no_script_no_inline_style_and_nothing_from_elsewhere(template):
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    assert "<script" not in source.lower()
    assert " style=" not in source and "<style" not in source
    assert not re.search(r' on[a-z]+=', source)
    assert not re.search(r'(src|href)="(https?:)?//', source)


@pytest.mark.parametrize("url, linked", [
    ("https://exemple.fr/article", True), ("http://exemple.fr", True), ("  HTTPS://exemple.fr ", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), ("data:text/html,x", False),
    ("//exemple.fr", False), ("ftp://exemple.fr", False), ("http://", False), ("", False), (None, False),
])
def test_only_http_urls_become_links(url, linked):
    assert is_web_link(url) is linked


def test_a_501_character_query_is_refused_everywhere(client):
    long_query = "a" * 501
    for path in ("/", "/api/search", "/api/suggest", "/feed.atom", "/articles/demo-017"):
        assert client.get(path, query_string={"q": long_query}).status_code == 400, path
    assert client.get("/api/search", query_string={"q": "a" * 500}).status_code == 200


def test_query_cap_follows_the_setting(make_app):
    client = make_app(MAX_QUERY_CHARS=10).test_client()
    assert client.get("/api/search?q=" + "a" * 11).status_code == 400
    assert 'maxlength="10"' in client.get("/").get_data(as_text=True)


def test_query_is_escaped_wherever_it_is_echoed(client):
    attack = '"><script>alert(1)</script>'
    for path in ("/", "/articles/demo-017", "/feed.atom"):
        html = client.get(path, query_string={"q": attack}).get_data(as_text=True)
        assert "<script>" not in html, path
    error = client.get("/", query_string={"q": attack, "sort": "<script>"}).get_data(as_text=True)
    assert "<script>" not in error


def test_static_files_are_local(client):
    with client.get("/static/chronique.css") as css:
        assert css.status_code == 200 and css.mimetype == "text/css"
        text = css.get_data(as_text=True)
    assert "@import" not in text and "url(" not in text  # no font or image from elsewhere
