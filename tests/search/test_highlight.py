"""Snippet marks: the fast word marking analyzes text as the index does."""

import json

from index.analysis import index_tokens

from .conftest import DEMO


def test_fast_word_marking_agrees_with_the_full_analysis():
    from search.highlight import _merge, _word_spans
    from search.backends.whoosh.query_builder import query_tokens

    lines = (DEMO / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["body"] for line in lines if line.strip()]
    for query in ("Ukraine électricité", "sino-russe ministres", "Jean-Luc COVID-19", "l'État"):
        terms = {term for term, _, _, _ in query_tokens(query)}
        for text in texts:
            expected = [(s, e, t) for t, _, s, e in index_tokens(text) if t in terms]
            assert _merge(_word_spans(text, terms, set())) == _merge(expected)
