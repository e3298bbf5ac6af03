"""Cursors for paging past the paging cap, as Elasticsearch's ``search_after``: a cursor names
the next result's rank and the index version it was computed on, so a walk returns every
result exactly once while the index does not change, and says so when it did."""

import base64
import hashlib
import json

from .params import InvalidParameter

_EXPIRED = ("ce curseur vient d’une version de l’index qui a changé depuis : recommencez la "
            "recherche sans curseur")


def _tag(version):
    return hashlib.sha1(version.encode("utf-8")).hexdigest()[:12]


def encode(offset, version):
    """An opaque string for the results from rank ``offset`` (0-based) on."""
    raw = json.dumps({"o": offset, "v": _tag(version)}, separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(cursor, version):
    """The rank a cursor made by :func:`encode` starts at; InvalidParameter if it is not one, or
    was made on another version of the index."""
    try:
        text = str(cursor).strip()
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        offset, tag = data["o"], data["v"]
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise ValueError
    except (ValueError, TypeError, KeyError, UnicodeError):
        raise InvalidParameter("cursor", "cursor n’est pas un curseur renvoyé par une recherche : "
                                         "reprenez celui de la réponse précédente") from None
    if tag != _tag(version):
        raise InvalidParameter("cursor", _EXPIRED)
    return offset
