"""Articles checked before indexing: an empty or title-only one is skipped with a reason."""

import pytest

from index.articles import Skip, make_article


@pytest.mark.parametrize("title, body, reason", [
    ("", "", "empty article"),
    ("Un titre seul", "   ", "title only, no body"),
])
def test_empty_or_title_only_articles_are_skipped_with_a_reason(title, body, reason):
    with pytest.raises(Skip, match=reason):
        make_article(id="x", title=title, body=body)
