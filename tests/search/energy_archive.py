"""An archive of 407 articles: 300 dated ones on electricity over four years, 7 undated ones
(of Le Courrier), and 100 others; for timelines, exports and cursors."""

from datetime import date, timedelta

import pytest


START = date(2019, 1, 1)


def article(number, **extra):
    day = START + timedelta(days=(number * 37) % 1500)
    return {"id": f"n{number:04d}", "title": f"Dépêche n° {number} sur l’énergie",
            "body": f"Le prix de l’électricité, écrit le {day}, et d’autres nouvelles « {number} ».",
            "date": day.isoformat(), "source": ("Le Courrier", "La Gazette")[number % 2],
            "url": f"https://exemple.fr/{number}", "author": "Rédaction", **extra}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """300 dated articles on electricity, 7 undated ones (of Le Courrier), and 100 others."""
    from index.reindex import reindex
    from search import Searcher
    from .conftest import write_articles

    records = [article(n) for n in range(300)]
    # Each a text of its own: no two are versions of one text.
    records += [{"id": f"u{n}", "title": "Sans date", "body": f"Électricité sans date, note {n}."}
                for n in range(7)]
    records += [{"id": f"o{n}", "title": "Autre", "body": f"Une nouvelle sur le fromage, note {n}.",
                 "date": (START + timedelta(days=n * 11)).isoformat()} for n in range(100)]
    tmp = tmp_path_factory.mktemp("timeline")
    root = tmp / "index"
    reindex([write_articles(tmp / "articles", records)], root)
    searcher = Searcher(root)
    yield searcher
    searcher.close()
