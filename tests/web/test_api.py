"""The JSON API: /api/search, /api/articles/<id>, /api/suggest, and its errors."""

import json

import pytest

from index.reindex import reindex

from .conftest import HOSTILE, SLASHED, TRUFFLES

SEARCH_KEYS = ["query", "total", "articles", "texts", "versions", "page", "per_page", "pages",
               "sort", "took_ms", "results", "facets", "suggestion", "notice", "cursor"]
HIT_KEYS = ["id", "title", "title_html", "url", "source", "date", "score", "snippet_html",
            "group"]


def error_of(response):
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert list(body) == ["error"] and list(body["error"]) == ["code", "message", "param"]
    return body["error"]


def test_search_returns_the_documented_shape(any_client):
    response = any_client.get("/api/search?q=pekin")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert list(body) == SEARCH_KEYS
    assert body["query"] == "pekin" and body["page"] == 1 and body["per_page"] == 10
    assert body["sort"] == "relevance" and body["total"] == len(body["results"]) > 0
    assert all(list(hit) == HIT_KEYS for hit in body["results"])
    assert "<mark>Pékin</mark>" in body["results"][0]["title_html"]
    assert set(body["facets"]) == {"source", "year"}


def test_cli_json_is_exactly_the_api_page(runner, client, index_dir):
    printed = runner.invoke(["search", "--index", str(index_dir), "--json", "truffes"])
    assert printed.exit_code == 0, printed.output
    page, api = json.loads(printed.output), client.get("/api/search?q=truffes").get_json()
    assert list(page) == SEARCH_KEYS and "hits" not in page
    page.pop("took_ms"), api.pop("took_ms")
    assert page == api


def test_json_is_utf8_with_accents_unescaped(client):
    raw = client.get("/api/search?q=pekin").get_data()
    assert "Pékin".encode() in raw and b"\\u00e9" not in raw


def test_paging_parameters(any_client):
    body = any_client.get("/api/search?q=truffes&page=3&per_page=7").get_json()
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (25, 3, 7, 4)
    assert len(body["results"]) == 7
    assert len(any_client.get("/api/search?q=truffes&page=4&per_page=7").get_json()["results"]) == 4


def test_per_page_defaults_to_the_setting(make_app):
    body = make_app(PER_PAGE=4).test_client().get("/api/search?q=truffes").get_json()
    assert body["per_page"] == 4 and len(body["results"]) == 4


@pytest.mark.parametrize("sort, reverse", [("newest", True), ("oldest", False)])
def test_sort(any_client, sort, reverse):
    body = any_client.get(f"/api/search?q=truffes&sort={sort}&per_page=25").get_json()
    dates = [hit["date"] for hit in body["results"]]
    assert body["sort"] == sort and dates == sorted(dates, reverse=reverse)


def test_date_range_is_inclusive(any_client):
    body = any_client.get("/api/search?q=truffes&from=2016-01-02&to=2016-01-22&per_page=100").get_json()
    dates = sorted(hit["date"] for hit in body["results"])
    assert dates[0] >= "2016-01-02" and dates[-1] <= "2016-01-22"
    assert "2016-01-02" in dates and "2016-01-22" in dates  # both ends included
    assert body["facets"]["year"] == [{"value": "2016", "count": len(dates)}]


def test_one_bound_is_enough(any_client):
    body = any_client.get("/api/search?q=truffes&to=2015-12-31&per_page=100").get_json()
    assert body["total"] == 7 and all(hit["date"] < "2016" for hit in body["results"])


def test_sources_are_repeatable(any_client):
    one = any_client.get("/api/search?q=truffes&source=Le+Journal+des+Truffes").get_json()
    both = any_client.get("/api/search?q=truffes&source=Le+Journal+des+Truffes"
                      "&source=La+Gazette+Truffi%C3%A8re").get_json()
    assert one["total"] == 13 and both["total"] == 25
    # Disjunctive: the other source stays in the facet with its count, ready to be added.
    assert one["facets"]["source"] == [{"value": "Le Journal des Truffes", "count": 13},
                                       {"value": "La Gazette Truffière", "count": 12}]
    assert sum(item["count"] for item in one["facets"]["year"]) == 13


def test_years_are_repeatable_and_combine_with_sources(any_client):
    years = any_client.get("/api/search?q=truffes&year=2015&year=2016&per_page=100").get_json()
    assert {hit["date"][:4] for hit in years["results"]} == {"2015", "2016"}
    assert years["total"] == len([t for t in TRUFFLES if t["date"][:4] in ("2015", "2016")])
    assert [item["value"] for item in years["facets"]["year"]] == ["2018", "2017", "2016", "2015"]
    both = any_client.get("/api/search?q=truffes&year=2015&year=2016&source=La+Gazette+Truffi%C3%A8re"
                      "&per_page=100").get_json()
    assert both["total"] == len([t for t in TRUFFLES if t["date"][:4] in ("2015", "2016")
                                 and t["source"] == "La Gazette Truffière"])
    bad = any_client.get("/api/search?q=truffes&year=16")
    assert bad.status_code == 400 and bad.get_json()["error"]["param"] == "year"


def test_blank_source_values_are_ignored(any_client):
    assert any_client.get("/api/search?q=truffes&source=&source=%20").get_json()["total"] == 25


def test_suggestion_and_notice(any_client):
    suggestion = any_client.get("/api/search?q=Rusie").get_json()["suggestion"]
    assert suggestion["query"] == "Russie" and "<em>" in suggestion["html"]
    assert any_client.get("/api/search?q=truffes").get_json()["suggestion"] is None
    assert "Guillemet" in any_client.get('/api/search?q="guerre').get_json()["notice"]


@pytest.mark.parametrize("query, param, says", [
    ("", "q", "obligatoire"),
    ("q=", "q", "obligatoire"),
    ("q=%20", "q", "obligatoire"),
    ("q=" + "é" * 501, "q", "500 au plus"),
    ("q=x&page=0", "page", "à partir de 1"),
    ("q=x&page=-1", "page", "à partir de 1"),
    ("q=x&page=1.5", "page", "nombre entier"),
    ("q=x&page=" + "9" * 40, "page", "au plus 1000"),
    ("q=x&page=101&per_page=100", "page", "au plus 100"),
    ("q=x&per_page=0", "per_page", "entre 1 et 100"),
    ("q=x&per_page=101", "per_page", "entre 1 et 100"),
    ("q=x&per_page=dix", "per_page", "entre 1 et 100"),
    ("q=x&sort=date", "sort", "relevance, newest, oldest"),
    ("q=x&from=2022-02-30", "from", "AAAA-MM-JJ"),
    ("q=x&from=2022", "from", "AAAA-MM-JJ"),
    ("q=x&to=demain", "to", "AAAA-MM-JJ"),
    ("q=x&from=2022-03-01&to=2022-02-01", "to", "précède"),
    ("q=x" + "&source=s{}" * 0 + "".join(f"&source=s{i}" for i in range(21)), "source", "20 sources"),
    ("q=x&source=" + "s" * 201, "source", "200 caractères"),
])
def test_bad_parameters_are_400_invalid_parameter_naming_the_parameter(any_client, query, param, says):
    response = any_client.get("/api/search?" + query)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_parameter" and error["param"] == param
    assert says in error["message"]


def test_article(any_client):
    response = any_client.get("/api/articles/demo-017")
    body = response.get_json()
    assert list(body) == ["id", "title", "body", "date", "source", "url", "author"]
    assert body["id"] == "demo-017" and body["date"] == "2022-03-08" and "Pékin" in body["title"]
    assert "\n\n" in body["body"]


def test_article_with_slash_and_hostile_article_come_back_verbatim(any_client):
    assert any_client.get("/api/articles/" + SLASHED["id"]).get_json()["url"] is None
    assert any_client.get("/api/articles/hostile-1").get_json()["title"] == HOSTILE["title"]


@pytest.mark.parametrize("path", ["/api/articles/nope", "/api/articles/%2e%2e/%2e%2e/etc/passwd",
                                  "/api/articles/a%5C..", "/api/nothing-here", "/api"])
def test_unknown_things_are_404_not_found(any_client, path):
    response = any_client.get(path)
    assert response.status_code == 404
    assert error_of(response) == {"code": "not_found", "message": error_of(response)["message"],
                                  "param": None}


def test_post_is_405_in_the_error_shape(client):
    response = client.post("/api/search?q=x")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
    assert error_of(response)["code"] == "method_not_allowed"


def test_missing_index_is_503_in_the_error_shape(make_app, tmp_path):
    response = make_app(INDEX=str(tmp_path)).test_client().get("/api/search?q=x")
    assert response.status_code == 503
    error = error_of(response)
    assert error["code"] == "index_unavailable" and "chronique reindex" in error["message"]
    assert str(tmp_path) not in error["message"]  # no server path given away


def test_unexpected_failure_is_500_in_the_error_shape(make_app, monkeypatch):
    import web.api

    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setattr(web.api, "searcher", broken)
    response = make_app(TESTING=False).test_client().get("/api/search?q=x")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error" and "secret" not in error["message"]


def test_get_endpoints_allow_cross_origin_use(client):
    for path in ("/api/search?q=pekin", "/api/articles/demo-017", "/api/suggest?q=uk",
                 "/api/openapi.json", "/api/search?q=", "/api/articles/nope"):
        assert client.get(path).headers["Access-Control-Allow-Origin"] == "*", path
    assert "Access-Control-Allow-Origin" not in client.get("/?q=pekin").headers


def test_suggest_speaks_the_opensearch_suggestions_format(any_client):
    response = any_client.get("/api/suggest?q=ukr")
    assert response.mimetype == "application/x-suggestions+json"
    query, completions = response.get_json(force=True)
    assert query == "ukr" and completions and len(completions) <= 8
    assert all(completion.lower().startswith("ukr") for completion in completions)


def test_suggest_count_follows_the_setting_and_empty_input_gives_nothing(make_app):
    client = make_app(SUGGESTIONS=1).test_client()
    assert len(client.get("/api/suggest?q=u").get_json(force=True)[1]) == 1
    assert client.get("/api/suggest?q=").get_json(force=True) == ["", []]
    assert client.get("/api/suggest").get_json(force=True) == ["", []]


def test_suggest_caps_the_query_length(client):
    response = client.get("/api/suggest?q=" + "a" * 501)
    assert response.status_code == 400 and error_of(response)["param"] == "q"


def write_articles(path, *titles):
    with open(path, "a", encoding="utf-8") as out:
        for title in titles:
            # A body of its own: two articles of one text would be one result.
            out.write(json.dumps({"id": title, "title": title,
                                  "body": f"Il compte les oiseaux : {title}."},
                                 ensure_ascii=False) + "\n")


def test_an_index_built_after_the_start_is_used_without_a_restart(make_app, tmp_path):
    root = tmp_path / "index"
    client = make_app(INDEX=str(root)).test_client()
    assert client.get("/api/search?q=ornithologue").status_code == 503
    write_articles(tmp_path / "articles.jsonl", "Un ornithologue à Ouessant")
    reindex([str(tmp_path / "articles.jsonl")], root)
    assert client.get("/api/search?q=ornithologue").get_json()["total"] == 1


def test_an_updated_index_is_used_without_a_restart(make_app, tmp_path):
    root, articles = tmp_path / "index", tmp_path / "articles.jsonl"
    write_articles(articles, "Un ornithologue à Ouessant")
    reindex([str(articles)], root)
    client = make_app(INDEX=str(root)).test_client()
    assert client.get("/api/search?q=ornithologue").get_json()["total"] == 1
    write_articles(articles, "Deux ornithologues")
    reindex([str(articles)], root)
    assert client.get("/api/search?q=ornithologue").get_json()["total"] == 2
