"""Errors: one JSON shape for the API, one page for people, never a traceback.

Every error the application answers goes through :func:`handle_error`: API paths get
``{"error": {"code", "message", "param"}}``, other paths the ``error.html`` page.
"""

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from search import IndexMissing, IndexOutdated, InvalidParameter, SearchUnavailable

#: The one sentence for an article id that names no article (pages, API, citations, and an
#: id no article could have).
ARTICLE_NOT_FOUND = "Aucun article ne porte cet identifiant : il a peut-être été retiré de l’archive."

INDEX_OUTDATED = ("L’index a été écrit par une autre version de Chronique : lancez "
                  "« chronique reindex --full » pour le reconstruire.")

#: status → (JSON code, page title, message when the exception brings none of its own)
STATUSES = {
    400: ("invalid_parameter", "Requête incorrecte", "La requête est mal formée."),
    404: ("not_found", "Page introuvable", "Cette adresse ne correspond à aucune page de Chronique."),
    405: ("method_not_allowed", "Méthode non autorisée", "Cette adresse ne répond qu’aux requêtes GET."),
    500: ("internal_error", "Erreur interne",
          "Une erreur inattendue est survenue ; elle a été consignée. Réessayez plus tard."),
    503: ("index_unavailable", "Recherche indisponible",
          "L’index des articles n’est pas encore construit : lancez « chronique reindex »."),
}


def is_api_request():
    """True for paths under /api, which speak JSON even when they fail."""
    return request.path.split("/")[1] == "api"


class ErrorReply:
    """What an error becomes: status, code, message, and the parameter at fault if any."""

    def __init__(self, status, message=None, param=None, headers=()):
        code, self.title, default_message = STATUSES.get(
            status, (f"http_{status}", "Erreur", "La requête n’a pas abouti."))
        self.status, self.code, self.param = status, code, param
        self.message = message or default_message
        self.headers = dict(headers)


def handle_error(error):
    reply = as_reply(error)
    if is_api_request():
        body = {"error": {"code": reply.code, "message": reply.message, "param": reply.param}}
        response = jsonify(body)
    else:
        response = render_template("error.html", error=reply)
    return response, reply.status, reply.headers


def as_reply(error):
    if isinstance(error, InvalidParameter):
        return ErrorReply(400, str(error), param=error.param)
    if isinstance(error, SearchUnavailable):  # the cluster is unreachable: say so
        return ErrorReply(503, str(error), headers={"Retry-After": "10"})
    if isinstance(error, IndexOutdated):
        return ErrorReply(503, INDEX_OUTDATED)
    if isinstance(error, IndexMissing):
        return ErrorReply(503)
    if isinstance(error, InternalServerError):
        return ErrorReply(500)
    if isinstance(error, HTTPException):
        own_message = error.description if error.description != type(error).description else None
        # Flask lists OPTIONS among a route's methods, but OPTIONS is refused like the rest.
        # Werkzeug gathers them in a set: sorted, GET first, the header reads the same each time.
        allowed = sorted((m for m in getattr(error, "valid_methods", None) or () if m != "OPTIONS"),
                         key=lambda method: (method != "GET", method))
        headers = {"Allow": ", ".join(allowed)} if allowed else {}
        return ErrorReply(error.code or 500, own_message, headers=headers)
    raise error


def register(app):
    for kind in (InvalidParameter, IndexMissing, HTTPException):
        app.register_error_handler(kind, handle_error)

