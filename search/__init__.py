"""The query side of Chronique: from what a person types to a page of highlighted results."""

from .engine import MAX_RESULT_WINDOW, IndexMissing, InvalidParameter, Searcher

__all__ = ["Searcher", "InvalidParameter", "IndexMissing", "MAX_RESULT_WINDOW"]
