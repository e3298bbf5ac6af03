"""Quotes mean the words as written: accents and case aside, elisions removed, no stemming,
no other plural or feminine form inside quotes; outside quotes nothing changes."""

import pytest

from .conftest import ids

ARTICLES = [
    {"title": "Manifestation", "body": "Un gilet jaune sur le rond-point."},
    {"title": "Mobilisation", "body": "Les gilets jaunes défilent samedi."},
    {"title": "Au palais", "body": "Réunion à l’Élysée ce matin."},
    {"title": "Promenade", "body": "Foule sur les Champs-Élysées."},
    {"title": "Le Gilet Jaune du jour", "body": "Portrait."},
]


@pytest.fixture
def searcher(make_any_searcher):
    return make_any_searcher(ARTICLES)


@pytest.mark.parametrize("query, expected", [
    ('"gilet jaune"', {"a1", "a5"}),
    ('"GILET JAUNE"', {"a1", "a5"}),
    ('« gilets jaunes »', {"a2"}),
    ('“gilets jaunes” samedi', {"a2"}),
    ('titre:"gilet jaune"', {"a5"}),
    ('"l\'Élysée"', {"a3"}),
    ('"à l\'elysee"', {"a3"}),
])
def test_a_quoted_phrase_finds_the_words_as_written(searcher, query, expected):
    page = searcher.search(query)
    assert set(ids(page)) == expected
    assert page["total"] == len(expected)


def test_outside_quotes_every_form_is_found(searcher):
    assert set(ids(searcher.search("gilet jaune"))) == {"a1", "a2", "a5"}
    assert set(ids(searcher.search('"gilet jaune" OU samedi'))) >= {"a1", "a2"}
