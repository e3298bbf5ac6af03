"""The address Chronique speaks of itself: absolute URLs never come from the request's Host.

The ``Host`` header is whatever the client typed. Copied into ``/opensearch.xml`` or a feed, a
forged one would make a cached document point browsers elsewhere; a malformed one (``.``,
``a..b``, a label over 63 characters) makes URL building fail on every page. So every request is
answered as if sent to ``PUBLIC_URL``, and a malformed Host gets a 400.
"""

import re
from urllib.parse import urlsplit

from flask import abort, request

#: A host name (labels of 1–63 characters), an IPv4 address or a bracketed IPv6 one, with an
#: optional port.
VALID_HOST = re.compile(
    r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
    r"(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?)(:[0-9]{1,5})?")
MAX_HOST_CHARS = 255
BAD_HOST_KEY = "chronique.bad_host"
BAD_HOST_MESSAGE = "L’en-tête Host de la requête n’est pas un nom d’hôte valide."


def is_valid_host(host):
    """
    >>> [is_valid_host(h) for h in ("exemple.fr:8000", "[::1]:80", ".", "a..b", "a" * 64)]
    [True, True, False, False, False]
    """
    return len(host) <= MAX_HOST_CHARS and VALID_HOST.fullmatch(host) is not None


def public_url(config):
    """``PUBLIC_URL``, else the address ``chronique serve`` listens on."""
    return (config.get("PUBLIC_URL") or f"http://{config['HOST']}:{config['PORT']}").rstrip("/")


def check_public_url(value):
    """Why ``value`` cannot be the public URL, or None."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or not is_valid_host(parts.netloc):
        return "PUBLIC_URL must be an http(s) URL such as https://archives.example.org"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return "PUBLIC_URL is a scheme and a host only, such as https://archives.example.org"
    return None


class PublicAddress:
    """WSGI middleware: the request is seen as sent to the public URL; a bad Host is flagged."""

    def __init__(self, wsgi_app, config):
        self.wsgi_app = wsgi_app
        self.config = config

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST")
        if host is not None and not is_valid_host(host):
            environ[BAD_HOST_KEY] = True
        parts = urlsplit(public_url(self.config))
        environ["HTTP_HOST"] = parts.netloc
        environ["wsgi.url_scheme"] = parts.scheme
        return self.wsgi_app(environ, start_response)


def refuse_bad_host():
    if request.environ.get(BAD_HOST_KEY):
        abort(400, BAD_HOST_MESSAGE)


def register(app):
    app.wsgi_app = PublicAddress(app.wsgi_app, app.config)
    app.before_request(refuse_bad_host)
