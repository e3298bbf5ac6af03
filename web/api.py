"""The JSON API under /api: search, one article, completions, and its own description."""

from flask import Blueprint, abort, current_app, request

from search.page import page_shape

from .engine import searcher
from .errors import ARTICLE_NOT_FOUND
from .openapi import openapi_document
from .params import parse_article_id, parse_query, parse_search

blueprint = Blueprint("api", __name__, url_prefix="/api")

ARTICLE_FIELDS = ("id", "title", "body", "date", "source", "url", "author")
VERSION_FIELDS = ("id", "title", "source", "date", "url", "first", "shared")


@blueprint.get("/search")
def search():
    wanted = parse_search(request.args, current_app.config, query_required=True)
    cursor = request.args.get("cursor", "").strip() or None
    return page_shape(searcher().search(wanted.query, **wanted.engine_arguments(), cursor=cursor))


@blueprint.get("/articles/<path:article_id>")
def article(article_id):
    found = searcher().article(parse_article_id(article_id))
    if found is None:
        abort(404, ARTICLE_NOT_FOUND)
    return {field: found[field] for field in ARTICLE_FIELDS}


@blueprint.get("/articles/<path:article_id>/versions")
def versions(article_id):
    """The versions of an article's text, first-published first (itself among them)."""
    found = searcher().versions(parse_article_id(article_id))
    if found is None:
        abort(404, ARTICLE_NOT_FOUND)
    return {"id": found["id"], "group": found["group"],
            "versions": [{field: version[field] for field in VERSION_FIELDS}
                         for version in found["versions"]]}


@blueprint.get("/suggest")
def suggest():
    """Completions in the OpenSearch suggestions format: ``[query, [completion, …]]``."""
    query = parse_query(request.args, current_app.config["MAX_QUERY_CHARS"], required=False)
    completions = searcher().completions(query, limit=current_app.config["SUGGESTIONS"]) if query else []
    response = current_app.json.response([query, completions])
    response.mimetype = "application/x-suggestions+json"
    return response


@blueprint.get("/openapi.json")
def openapi():
    return openapi_document()
