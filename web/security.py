"""Response headers that make the browser refuse what the pages never need."""

from urllib.parse import urlsplit

from flask import request
from werkzeug.exceptions import MethodNotAllowed, RequestEntityTooLarge

from .errors import is_api_request

#: Scripts, styles and images only from Chronique itself, and no inline script at all: an article
#: that slipped markup past the escaping still could not run anything.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # Queries are private: a click through to a newspaper site must not carry them along.
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "static":
        # Result pages and API answers hold the reader's query: no shared cache keeps them.
        response.headers.setdefault("Cache-Control", "private, no-store")
    if is_api_request() and request.method in ("GET", "HEAD"):
        # The API is read-only and public: any site may call it from a browser.
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def is_web_link(url):
    """True for http(s) URLs, the only ones an article may turn into a link.

    >>> is_web_link("https://exemple.fr/a"), is_web_link("javascript:alert(1)"), is_web_link(None)
    (True, False, False)
    """
    if not isinstance(url, str):
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


#: Methods served: GET, and HEAD answered as GET without the body (HTTP requires it).
ALLOWED_METHODS = ("GET", "HEAD")

#: Requests carry no body on this read-only service; a larger one is refused (413) unread.
MAX_REQUEST_BODY_BYTES = 16 * 1024


def refuse_other_methods():
    """OPTIONS (which Flask would answer itself) gets the same 405 as POST or PUT."""
    if request.method not in ALLOWED_METHODS and request.routing_exception is None:
        raise MethodNotAllowed(valid_methods=ALLOWED_METHODS)


def refuse_large_bodies():
    """A body over the limit is refused before anything reads it (the server does not)."""
    if (request.content_length or 0) > MAX_REQUEST_BODY_BYTES:
        raise RequestEntityTooLarge()


def register(app):
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BODY_BYTES
    app.before_request(refuse_large_bodies)
    app.before_request(refuse_other_methods)
    app.after_request(add_security_headers)
    app.add_template_test(is_web_link, "web_link")
