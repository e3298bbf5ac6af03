"""A small archive of dated articles from three sources, one undated, for filters, facets
and paging; each a text of its own (no two are versions of one text)."""

import pytest


ARCHIVE = [
    {"title": "Vendanges 2019", "body": "Récolte de raisin, vendanges 2019.", "date": "2019-09-10", "source": "A"},
    {"title": "Vendanges 2020", "body": "Récolte de raisin, vendanges 2020.", "date": "2020-09-10", "source": "B"},
    {"title": "Vendanges 2021", "body": "Récolte de raisin, vendanges 2021.", "date": "2021-09-10", "source": "A"},
    {"title": "Vendanges 2021 bis", "body": "Récolte de raisin, vendanges 2021 bis.", "date": "2021-09-30",
     "source": "C"},
    {"title": "Vendanges sans date", "body": "Récolte de raisin, vendanges sans date.", "source": "B"},
]


@pytest.fixture
def archive(make_searcher):
    return make_searcher(ARCHIVE)
