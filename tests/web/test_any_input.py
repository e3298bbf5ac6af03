"""Whatever a client sends, the answer is a page or a 400/404 in the right format, never a 500."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
VALUES = st.one_of(ANY_TEXT, st.integers(-5, 20_000).map(str), st.sampled_from(
    ["relevance", "newest", "oldest", "2022-02-24", "2022-13-01", "", " ", "1e3", "0x10"]))
PARAMETERS = st.dictionaries(st.sampled_from(["q", "page", "per_page", "sort", "from", "to", "source"]),
                             VALUES, max_size=7)
fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(parameters=PARAMETERS)
def test_api_search_answers_200_or_400_in_the_error_shape(client, parameters):
    response = client.get("/api/search", query_string=parameters)
    assert response.status_code in (200, 400)
    body = response.get_json()
    if response.status_code == 400:
        assert body["error"]["code"] == "invalid_parameter" and body["error"]["param"]


@fuzz
@given(parameters=PARAMETERS)
def test_search_page_answers_200_or_400(client, parameters):
    response = client.get("/", query_string=parameters)
    assert response.status_code in (200, 400)
    assert response.mimetype == "text/html"


@fuzz
@given(article_id=ANY_TEXT, query=ANY_TEXT)
def test_article_urls_answer_200_or_404(client, article_id, query):
    for prefix in ("/articles/", "/api/articles/"):
        response = client.get(prefix + article_id.replace("?", "%3F").replace("#", "%23"),
                              query_string={"q": query})
        assert response.status_code in (200, 308, 404), (prefix, article_id)


@fuzz
@given(query=ANY_TEXT)
def test_suggest_and_feed_never_fail(client, query):
    assert client.get("/api/suggest", query_string={"q": query}).status_code == 200
    assert client.get("/feed.atom", query_string={"q": query}).status_code in (200, 400)
