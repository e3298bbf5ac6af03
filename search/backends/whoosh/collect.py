"""Collecting matches: every match is scored once, so the total is exact and facets are
counted over the whole result set, while only the requested page is ever sorted.

:mod:`search.backends.whoosh.scoring` scores most queries itself; :class:`AllMatches`
collects the matches of the query kinds it leaves to Whoosh."""

import heapq

from whoosh.collectors import ScoredCollector


class AllMatches(ScoredCollector):
    """Scores every match and keeps (score, docnum) pairs.

    Whoosh's top-N collector skips low-scoring blocks, which makes its count a second pass;
    this one never skips (``replace=0`` also keeps matchers from being pruned by score).
    """

    def __init__(self):
        super().__init__(replace=0)
        self.found = []

    def collect(self, sub_docnum):
        self.found.append((self.matcher.score(), self.offset + sub_docnum))

    def _collect(self, global_docnum, score):  # pragma: no cover - collect() does the work
        raise NotImplementedError

    def count(self):
        return len(self.found)

    def results(self):  # search_with_collector asks for it; the caller reads ``found``
        return None


def best(found, count, sort, days):
    """The first ``count`` (score, docnum) pairs in the order ``sort`` asks for.

    ``days`` gives each document's date as a day number, 0 when undated.
    """
    if sort == "relevance":
        return heapq.nlargest(count, found, key=lambda m: (m[0], days[m[1]]))
    if sort == "newest":
        return heapq.nlargest(count, found, key=lambda m: (days[m[1]], m[0]))
    # oldest: undated articles (day 0) go last, not first
    return heapq.nsmallest(count, found, key=lambda m: (days[m[1]] or float("inf"), -m[0]))
