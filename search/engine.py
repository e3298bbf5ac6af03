"""The search API: one :class:`Searcher` per index, shared by every thread of a process.

Use (README documents every field of the page)::

    searcher = Searcher("var/index")
    page = searcher.search("Choïgu Pékin", per_page=5)
    page["total"], page["hits"][0]["snippet_html"]
"""

import functools
import math
import re
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from index.store import IndexMissing, IndexOutdated

from .backends.base import Filters
from .backends.whoosh.backend import WhooshBackend
from .facets import check_years
from .match_cache import MatchCache
from .highlight import highlight_html, snippet_html
from .params import (DEFAULT_PER_PAGE, MAX_RESULT_WINDOW, InvalidParameter, check_dates,
                     check_page, check_sort, check_sources)
from .query_parser import parse
from .ranking import Ranking
from . import budget as budgets, cursors, export as exports, rerank as reranking
from . import timeline as timelines
from .grouping import check_versions, fold, hit_group, shared_text
from .version_diff import first_paragraph, word_diff_html
from .suggest import suggest

__all__ = ["Searcher", "InvalidParameter", "IndexMissing", "IndexOutdated", "MAX_RESULT_WINDOW"]

#: A "did you mean" is looked for when a query finds fewer articles than this.
SUGGEST_BELOW = 5
#: Candidates "more like this" reads beyond those asked for: the same story filed again (same
#: title) is left out.
RELATED_SPARE = 5

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class Searcher:
    """Searches one index directory (the ``current`` generation a reindex publishes).

    One pipeline over a backend (:mod:`search.backends.base`): a query is parsed once, then
    goes through four stages, each a method below — **match** (the backend finds and scores
    every article the parse tree matches, with the filters; a query no article fully matches
    is tried again loosely), **group** (the versions of one text — copies of a dispatch, an
    update — folded into one result, unless every article is asked for), **rank** (the page's order, the best matches
    looked at again by :mod:`search.rerank`), **render** (stored fields to a hit with its
    highlighted title and snippets).

    Safe to share between threads: the backend gives each thread its own view, and every call
    checks whether a reindex published a new version — the next search after a reindex sees
    the new articles.
    """

    def __init__(self, index_dir, *, snippet_chars=200, snippet_fragments=3, ranking=Ranking(),
                 backend=None, time_budget=budgets.DEFAULT_SECONDS):
        self.time_budget = time_budget  # seconds a search may score for (None: no limit)
        self.root = Path(index_dir)
        self.snippet_chars = snippet_chars
        self.snippet_fragments = snippet_fragments
        self.ranking = ranking
        self.backend = WhooshBackend(self.root) if backend is None else backend
        self._matched = MatchCache()
        self.backend.snapshot()  # fail now, with IndexMissing, rather than at the first search

    def close(self):
        """Closes every open searcher (call once no search is running)."""
        self.backend.close()

    def warm(self):
        """Reads now what the first searches would otherwise read: per-article columns, field
        lengths, the vocabulary used for suggestions and the title words used for completions
        (a few seconds on 40,000 articles). Returns the name of the version warmed."""
        snapshot = self.backend.snapshot()
        snapshot.warm()
        return snapshot.version

    def state(self):
        """``(generation, articles)``: the name of the index version searched and its size."""
        return self.backend.snapshot().state()

    # --- searching -----------------------------------------------------------------------

    def search(self, query, *args, **kwargs):
        """One page of results for ``query`` (see README, "Search API & query language");
        ``cursor``, from a previous page's ``cursor``, pages on past the paging cap. Past the
        time budget, the page holds what was found by then, with a notice saying so."""
        with budgets.within(self.time_budget) as budget:
            found = self._search(query, *args, **kwargs)
        if budget.exhausted:
            found["notice"] = " ".join(filter(None, (found["notice"], budgets.NOTICE)))
        return found

    def _search(self, query, page=1, per_page=DEFAULT_PER_PAGE, sort="relevance", date_from=None,
                date_to=None, sources=(), years=(), cursor=None, versions="grouped"):
        started = time.perf_counter()
        versions = check_versions(versions)
        if cursor is not None:
            check_page(1, per_page)
        else:
            page, per_page = check_page(page, per_page)
        sort = check_sort(sort)
        filters = _filters(date_from, date_to, sources, years)
        query = query if isinstance(query, str) else ("" if query is None else str(query))

        snapshot = self.backend.snapshot()
        offset = (int(page) - 1) * int(per_page) if cursor is None else \
            cursors.decode(cursor, snapshot.version)
        per_page = int(per_page)
        tree, matches = self._match(snapshot, query, filters)
        articles = len(matches.found)
        folded = self._group(snapshot, matches, sort)
        texts = len(folded.found)
        if versions == "grouped":
            matches = folded
        total = len(matches.found)
        window = min(total, MAX_RESULT_WINDOW)
        pages = math.ceil(window / per_page)
        fetch = functools.lru_cache(maxsize=None)(snapshot.fetch)
        ranked = self._rank(snapshot, tree, matches, offset + per_page, sort, fetch)
        table = snapshot.version_table()
        hits = [self._render(fetch(handle), score, matches.marks, table)
                for score, handle in ranked[offset:offset + per_page]]
        notices = matches.notices
        if cursor is None and total > MAX_RESULT_WINDOW and page >= pages:
            notices.append(f"Seuls les {MAX_RESULT_WINDOW:,} premiers résultats sont consultables "
                           f"sur {total:,} : précisez la requête ou filtrez par date ou source."
                           .replace(",", "\u202f"))
        suggestion = self._suggestion(snapshot, query, matches.words, total, filters)
        following = offset + per_page
        return {
            "query": query,
            "total": total,
            "articles": articles,
            "texts": texts,
            "versions": versions,
            "page": offset // per_page + 1,
            "per_page": per_page,
            "pages": pages,
            "sort": sort,
            "took_ms": round((time.perf_counter() - started) * 1000, 2),
            "hits": hits,
            "facets": snapshot.facets(matches, filters),
            "suggestion": suggestion,
            "notice": " ".join(dict.fromkeys(notices)) or None,
            "cursor": cursors.encode(following, snapshot.version) if following < total else None,
        }

    # --- the stages ----------------------------------------------------------------------

    def _match(self, snapshot, query, filters):
        """Stage 1: ``(tree, matches)`` — the one parse of ``query`` and every article it
        matches with ``filters``, the parser's notices first (kept for the query's next pages)."""
        key = (snapshot.version, query, filters, self.ranking)
        found = self._matched.get(key)
        if found is None:
            found = self._match_afresh(snapshot, query, filters)
            if not budgets.exhausted():
                tree, matches = found
                self._matched.put(key, found, len(matches.found) + len(matches.unselected or ()))
        return found

    def _match_afresh(self, snapshot, query, filters):
        parsed = parse(query)
        matches = snapshot.match(parsed.tree, filters, self.ranking)
        matches.notices = parsed.notices + matches.notices
        if not matches.searchable:
            if not matches.notices and query.strip():
                matches.notices.append("La requête ne contient aucun mot à chercher.")
        elif not matches.found and matches.relaxable:
            # No article has every word: show those with the most of them, and say so.
            loose = snapshot.match(parsed.tree, filters, self.ranking, loose=True)
            matches.found, matches.unselected = loose.found, loose.unselected
            if loose.found:
                matches.notices.append("Aucun article ne contient tous les mots : voici ceux "
                                       "qui en contiennent le plus.")
        return parsed.tree, matches

    def _group(self, snapshot, matches, sort="relevance"):
        """Stage 2: the matches as results, the versions of one text folded into the one
        ``sort`` ranks first (:mod:`search.grouping`). Kept with the matches for their next
        pages."""
        folded = getattr(matches, "folded", None)
        if folded is None:
            folded = matches.folded = {}
        found = folded.get(sort)
        if found is None:
            found = folded[sort] = fold(matches, snapshot.handle_groups(), sort, snapshot.day)
        return found

    def _rank(self, snapshot, tree, matches, count, sort, fetch):
        """Stage 3: the first ``count`` results in ``sort`` order, the best ones looked at
        again for the words as typed (from the same parse tree as the match)."""
        ranked = snapshot.order(matches, max(count, reranking.RERANK_DEPTH), sort)
        if sort == "relevance" and self.ranking.rerank:
            ranked = reranking.rerank(tree, ranked, fetch, _Days(snapshot))
        return ranked

    def _render(self, stored, score, marks, table):
        """Stage 4: one hit of the page, its title and snippets marked (escaped first), with
        its group of versions."""
        title = stored.get("title", "")
        return {
            "group": hit_group(table, stored.get("id"), _iso_day),
            "id": stored.get("id"),
            "title": title,
            "title_html": highlight_html(title, marks),
            "url": stored.get("url"),
            "source": stored.get("source"),
            "date": _iso_date(stored.get("date")),
            "score": round(score, 4),
            "snippet_html": snippet_html(stored.get("body", ""), marks,
                                         self.snippet_chars, self.snippet_fragments),
        }

    def _suggestion(self, snapshot, query, words, total, filters):
        """A "did you mean" for a query that finds little, or has a word the index never saw
        (spelling keys may find something for a typo: Rusie finds Russie by its key)."""
        vocabulary = snapshot.vocabulary()
        if not words or (total >= SUGGEST_BELOW and all(
                not term or vocabulary.frequency(term) for _, term in words)):
            return None

        def count(text, exact=False):
            # ``exact`` leaves out matches on name spelling keys only.
            ranking = replace(self.ranking, name_weight=0) if exact else self.ranking
            return snapshot.count(parse(text).tree, filters, ranking)

        return suggest(query, words, functools.partial(count, exact=True), vocabulary, count)

    # --- other views of the matches ------------------------------------------------------

    def timeline(self, query, interval="auto", date_from=None, date_to=None, sources=(), years=()):
        """Matches of ``query`` counted by period (see :func:`search.timeline.timeline`)."""
        return self.compare([query], interval, date_from, date_to, sources, years)["series"][0]

    def compare(self, queries, interval="auto", date_from=None, date_to=None, sources=(),
                years=()):
        """``{"interval", "series"}``: the timeline of each query, over one span and interval."""
        timelines.check_interval(interval)
        filters = _filters(date_from, date_to, sources, years)
        snapshot = self.backend.snapshot()
        archive = snapshot.archive_days()
        matched = []
        for query in queries:
            _, matches = self._match(snapshot, query, filters)
            matched.append((query, snapshot.days(matches),
                            matches.notices))
        span = timelines.span_of(*(days for _, days, _ in matched))
        if interval == "auto" and span:
            interval = timelines.auto_interval(*span)
        series = [{"query": query, "total": len(days),
                   **timelines.timeline(days, archive, interval, span),
                   "notice": " ".join(dict.fromkeys(notices)) or None}
                  for query, days, notices in matched]
        return {"interval": series[0]["interval"] if series else interval, "series": series}

    def export(self, query, sort="relevance", date_from=None, date_to=None, sources=(),
               limit=None, years=()):
        """``(total, rows)``: every match in ``sort`` order, ``rows`` an iterator of dicts
        (see :mod:`search.export`) reading one stored article at a time."""
        sort = check_sort(sort)
        date_from, date_to = check_dates(date_from, date_to)
        filters = Filters(date_from, date_to, check_sources(sources), check_years(years))
        snapshot = self.backend.snapshot()
        query = query if isinstance(query, str) else ""
        tree, matches = self._match(snapshot, query, filters)
        total = len(matches.found)
        exports.check_size(total, limit)
        ranked = self._rank(snapshot, tree, matches, total, sort, snapshot.fetch)
        return total, exports.rows(ranked, snapshot.fetch, matches.marks, self.snippet_chars)

    def newest(self, query, limit=20):
        """The newest ``limit`` hits for ``query`` (for a feed), same shape as search hits."""
        limit = max(1, min(int(limit), 100))
        return self.search(query, per_page=limit, sort="newest")["hits"]

    # --- articles ------------------------------------------------------------------------

    def _handle(self, snapshot, article_id):
        if not isinstance(article_id, str) or not article_id:
            return None
        try:
            article_id.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no stored id can be equal to it
            return None
        return snapshot.find(article_id)

    def article(self, article_id):
        """The stored article with this id, or None."""
        snapshot = self.backend.snapshot()
        handle = self._handle(snapshot, article_id)
        if handle is None:
            return None
        stored = snapshot.fetch(handle)
        return {
            "id": stored.get("id"),
            "title": stored.get("title", ""),
            "body": stored.get("body", ""),
            "date": _iso_date(stored.get("date")),
            "source": stored.get("source"),
            "url": stored.get("url"),
            "author": stored.get("author"),
        }

    def article_html(self, article_id, query=None):
        """:meth:`article` plus ``title_html`` and ``paragraphs_html``, the query's words marked."""
        article = self.article(article_id)
        if article is None:
            return None
        marks = None
        if query:
            marks = self.backend.snapshot().marks(parse(query).tree, self.ranking)
        article["title_html"] = highlight_html(article["title"], marks)
        paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(article["body"]) if p.strip()]
        article["paragraphs_html"] = [highlight_html(p, marks) for p in paragraphs]
        return article

    def related(self, article_id, limit=5):
        """Articles most like this one (shared distinctive words), best first."""
        limit = max(1, min(int(limit), 50))
        snapshot = self.backend.snapshot()
        handle = self._handle(snapshot, article_id)
        if handle is None:
            return []
        title = snapshot.fetch(handle).get("title")
        table = snapshot.version_table()
        group = table.group(article_id)
        hits = []
        for other in snapshot.related(handle, limit + RELATED_SPARE + table.size(group)):
            stored = snapshot.fetch(other)
            if stored.get("title") == title or table.group(stored.get("id")) == group:
                continue  # the same story filed again, or a version of this very text
            hits.append({"id": stored.get("id"), "title": stored.get("title"),
                         "source": stored.get("source"), "date": _iso_date(stored.get("date")),
                         "url": stored.get("url")})
            if len(hits) == limit:
                break
        return hits

    def versions(self, article_id):
        """The versions of the article ``article_id`` (None when there is no such article):
        ``{"id", "group", "versions": [...]}``, each version's ``id``, ``title``, ``source``,
        ``date``, ``url``, ``first`` (the first published), ``shared`` (share of the
        shorter text found in the other, against this one), ``title_diff_html`` and
        ``opening_diff_html`` (this article's title and first paragraph word by word against
        that version's, :mod:`search.version_diff`), first-published first."""
        snapshot = self.backend.snapshot()
        handle = self._handle(snapshot, article_id)
        if handle is None:
            return None
        table = snapshot.version_table()
        read = snapshot.fetch(handle)
        members = table.versions(article_id)
        found = []
        for position, (other, _, _) in enumerate(members):
            other_handle = snapshot.find(other)
            if other_handle is None:
                continue
            stored = read if other == article_id else snapshot.fetch(other_handle)
            found.append({
                "id": other, "title": stored.get("title", ""), "source": stored.get("source"),
                "date": _iso_date(stored.get("date")), "url": stored.get("url"),
                "first": position == 0, "shared": shared_text(read, stored, table.common),
                "title_diff_html": word_diff_html(stored.get("title", ""), read.get("title", "")),
                "opening_diff_html": word_diff_html(first_paragraph(stored.get("body", "")),
                                                    first_paragraph(read.get("body", "")))})
        return {"id": article_id, "group": table.group(article_id), "versions": found}

    def completions(self, prefix, limit=8):
        """Words of the index and titles that start with ``prefix``, accents ignored."""
        limit = max(1, min(int(limit), 50))
        if not isinstance(prefix, str) or not prefix.strip():
            return []
        return self.backend.snapshot().vocabulary().completions(prefix, limit)


class _Days:
    """``days[handle]``, a snapshot's day ordinals as re-ranking reads them."""

    def __init__(self, snapshot):
        self.snapshot = snapshot

    def __getitem__(self, handle):
        return self.snapshot.day(handle)


def _filters(date_from, date_to, sources, years):
    date_from, date_to = check_dates(date_from, date_to)
    return Filters(date_from, date_to, check_sources(sources), check_years(years))


def _iso_day(ordinal):
    return date.fromordinal(ordinal).isoformat() if ordinal else None


def _iso_date(value):
    return value.date().isoformat() if value is not None else None
