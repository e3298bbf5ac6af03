"""The search page as the API and ``chronique search --json`` send it, written in one place.

The engine's page carries more than a reader needs (``hits`` with every stored field); this is
the public shape, documented in ``web/openapi.py``.
"""

from .facets import FACETS

HIT_FIELDS = ("id", "title", "title_html", "url", "source", "date", "score", "snippet_html",
              "group")


def page_shape(result):
    """The public page of an engine result: ``results``, not ``hits``; facet values and counts."""
    return {
        "query": result["query"],
        "total": result["total"],
        "articles": result["articles"],
        "texts": result["texts"],
        "versions": result["versions"],
        "page": result["page"],
        "per_page": result["per_page"],
        "pages": result["pages"],
        "sort": result["sort"],
        "took_ms": result["took_ms"],
        "results": [{field: hit[field] for field in HIT_FIELDS} for hit in result["hits"]],
        "facets": {
            name: [{"value": item["value"], "count": item["count"]} for item in result["facets"][name]]
            for name in FACETS
        },
        "suggestion": result["suggestion"],
        "notice": result.get("notice"),
        "cursor": result.get("cursor"),
    }
