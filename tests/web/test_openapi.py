"""/api/openapi.json stays true: real responses are checked against the schemas it declares."""

import jsonschema
import pytest

from web.params import SORTS

REQUESTS = [
    ("/api/search?q=pekin", "200", "SearchResponse"),
    ("/api/search?q=Rusie", "200", "SearchResponse"),  # with a suggestion
    ('/api/search?q="guerre', "200", "SearchResponse"),  # with a notice
    ("/api/search?q=phare", "200", "SearchResponse"),  # an undated article without source or URL
    ("/api/search?q=truffes&page=2&per_page=5&sort=oldest&from=2015-01-01&to=2017-12-31"
     "&source=Le+Journal+des+Truffes", "200", "SearchResponse"),
    ("/api/search?q=xylophonistes", "200", "SearchResponse"),
    ("/api/articles/demo-017", "200", "Article"),
    ("/api/articles/archives/2020/phare-1", "200", "Article"),
    ("/api/suggest?q=ukr", "200", "Suggestions"),
    ("/api/suggest", "200", "Suggestions"),
    ("/api/search", "400", "Error"),
    ("/api/search?q=x&per_page=0", "400", "Error"),
    ("/api/articles/nope", "404", "Error"),
    ("/api/articles/demo-017/versions", "200", "Versions"),
    ("/api/articles/nope/versions", "404", "Error"),
    ("/api/search?q=truffes&versions=all", "200", "SearchResponse"),
    ("/api/search?q=russie&per_page=2&cursor=eyJ4IjoxfQ", "400", "Error"),
    ("/api/timeline?q=russie", "200", "Timeline"),
    ("/api/timeline?q=russie&interval=month&from=2020-01-01&source=Agence+Hexagone", "200", "Timeline"),
    ("/api/timeline?q=russie&q=ukraine&q=xylophonistes", "200", "Comparison"),
    ("/api/timeline?q=russie&interval=hour", "400", "Error"),
    ("/api/export?q=russie&format=pdf", "400", "Error"),
]


@pytest.fixture
def document(client):
    return client.get("/api/openapi.json").get_json()


def check(document, schema_name, instance):
    # The document is the root resource, so the schemas' "#/components/..." references resolve.
    schema = {**document, "$ref": f"#/components/schemas/{schema_name}"}
    jsonschema.Draft202012Validator(schema).validate(instance)


def test_document_is_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    for name, schema in document["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("url, status, schema_name", REQUESTS)
def test_responses_match_their_declared_schema(client, document, url, status, schema_name):
    response = client.get(url)
    assert str(response.status_code) == status
    path = url.split("?")[0]
    template = path
    if path.startswith("/api/articles/"):
        template = "/api/articles/{id}/versions" if path.endswith("/versions") else "/api/articles/{id}"
    declared = document["paths"][template]["get"]["responses"][status]["content"]
    assert list(declared) == [response.mimetype]
    check(document, schema_name, response.get_json(force=True))


def test_schemas_reject_undeclared_fields(client, document):
    body = client.get("/api/search?q=pekin").get_json()
    body["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        check(document, "SearchResponse", body)


def test_every_api_route_is_documented_and_nothing_else(app, document):
    routes = {rule.rule.replace("<path:article_id>", "{id}") for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/")}
    assert routes == set(document["paths"])


def test_documented_search_parameters_are_the_ones_read(client, document):
    parameters = {p["name"]: p for p in document["paths"]["/api/search"]["get"]["parameters"]}
    assert set(parameters) == {"q", "page", "per_page", "sort", "from", "to", "source", "cursor",
                               "year", "versions"}
    assert parameters["sort"]["schema"]["enum"] == list(SORTS)
    # Each documented parameter is really read: a bad value for it is refused, naming it.
    for name, bad in (("page", "0"), ("per_page", "1000"), ("sort", "x"), ("from", "x"), ("to", "x"),
                      ("source", "s" * 300), ("year", "16"), ("versions", "some")):
        error = client.get("/api/search", query_string={"q": "pekin", name: bad}).get_json()["error"]
        assert error["param"] == name


def test_error_codes_listed_are_the_ones_sent(document):
    from web.errors import STATUSES

    declared = document["components"]["schemas"]["Error"]["properties"]["error"]["properties"]
    assert set(declared["code"]["enum"]) == {code for code, _, _ in STATUSES.values()}


def test_server_url_is_the_public_url(make_app):
    client = make_app(PUBLIC_URL="https://archives.example.org").test_client()
    document = client.get("/api/openapi.json", headers={"Host": "attacker.example"}).get_json()
    assert document["servers"] == [{"url": "https://archives.example.org"}]
