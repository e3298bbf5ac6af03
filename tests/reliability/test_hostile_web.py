"""The web front end under attack: any parameter values, markup and scripts stored in articles,
path tricks in article ids. Never a 500, always the documented shape, nothing executable."""

import html.parser
import xml.etree.ElementTree as ElementTree
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from web import create_app
from web.engine import EXTENSION_KEY

from .conftest import HOSTILE_ARTICLES

RESPONSE_KEYS = {"query", "total", "articles", "texts", "versions", "page", "per_page", "pages",
                 "sort", "took_ms", "results", "facets", "suggestion", "notice", "cursor"}
RESULT_KEYS = {"id", "title", "title_html", "url", "source", "date", "score", "snippet_html",
               "group"}
SAFE_SCHEMES = {"", "http", "https"}


@pytest.fixture(scope="module")
def client(hostile_index):
    app = create_app({"TESTING": True, "INDEX": str(hostile_index)})
    yield app.test_client()
    searcher = app.extensions.get(EXTENSION_KEY)
    if searcher is not None:
        searcher.close()


class Markup(html.parser.HTMLParser):
    """The tags, attributes and text of an HTML document or fragment."""

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.script_text = [], [], []
        self._in_script = False
        self.feed(document)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.script_text if self._in_script else self.text).append(data)


def assert_harmless(document):
    """No inline script, no event handler, no link or source with a scheme that runs code."""
    markup = Markup(document)
    for tag, attributes in markup.tags:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            if attributes.get(name):
                scheme = urlsplit(attributes[name].strip()).scheme.lower()
                assert scheme in SAFE_SCHEMES, (tag, attributes)
        if tag == "script":
            assert attributes.get("src", "").startswith("/"), (tag, attributes)
        # The one svg is the results-over-time chart drawn by Chronique itself.
        ours = (tag == "img" and attributes.get("src", "").startswith("/")) or \
            (tag == "svg" and attributes.get("class") == "timeline-chart")
        assert tag not in ("svg", "img", "iframe", "object", "embed") or ours, (tag, attributes)
    assert not "".join(markup.script_text).strip()
    return markup


def assert_marks_only(fragment):
    """A ``*_html`` field: text with ``<mark>`` and nothing else."""
    markup = Markup(fragment)
    assert all(tag == "mark" and not attributes for tag, attributes in markup.tags), markup.tags
    return markup


# --- stored markup and scripts ------------------------------------------------------------

def test_search_page_shows_stored_markup_as_text(client):
    response = client.get("/?q=fromage")
    assert response.status_code == 200
    markup = assert_harmless(response.get_data(as_text=True))
    text = "".join(markup.text)
    assert '<script>alert("titre")</script>' in text  # shown, as text
    assert "</mark><script>alert('corps')</script>" in text or "</mark>" in text


@pytest.mark.parametrize("article", HOSTILE_ARTICLES, ids=lambda a: a["id"])
def test_article_page_shows_stored_markup_as_text(client, article):
    response = client.get(f"/articles/{article['id']}?q=fromage")
    assert response.status_code == 200
    markup = assert_harmless(response.get_data(as_text=True))
    assert article["title"] in "".join(markup.text)


def test_article_page_keeps_escaped_entities_escaped(client):
    response = client.get("/articles/xss-title")
    assert "&lt;script&gt; déjà échappé" in "".join(Markup(response.get_data(as_text=True)).text)


def test_json_html_fields_hold_marks_only(client):
    body = client.get("/api/search?q=fromage&per_page=100").get_json()
    assert body["total"] >= len(HOSTILE_ARTICLES)
    for result in body["results"]:
        assert_marks_only(result["title_html"])
        assert_marks_only(result["snippet_html"])
    stored = {article["id"]: article["title"] for article in HOSTILE_ARTICLES}
    for result in body["results"]:
        if result["id"] in stored:
            assert "".join(Markup(result["title_html"]).text) == stored[result["id"]]


def test_atom_feed_is_well_formed_and_harmless(client):
    response = client.get("/feed.atom?q=fromage")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.get_data())
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) >= len(HOSTILE_ARTICLES)
    for element in feed.iter():
        if element.tag == f"{atom}link":
            assert urlsplit(element.get("href", "").strip()).scheme.lower() in SAFE_SCHEMES
        if element.get("type") in ("html", "xhtml") and element.text:
            assert_harmless(element.text)
    titles = [entry.findtext(f"{atom}title") for entry in entries]
    assert HOSTILE_ARTICLES[0]["title"] in titles  # the title as text, not markup


@pytest.mark.parametrize("query", ['"><script>alert(1)</script>', "</mark><img src=x onerror=alert(1)>",
                                   "javascript:alert(1)", "' onmouseover='alert(1)"])
def test_a_hostile_query_is_echoed_harmlessly(client, query):
    for path in ("/", "/feed.atom", "/articles/xss-title"):
        response = client.get(path, query_string={"q": query})
        assert response.status_code == 200, path
        if path == "/feed.atom":
            ElementTree.fromstring(response.get_data())
        else:
            assert_harmless(response.get_data(as_text=True))


# --- path tricks --------------------------------------------------------------------------

TRAVERSALS = ["../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd",
              "....//....//etc/passwd", "..\\..\\web\\__init__.py", "%00", "xss-title%00.html",
              "/etc/passwd", "%2Fetc%2Fpasswd", "xss-title/../xss-url", "./xss-title",
              "..%252F..%252Fetc%252Fpasswd", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd"]


@pytest.mark.parametrize("trick", TRAVERSALS)
@pytest.mark.parametrize("prefix", ["/articles/", "/api/articles/", "/static/"])
def test_path_tricks_in_ids_are_refused(client, prefix, trick):
    response = client.get(prefix + trick)
    if response.status_code == 308:  # "//" merged into "/": the redirect stays in place
        assert urlsplit(response.location).path.startswith(prefix)
        response = client.get(urlsplit(response.location).path)
    assert response.status_code in (400, 404), response.status_code
    body = response.get_data(as_text=True)
    assert "root:" not in body and "create_app" not in body
    if prefix == "/api/articles/":
        assert set(response.get_json()["error"]) == {"code", "message", "param"}


# --- any parameter values -------------------------------------------------------------------

HOSTILE_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["مرحبا", "\u202eevil", "e\u0301\u0301", "🧀👩‍👩‍👧", "\x00", "NaN", "-1",
                     "1e9", "99999999999999999999", "０", "²", "2022-02-30", "2022-02-24T00:00",
                     "relevance\x00", "ＮＥＷＥＳＴ", "x" * 600, "\ufeff1", " 1 "]),
)
NAMES = st.sampled_from(["q", "page", "per_page", "sort", "from", "to", "source", "callback",
                         "q[]", "", "\x00"])
# Raw query strings too, with broken percent-escapes and bytes that are not UTF-8.
RAW_PIECES = st.sampled_from(["q=fromage", "q=%ED%A0%80", "q=%FF%FE", "q=%", "q=%2", "page=%FF",
                              "per_page=%00", "source=%C0%AE", "q=a&q=b", "&&&", "=", "q",
                              "from=2022-01-01&to=2021-01-01", "q=" + "%F0%9F%A7%80" * 200])
web_fuzz = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def assert_api_answer(response):
    assert response.status_code in (200, 400), response.status_code
    body = response.get_json()
    if response.status_code == 200:
        assert set(body) == RESPONSE_KEYS
        for result in body["results"]:
            assert set(result) == RESULT_KEYS
            assert_marks_only(result["title_html"])
            assert_marks_only(result["snippet_html"])
    else:
        assert set(body) == {"error"}
        assert set(body["error"]) == {"code", "message", "param"}
        assert body["error"]["code"] == "invalid_parameter" and body["error"]["message"]


@web_fuzz
@given(parameters=st.lists(st.tuples(NAMES, HOSTILE_TEXT), max_size=6))
def test_api_search_answers_any_parameters_in_the_documented_shapes(client, parameters):
    assert_api_answer(client.get("/api/search", query_string=[("q", "fromage")] + parameters))
    assert_api_answer(client.get("/api/search", query_string=parameters))


@web_fuzz
@given(pieces=st.lists(RAW_PIECES, max_size=5))
def test_api_search_answers_raw_broken_query_strings(client, pieces):
    assert_api_answer(client.get("/api/search?" + "&".join(pieces)))


@web_fuzz
@given(query=HOSTILE_TEXT)
def test_pages_and_feed_never_fail_on_any_query(client, query):
    for path in ("/", "/feed.atom", "/api/suggest", "/articles/xss-title"):
        response = client.get(path, query_string={"q": query})
        assert response.status_code in (200, 400), (path, response.status_code)


@web_fuzz
@given(article_id=st.text(st.characters(codec="utf-8"), min_size=1, max_size=40))
def test_any_article_id_is_found_or_refused(client, article_id):
    for prefix in ("/articles/", "/api/articles/"):
        response = client.get(prefix + quote(article_id, safe=""))
        assert response.status_code in (200, 308, 400, 404), (prefix, article_id, response.status_code)
