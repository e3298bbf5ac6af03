"""The query side of Chronique: from what a person types to a page of highlighted results."""

# What the front ends need of the index itself, so that they import ``search`` only: where the
# index lives, and which article ids no page could serve.
from index.articles import unservable_id_reason
from index.opensearch_settings import OPENSEARCH_SETTINGS
from index.store import DEFAULT_INDEX_DIR, index_dir

from .backends.choose import backend_from_settings
from .backends.opensearch.backend import SearchUnavailable
from .engine import MAX_RESULT_WINDOW, IndexMissing, IndexOutdated, InvalidParameter, Searcher

__all__ = ["Searcher", "InvalidParameter", "IndexMissing", "IndexOutdated", "MAX_RESULT_WINDOW",
           "DEFAULT_INDEX_DIR", "backend_from_settings", "SearchUnavailable", "OPENSEARCH_SETTINGS", "index_dir", "unservable_id_reason"]
