"""Where an OpenSearch archive lives: the settings of the ``opensearch`` backend, and its client.

Declared here once, as (name, default, help); ``web.settings`` lists them with the others, and
``chronique reindex`` reads them from ``CHRONIQUE_<NAME>``. Credentials come from the
environment only and are never printed.
"""

import os

BACKENDS = ("whoosh", "opensearch")

#: (name, default, help) of each setting; read as ``CHRONIQUE_<NAME>``.
OPENSEARCH_SETTINGS = (
    ("BACKEND", "whoosh", "Search backend: `whoosh` (embedded, the default) or `opensearch`."),
    ("OPENSEARCH_URL", "http://127.0.0.1:9200",
     "OpenSearch node(s), comma-separated URLs (`make cluster` starts 9200-9202)."),
    ("OPENSEARCH_INDEX", "chronique",
     "Name of the alias that readers use; each full rebuild writes a new index behind it."),
    ("OPENSEARCH_USER", "", "User name for OpenSearch's basic authentication (environment only)."),
    ("OPENSEARCH_PASSWORD", "", "Password for OpenSearch's basic authentication (environment only)."),
    ("OPENSEARCH_CA_FILE", "", "CA certificate (PEM) to verify an https:// OpenSearch with."),
)

ENV_PREFIX = "CHRONIQUE_"

#: Seconds a request may take before the client tries another node: longer than the minute a
#: bulk request waits on the server for a lost primary to be replaced.
REQUEST_TIMEOUT_S = 120
#: Times the client retries a request on another node after a connection error or timeout.
MAX_RETRIES = 3


def opensearch_settings(environ=None):
    """The OpenSearch settings, defaults overridden by ``CHRONIQUE_<NAME>`` variables."""
    environ = os.environ if environ is None else environ
    found = {}
    for name, default, _ in OPENSEARCH_SETTINGS:
        value = environ.get(ENV_PREFIX + name, "").strip()
        found[name] = value or default
    return found


def client_from_settings(settings):
    """An ``opensearch-py`` client for ``settings``: every node listed, retries on the others."""
    from opensearchpy import OpenSearch

    hosts = [url.strip() for url in settings["OPENSEARCH_URL"].split(",") if url.strip()]
    options = {"hosts": hosts, "timeout": REQUEST_TIMEOUT_S, "max_retries": MAX_RETRIES,
               "retry_on_timeout": True}
    if settings["OPENSEARCH_USER"]:
        options["http_auth"] = (settings["OPENSEARCH_USER"], settings["OPENSEARCH_PASSWORD"])
    if settings["OPENSEARCH_CA_FILE"]:
        options.update(use_ssl=True, verify_certs=True, ca_certs=settings["OPENSEARCH_CA_FILE"])
    return OpenSearch(**options)
