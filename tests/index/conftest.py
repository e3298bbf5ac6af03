import pytest

from tests.support import write_jsonl  # noqa: F401 (re-exported for the tests here)

RAW_ARTICLE = """Le port de Brest accueille un nouveau brise-glace

Le port de Brest accueille un nouveau brise-glace
Le port de Brest accueille un nouveau brise-glace

Le navire, long de cent vingt mètres, a accosté jeudi matin sous une pluie fine.

Un chantier de deux ans

Les équipes de l’arsenal ont travaillé « jour et nuit » pour l’accueillir, selon la capitainerie.

A voir en vidéo

\u00a0
For Latest Updates Follow us on Google\u00a0News
\u00a0

PREV Une girafe égarée retrouvée dans un verger
NEXT l’accordéon de Quimperlé enfin restauré"""


def article(number, **fields):
    record = {
        "id": f"a{number}",
        "title": f"Titre numéro {number}",
        "body": f"Le corps de l’article {number} parle d’électricité et de la Russie.",
        "date": "2022-03-01",
        "source": "Agence Test",
    }
    record.update(fields)
    return record


@pytest.fixture
def raw_file(tmp_path):
    path = tmp_path / "pages" / "brest.txt"
    path.parent.mkdir()
    path.write_text(RAW_ARTICLE, encoding="utf-8")
    return path
