"""Versions of one text as a reader meets them: grouped results, the article's other versions,
the API's group and versions, the feed, the command line."""

import pytest

from index.reindex import reindex
from tests.index.version_corpus import FILE_NAME, records
from tests.support import ChroniqueRunner, write_jsonl
from web import create_app
from web.engine import EXTENSION_KEY

HOSTILE_TITLE = "<script>alert(1)</script> Beyrouth : Hassan Diab jette l'éponge"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("versions")
    hostile = records()
    hostile[1]["title"] = HOSTILE_TITLE  # Le Point's title, never to reach a page unescaped
    reindex([write_jsonl(folder / FILE_NAME, hostile)], folder / "index")
    return folder / "index"


@pytest.fixture
def client(index_dir, monkeypatch):
    monkeypatch.delenv("CHRONIQUE_INDEX", raising=False)
    app = create_app({"TESTING": True, "INDEX": str(index_dir)})
    yield app.test_client()
    searcher = app.extensions.get(EXTENSION_KEY)
    if searcher is not None:
        searcher.close()


def test_the_results_page_counts_both_and_names_the_other_versions(client):
    page = client.get("/?q=Beyrouth+démission").get_data(as_text=True)
    assert "4 articles, 2 textes distincts" in page
    assert "et 2 autres versions (" in page
    assert "Afficher toutes les versions (4 articles)" in page and "versions=all" in page
    assert "les facettes comptent les articles" in page
    assert page.count('class="hit"') == 2


def test_the_control_shows_every_version(client):
    page = client.get("/?q=Beyrouth+démission&versions=all").get_data(as_text=True)
    assert page.count('class="hit"') == 4
    assert "Regrouper les versions" in page and "autres versions (" not in page


def test_a_bad_versions_value_is_a_clear_400(client):
    response = client.get("/?q=Beyrouth&versions=toutes")
    assert response.status_code == 400
    assert "grouped ou all" in response.get_data(as_text=True)


def test_the_article_page_lists_the_other_versions_with_a_diff(client):
    page = client.get("/articles/libre").get_data(as_text=True)
    assert "Autres versions de ce texte" in page
    assert "première publication" in page and "% du texte en commun" in page
    assert "<del>" in page and "<ins>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_related_articles_leave_out_the_versions(client):
    page = client.get("/articles/afp").get_data(as_text=True)
    related = page.split('id="articles-lies"')[-1] if 'id="articles-lies"' in page else ""
    assert "/articles/point" not in related and "/articles/libre" not in related


def test_the_api_hits_carry_their_group_and_versions_are_listed(client):
    body = client.get("/api/search?q=Beyrouth+démission").get_json()
    assert (body["articles"], body["texts"], body["total"]) == (4, 2, 2)
    grouped = [hit for hit in body["results"] if hit["group"]["size"] == 3][0]
    assert grouped["group"]["first"] == {"id": "afp", "source": "AFP", "date": "2020-08-10"}
    versions = client.get("/api/articles/point/versions").get_json()
    assert versions["group"] == "afp"
    assert [(v["id"], v["first"]) for v in versions["versions"]] == [
        ("afp", True), ("point", False), ("libre", False)]
    assert client.get("/api/articles/nope/versions").status_code == 404


def test_the_feed_gives_one_entry_per_text(client):
    feed = client.get("/feed.atom?q=Beyrouth").get_data(as_text=True)
    assert feed.count("<entry>") == 2


def test_the_command_line_groups_and_lists_every_version_on_demand(index_dir):
    grouped = ChroniqueRunner().invoke(["search", "--index", index_dir, "Beyrouth", "démission"])
    assert grouped.exit_code == 0, grouped.output
    assert "4 article(s), 2 texte(s) distinct(s)" in grouped.output
    assert "et 2 autre(s) version(s)" in grouped.output
    every = ChroniqueRunner().invoke(["search", "--index", index_dir, "--all-versions",
                                      "Beyrouth", "démission"])
    assert every.exit_code == 0 and "autre(s) version(s)" not in every.output
    assert every.output.count("https://example.org/") == 4
