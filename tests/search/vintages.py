"""A small archive of dated articles from three sources, one undated, for filters, facets
and paging."""

import pytest


ARCHIVE = [
    {"title": "Vendanges 2019", "body": "Récolte de raisin.", "date": "2019-09-10", "source": "A"},
    {"title": "Vendanges 2020", "body": "Récolte de raisin.", "date": "2020-09-10", "source": "B"},
    {"title": "Vendanges 2021", "body": "Récolte de raisin.", "date": "2021-09-10", "source": "A"},
    {"title": "Vendanges 2021 bis", "body": "Récolte de raisin.", "date": "2021-09-30",
     "source": "C"},
    {"title": "Vendanges sans date", "body": "Récolte de raisin.", "source": "B"},
]


@pytest.fixture
def archive(make_searcher):
    return make_searcher(ARCHIVE)
