"""The API's OpenAPI 3.1 description, served at /api/openapi.json.

Schemas forbid fields they do not list, and ``tests/web/test_openapi.py`` checks real responses
against them, so this description cannot drift from what the API sends.
"""

from flask import current_app, url_for

from search import MAX_RESULT_WINDOW
from search.facets import FACETS, MAX_YEARS
from search.params import MAX_PER_PAGE

from .params import MAX_SOURCES, SORTS


def _object(properties):
    """An object with exactly these properties, all present."""
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


def _nullable(kind, **extra):
    return {"type": [kind, "null"], **extra}


DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
NULLABLE_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
HTML_NOTE = ("HTML: the text escaped, with only <mark> elements around matched words. "
             "Insert it as element content, never inside an attribute.")

SCHEMAS = {
    "Hit": _object({
        "id": {"type": "string"},
        "title": {"type": "string"},
        "title_html": {"type": "string", "description": HTML_NOTE},
        "url": _nullable("string", description="The original article's address, when known."),
        "source": _nullable("string"),
        "date": NULLABLE_DATE,
        "score": {"type": "number"},
        "snippet_html": {"type": "string", "description": HTML_NOTE},
        "group": {"$ref": "#/components/schemas/Group"},
    }),
    "VersionRef": _object({
        "id": {"type": "string"}, "source": _nullable("string"), "date": NULLABLE_DATE,
    }),
    "Group": {**_object({
        "id": {"type": "string", "description": "The group's id: its first-published "
                                                "version's id (the article's own id when alone)."},
        "size": {"type": "integer", "minimum": 1, "description": "Versions of the text."},
        "first": {"description": "The first-published version (earliest date, then source "
                                 "name, then id); null when the article is alone.",
                  "oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/VersionRef"}]},
        "others": {"type": "array", "items": {"$ref": "#/components/schemas/VersionRef"},
                   "description": "The other versions, first-published first (20 at most)."},
    }), "description": "The versions of one text (copies of a dispatch, re-filings, updates) "
                       "this article belongs to."},
    "Version": _object({
        "id": {"type": "string"}, "title": {"type": "string"}, "source": _nullable("string"),
        "date": NULLABLE_DATE, "url": _nullable("string"),
        "first": {"type": "boolean", "description": "The first-published version."},
        "shared": {"type": "number", "minimum": 0, "maximum": 1,
                   "description": "Estimated share of the shorter text's wording found in the "
                                  "other, against the article asked for."},
    }),
    "Versions": _object({
        "id": {"type": "string"},
        "group": {"type": "string"},
        "versions": {"type": "array", "items": {"$ref": "#/components/schemas/Version"},
                     "description": "Every version, the article asked for included, "
                                    "first-published first."},
    }),
    "FacetValue": _object({
        "value": _nullable("string", description="null counts the articles without a source "
                                                 "(or without a date), listed last, so that a "
                                                 "facet's counts add up to `articles`."),
        "count": {"type": "integer", "minimum": 1},
    }),
    "SearchResponse": _object({
        "query": {"type": "string"},
        "total": {"type": "integer", "minimum": 0, "description": "Exact number of results: "
                  "distinct texts when `versions` is `grouped`, articles when `all`."},
        "articles": {"type": "integer", "minimum": 0, "description": "Matching articles."},
        "texts": {"type": "integer", "minimum": 0,
                  "description": "Distinct texts among them (versions of one text count once)."},
        "versions": {"enum": ["grouped", "all"]},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "pages": {"type": "integer", "minimum": 0},
        "sort": {"enum": list(SORTS)},
        "took_ms": {"type": "number", "minimum": 0},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": _object({
            name: {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"},
                   "description": f"Article counts (every version) by {name} over all results, every filter "
                                  f"applied but the `{name}` selection (disjunctive facets)."}
            for name in FACETS}),
        "suggestion": {
            "description": "A close query that finds clearly more, or null. `html` is the query "
                           "escaped, with the corrected words in <em>.",
            "oneOf": [{"type": "null"},
                      _object({"query": {"type": "string"}, "html": {"type": "string"}})],
        },
        "notice": _nullable("string", description="A French sentence for the reader when the "
                                                  "query was repaired or limited, else null."),
        "cursor": _nullable("string", description="Pass it back as `cursor` for the next page, "
                                                  "past the paging cap too (stable while the index "
                                                  "does not change); null after the last page."),
    }),
    "Bucket": _object({
        "start": DATE, "end": {**DATE, "description": "Last day of the period, inclusive."},
        "count": {"type": "integer", "minimum": 0, "description": "Matching articles."},
        "archive_count": {"type": "integer", "minimum": 0,
                          "description": "All the archive's articles of the period."},
    }),
    "Timeline": _object({
        "query": {"type": "string"},
        "total": {"type": "integer", "minimum": 0, "description": "Matching articles; the "
                  "buckets' counts and `undated` add up to it."},
        "interval": {"enum": ["day", "week", "month", "year"]},
        "buckets": {"type": "array", "items": {"$ref": "#/components/schemas/Bucket"}},
        "undated": {"type": "integer", "minimum": 0, "description": "Matches without a date."},
        "notice": _nullable("string"),
    }),
    "Comparison": _object({
        "interval": {"enum": ["day", "week", "month", "year"]},
        "series": {"type": "array", "items": {"$ref": "#/components/schemas/Timeline"},
                   "description": "One timeline per `q`, in order, over the same periods."},
    }),
    "Article": _object({
        "id": {"type": "string"},
        "title": {"type": "string"},
        "body": {"type": "string", "description": "Plain text; paragraphs separated by a blank line."},
        "date": NULLABLE_DATE,
        "source": _nullable("string"),
        "url": _nullable("string"),
        "author": _nullable("string"),
    }),
    "Suggestions": {
        "type": "array", "minItems": 2, "maxItems": 2,
        "description": "OpenSearch suggestions: the query, then its completions.",
        "prefixItems": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    },
    "Error": _object({
        "error": _object({
            "code": {"enum": ["invalid_parameter", "not_found", "method_not_allowed",
                              "index_unavailable", "internal_error"]},
            "message": {"type": "string", "description": "What went wrong and what is allowed (French)."},
            "param": _nullable("string", description="The query parameter at fault, if any."),
        }),
    }),
}


def _parameter(name, description, schema, required=False, location="query", **extra):
    return {"name": name, "in": location, "required": required, "description": description,
            "schema": schema, **extra}


def _error(description):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _ok(schema_name, description, media_type="application/json"):
    return {"description": description,
            "content": {media_type: {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def search_parameters(max_query_chars):
    return [
        _parameter("q", "The query (syntax in the README: words, \"phrase\", -word, OR, titre:, "
                        "source:, date:, prefix*).", {"type": "string", "minLength": 1,
                                                       "maxLength": max_query_chars}, required=True),
        _parameter("page", "Page number, from 1; page × per_page is at most "
                           f"{MAX_RESULT_WINDOW}.", {"type": "integer", "minimum": 1, "default": 1}),
        _parameter("per_page", "Results per page.",
                   {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 10}),
        _parameter("sort", "Order of the results.", {"enum": list(SORTS), "default": "relevance"}),
        _parameter("from", "Earliest date, inclusive.", {**DATE, "format": "date"}),
        _parameter("to", "Latest date, inclusive.", {**DATE, "format": "date"}),
        _parameter("versions", "`grouped`: one result per text, the best-ranked of its "
                               "versions, paging by text; `all`: every article.",
                   {"enum": ["grouped", "all"], "default": "grouped"}),
        _parameter("cursor", "The `cursor` of the previous page: the next page, however deep "
                             "(page is then ignored).", {"type": "string"}),
        _parameter("source", f"Only these sources (exact names, repeatable, {MAX_SOURCES} at most).",
                   {"type": "array", "items": {"type": "string"}, "maxItems": MAX_SOURCES},
                   style="form", explode=True),
        _parameter("year", f"Only these years (four digits, repeatable, {MAX_YEARS} at most); "
                           "with `source`, an article must match both.",
                   {"type": "array", "items": {"type": "string", "pattern": r"^\d{4}$"},
                    "maxItems": MAX_YEARS}, style="form", explode=True),
    ]


def _named(max_query_chars, *names):
    """The search parameters of these names, in that order."""
    by_name = {p["name"]: p for p in search_parameters(max_query_chars)}
    return [by_name[name] for name in names]


def openapi_document():
    max_query_chars = current_app.config["MAX_QUERY_CHARS"]
    article_id = _parameter("id", "The article's id.", {"type": "string"}, required=True,
                            location="path")
    bad_request = _error("A parameter has a value that is not allowed.")
    return {
        "openapi": "3.1.0",
        "info": {"title": "Chronique", "version": "1",
                 "description": "Search a French news archive. Responses are UTF-8 JSON; every "
                                "error has the shape of the Error schema."},
        "servers": [{"url": url_for("pages.search", _external=True).rstrip("/")}],
        "paths": {
            "/api/search": {"get": {
                "summary": "Search articles",
                "parameters": search_parameters(max_query_chars),
                "responses": {"200": _ok("SearchResponse", "A page of results."), "400": bad_request,
                              "503": _error("No index has been built yet.")},
            }},
            "/api/timeline": {"get": {
                "summary": "Matching articles counted by period",
                "description": "With one `q`, a Timeline; with `q` repeated (up to 4), a "
                               "Comparison of the queries over the same periods.",
                "parameters": [
                    _parameter("q", "A query; repeat it to compare up to 4.",
                               {"type": "array", "items": {"type": "string", "minLength": 1,
                                                           "maxLength": max_query_chars},
                                "minItems": 1, "maxItems": 4}, required=True, style="form",
                               explode=True),
                    _parameter("interval", "Bucket size; auto gives about 12 to 60 buckets.",
                               {"enum": ["auto", "day", "week", "month", "year"],
                                "default": "auto"}),
                ] + _named(max_query_chars, "from", "to", "source", "year"),
                "responses": {"200": {"description": "Counts by period.", "content": {
                    "application/json": {"schema": {"oneOf": [
                        {"$ref": "#/components/schemas/Timeline"},
                        {"$ref": "#/components/schemas/Comparison"}]}}}},
                    "400": bad_request, "503": _error("No index has been built yet.")},
            }},
            "/api/export": {"get": {
                "summary": "Every matching article (up to 100,000), streamed",
                "description": "Columns: id, date, source, title, author, url, score, group_id, "
                               "snippet (plain text). CSV is UTF-8 with a byte-order mark and a "
                               "header; RIS records are of type NEWS.",
                "parameters": [_parameter("format", "File format.",
                                          {"enum": ["csv", "jsonl", "ris"], "default": "csv"})]
                              + _named(max_query_chars, "q", "sort", "from", "to", "source", "year"),
                "responses": {"200": {"description": "The file.", "content": {
                    "text/csv": {}, "application/x-ndjson": {},
                    "application/x-research-info-systems": {}}},
                    "400": _error("A bad parameter, or more than 100,000 matches."),
                    "503": _error("No index has been built yet.")},
            }},
            "/api/articles/{id}": {"get": {
                "summary": "One article",
                "parameters": [article_id],
                "responses": {"200": _ok("Article", "The article."),
                              "404": _error("No article has this id."),
                              "503": _error("No index has been built yet.")},
            }},
            "/api/articles/{id}/versions": {"get": {
                "summary": "The versions of an article's text",
                "parameters": [article_id],
                "responses": {"200": _ok("Versions", "The article's group."),
                              "404": _error("No article has this id."),
                              "503": _error("No index has been built yet.")},
            }},
            "/api/suggest": {"get": {
                "summary": "Completions for a search box (OpenSearch suggestions)",
                "parameters": [_parameter("q", "What has been typed so far.",
                                          {"type": "string", "maxLength": max_query_chars})],
                "responses": {"200": _ok("Suggestions", "The query and its completions.",
                                         "application/x-suggestions+json"),
                              "400": bad_request},
            }},
            "/api/openapi.json": {"get": {
                "summary": "This description",
                "responses": {"200": {"description": "OpenAPI 3.1 document.",
                                      "content": {"application/json": {}}}},
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
