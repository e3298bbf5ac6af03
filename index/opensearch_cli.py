"""`chronique reindex --backend opensearch`: the OpenSearch half of :mod:`index.cli`."""

from .opensearch_reindex import BackendUnavailable, reindex_opensearch
from .opensearch_settings import client_from_settings, opensearch_settings
from .progress import Progress
from .reindex import ArchiveUnavailable
from .store import IndexBusy


def reindex_into_opensearch(paths, full, patterns, failure):
    """Runs the reindex; returns the summary and where it went. Errors become ``failure``."""
    settings = opensearch_settings()
    alias = settings["OPENSEARCH_INDEX"]
    where = f"OpenSearch index {alias} at {settings['OPENSEARCH_URL']}"
    client = client_from_settings(settings)
    progress = Progress()
    try:
        summary = reindex_opensearch(paths, client, alias, full=full, boilerplate=patterns,
                                     progress=progress)
    except (IndexBusy, ArchiveUnavailable, BackendUnavailable) as error:
        raise failure(str(error))
    except KeyboardInterrupt:
        raise failure(f"interrupted: the alias {alias} was left as it was before this reindex")
    finally:
        progress.close()
        client.close()
    return summary, where
