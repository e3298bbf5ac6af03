"""One error sentence per situation, whichever page or endpoint meets it."""

import html

import pytest

from web.errors import ARTICLE_NOT_FOUND


@pytest.mark.parametrize("path", ["/articles/no-such-article", "/articles/a/../b",
                                  "/cite/ris/no-such-article", "/cite/bibtex/no-such-article"])
def test_a_missing_article_page_says_the_one_sentence(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert ARTICLE_NOT_FOUND in html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("path", ["/api/articles/no-such-article", "/api/articles/a/../b"])
def test_the_api_says_the_same_sentence(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == ARTICLE_NOT_FOUND
