"""The pages people read, and the documents browsers and feed readers fetch."""

import re
from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, render_template, request

from .engine import searcher
from search import InvalidParameter

from .errors import ARTICLE_NOT_FOUND
from .params import SearchRequest, parse_article_id, parse_query, parse_search

blueprint = Blueprint("pages", __name__)

#: Characters XML 1.0 forbids even escaped; one in a query or an article would break the feed.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@blueprint.get("/")
def search():
    wanted = parse_search(request.args, current_app.config, query_required=False,
                          swap_reversed_dates=True)
    if not wanted.query:
        return render_template("welcome.html", search=wanted)
    result = searcher().search(wanted.query, **wanted.engine_arguments())
    return render_template("results.html", search=wanted, result=result)


@blueprint.get("/articles/<path:article_id>")
def article(article_id):
    article_id = parse_article_id(article_id)
    query = parse_query(request.args, current_app.config["MAX_QUERY_CHARS"], required=False)
    found = searcher().article_html(article_id, query=query or None)
    if found is None:
        abort(404, ARTICLE_NOT_FOUND)
    limit = current_app.config["RELATED_ARTICLES"]
    related = searcher().related(article_id, limit=limit) if limit else []
    versions = searcher().versions(article_id)
    return render_template("article.html", article=found, related=related, query=query,
                           back=_search_to_return_to(query),
                           versions=versions["versions"] if versions else [])


def _search_to_return_to(query):
    """The search the reader came from, filters, sort and page included; just the query if
    the rest does not hold (a broken back link must not cost the article)."""
    try:
        return parse_search(request.args, current_app.config, query_required=False,
                            swap_reversed_dates=True)
    except InvalidParameter:
        return SearchRequest(query=query, per_page=current_app.config["PER_PAGE"])


@blueprint.get("/opensearch.xml")
def opensearch():
    body = render_template("opensearch.xml")
    return body, {"Content-Type": "application/opensearchdescription+xml; charset=utf-8"}


@blueprint.get("/feed.atom")
def feed():
    """The newest articles matching a query, for a feed reader to follow."""
    query = parse_query(request.args, current_app.config["MAX_QUERY_CHARS"], required=True)
    entries = searcher().newest(query, limit=current_app.config["FEED_ENTRIES"])
    dates = [entry["date"] for entry in entries if entry.get("date")]
    # A feed must say when it last changed: its newest article, else now.
    updated = max(dates) + "T00:00:00Z" if dates else datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = XML_FORBIDDEN.sub("", render_template("feed.atom.xml", query=query, entries=entries,
                                                 updated=updated))
    return body, {"Content-Type": "application/atom+xml; charset=utf-8"}
