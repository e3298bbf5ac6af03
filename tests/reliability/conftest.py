import pytest

from index.reindex import reindex

from .corpus import news_article, write_jsonl

#: Articles that try to smuggle markup and scripts through every stored field.
HOSTILE_ARTICLES = [
    {"id": "xss-title", "title": '<script>alert("titre")</script> Fromage "onmouseover="alert(1)',
     "body": "Le fromage </mark><script>alert('corps')</script> est affiné <img src=x "
             "onerror=alert(1)> dans des caves \"'><svg onload=alert(2)>.\n\n"
             "Un second paragraphe sur le fromage &lt;script&gt; déjà échappé.",
     "date": "2021-06-15", "source": "\"><script>alert('source')</script>",
     "url": "javascript:alert(1)", "author": "<b onmouseover=alert(1)>Anonyme</b>"},
    {"id": "xss-url", "title": "Fromage et </mark> balises", "body": "Un fromage <mark>marqué</mark> d’avance.",
     "date": "2022-01-01", "source": "La Gazette", "url": ' JaVaScRiPt:alert(document.cookie)'},
    {"id": "xss-data", "title": "Fromage de données", "body": "Le fromage des données.",
     "source": "Le Courrier", "url": "data:text/html,<script>alert(1)</script>"},
    {"id": "xss-quote", "title": "Fromage cité", "body": "Le fromage cité.",
     "source": "Le Courrier", "url": 'https://exemple.fr/"onmouseover="alert(1)'},
]


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory):
    """An index of ordinary dispatches and of articles full of markup and scripts."""
    folder = tmp_path_factory.mktemp("hostile-articles")
    write_jsonl(folder / "news.jsonl", [news_article(n) for n in range(40)] + HOSTILE_ARTICLES)
    root = tmp_path_factory.mktemp("hostile-index")
    reindex([folder], root)
    return root
