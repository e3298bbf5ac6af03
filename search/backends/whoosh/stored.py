"""Stored fields read straight from each segment's stored column.

Checking a phrase of frequent words as written reads the stored text of thousands of
articles per search, re-ranking that of the best hundred; Whoosh's ``stored_fields`` first finds the segment, then rebuilds the
dict keeping only the fields the schema still has (a schema Chronique never changes under
an index). Here the segment is found by bisection and its column's dict is returned as is.
"""

from bisect import bisect_right


def stored_reader(searcher):
    """``read(docnum)`` → the stored fields of a document of ``searcher``, a dict of its own
    (unpickled afresh on each read, as Whoosh's)."""
    segments = []
    for subsearcher, offset in searcher.leaf_searchers():
        leaf = subsearcher.reader()
        perdoc = getattr(leaf, "_perdoc", None)
        segments.append((offset, getattr(perdoc, "stored_fields", None) or leaf.stored_fields))
    starts = [offset for offset, _ in segments]

    def read(docnum):
        offset, fields = segments[bisect_right(starts, docnum) - 1]
        return fields(docnum - offset) or {}

    return read
