"""What a query matched, kept for its next pages: paging on reads no postings again.

A reader going from page 1 to page 2 asks for the same query and filters; parsing, scoring
every match (the exact total), checking phrases against the stored text and counting facets
would give the same answer. The entry is keyed by the index version, so a reindex is never
served stale matches, and a search cut short by its time budget is not kept (its next page
deserves a full try).
"""

import copy
import threading
from collections import OrderedDict

#: Matches kept, counted in (score, article) pairs over every entry: about 100 bytes each, so
#: some 50 MB at most; a single query matching more than a quarter of it is not kept.
MAX_PAIRS = 500_000


class MatchCache:
    """``get(key)`` / ``put(key, value, size)``, least recently used first out past ``budget``
    pairs in total. Values are copied on the way out so that a page's notices stay its own."""

    def __init__(self, budget=MAX_PAIRS):
        self.budget = budget
        self.size = 0
        self.entries = OrderedDict()  # key → (value, size)
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            self.entries.move_to_end(key)
        return _fresh(entry[0])

    def put(self, key, value, size):
        if size > self.budget // 4:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self.entries[key] = (_fresh(value), size)
            self.size += size
            while self.size > self.budget and self.entries:
                _, (_, dropped) = self.entries.popitem(last=False)
                self.size -= dropped


def _fresh(value):
    """``(tree, matches)`` with a list of notices of its own (a page appends to it)."""
    tree, matches = value
    matches = copy.copy(matches)
    matches.notices = list(matches.notices)
    return tree, matches
