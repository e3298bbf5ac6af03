"""``GET /healthz`` for a load balancer: is this worker ready, and on which index version."""

from flask import Blueprint, jsonify

from search import IndexMissing

from .engine import searcher

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    """200 with the generation and article count once the index is open (and warmed, under
    `chronique serve`); 503 before an index exists."""
    try:
        generation, articles = searcher().state()
    except IndexMissing:
        return jsonify({"ready": False, "generation": None, "articles": 0}), 503
    return jsonify({"ready": True, "generation": generation, "articles": articles})
