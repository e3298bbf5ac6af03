"""Every article the index accepts has a working page, whatever characters its id holds."""

import json

import pytest
from flask import url_for

from index.reindex import reindex
from web import create_app

ODD_IDS = ["Ete\u0301 2022", " espace ", "question?oui", "dièse#1", "cent%25", "a/b/c", "x" * 300,
           "guillemet\"'", "«chevrons»"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd")
    with open(folder / "odd.jsonl", "w", encoding="utf-8") as out:
        for number, article_id in enumerate(ODD_IDS):
            out.write(json.dumps({"id": article_id, "title": f"Titre {number}",
                                  "body": "Un article au nom étrange."}) + "\n")
    root = tmp_path_factory.mktemp("index")
    summary = reindex([folder], root)
    assert summary.added == len(ODD_IDS) and not summary.skipped
    return create_app({"TESTING": True, "INDEX": str(root)})


@pytest.mark.parametrize("article_id", ODD_IDS)
def test_every_indexed_id_has_a_page_and_an_api_answer(app, article_id):
    client = app.test_client()
    with app.test_request_context():
        page = url_for("pages.article", article_id=article_id)
        api = url_for("api.article", article_id=article_id)
    assert client.get(page).status_code == 200
    assert client.get(api).get_json()["id"] == article_id
