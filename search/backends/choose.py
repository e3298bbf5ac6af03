"""The backend a front end searches, chosen by the ``BACKEND`` setting (whoosh by default)."""

from index.opensearch_settings import client_from_settings, opensearch_settings


def backend_from_settings(settings=None):
    """None for Whoosh (the :class:`search.Searcher` default, over its index directory), else
    an OpenSearch backend on ``OPENSEARCH_URL``'s alias ``OPENSEARCH_INDEX``. ``settings``: a
    mapping with the names of :data:`index.opensearch_settings.OPENSEARCH_SETTINGS` (the web
    app's config); None reads ``CHRONIQUE_<NAME>`` from the environment."""
    found = opensearch_settings()
    if settings is not None:
        found.update({name: settings[name] for name in found if settings.get(name)})
    if found["BACKEND"] != "opensearch":
        return None
    from .opensearch.backend import OpenSearchBackend

    return OpenSearchBackend(client_from_settings(found), found["OPENSEARCH_INDEX"],
                             where=found["OPENSEARCH_URL"], owns_client=True)
