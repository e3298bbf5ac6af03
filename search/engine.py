"""The search API: one :class:`Searcher` per index, shared by every thread of a process.

Use (README documents every field of the page)::

    searcher = Searcher("var/index")
    page = searcher.search("Choïgu Pékin", per_page=5)
    page["total"], page["hits"][0]["snippet_html"]
"""

import functools
import math
import re
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from index.store import IndexMissing, current_generation, open_index

from .backends.whoosh.collect import best
from .exact_phrases import as_written
from .facets import check_years, facet_counts, selected
from .backends.whoosh.columns import read_columns
from .highlight import highlight_html, snippet_html
from .params import (MAX_RESULT_WINDOW, InvalidParameter, check_dates, check_page, check_sort,
                     check_sources)
from .backends.whoosh.query_builder import QueryBuilder, Ranking
from .query_parser import parse
from . import cursors, export as exports, rerank as reranking, timeline as timelines
from .backends.whoosh.scoring import DictScorer, FieldLengths, PostingsCache
from .suggest import Vocabulary, VocabularyCache, suggest

__all__ = ["Searcher", "InvalidParameter", "IndexMissing", "MAX_RESULT_WINDOW"]

#: A "did you mean" is looked for when a query finds fewer articles than this.
SUGGEST_BELOW = 5
#: Term frequencies kept for query building, per index version, before starting afresh.
MAX_CACHED_FREQUENCIES = 200_000

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class _View:
    """One thread's open searcher on one version of the index, with that version's caches."""

    def __init__(self, generation, searcher, shared):
        self.generation = generation
        self.searcher = searcher
        self.shared = shared

    @property
    def reader(self):
        return self.searcher.reader()


class Searcher:
    """Searches one index directory (the ``current`` generation a reindex publishes).

    Safe to share between threads: each thread gets its own Whoosh searcher, and every call
    checks whether a reindex published a new generation or committed into the current one,
    reopening if so — the next search after a reindex sees the new articles.
    """

    def __init__(self, index_dir, *, snippet_chars=200, snippet_fragments=3, ranking=Ranking()):
        self.root = Path(index_dir)
        self.snippet_chars = snippet_chars
        self.snippet_fragments = snippet_fragments
        self.ranking = ranking
        self._local = threading.local()
        self._lock = threading.Lock()
        self._shared = {}  # (generation dir, TOC generation) → caches of that index version
        self._views = []
        self._view()  # fail now, with IndexMissing, rather than at the first search

    # --- opening and reopening -----------------------------------------------------------

    def _view(self):
        view = getattr(self._local, "view", None)
        generation = current_generation(self.root)
        if view is not None and view.generation == generation and view.searcher.up_to_date():
            return view
        if generation is None:
            raise IndexMissing(f"no index in {self.root}: run `chronique reindex PATH` first")
        # A fresh searcher, not Searcher.refresh(): refresh reuses the reader of a segment that
        # an update has since marked articles deleted in, and would go on finding them.
        searcher = open_index(self.root).searcher()
        if view is not None:
            self._forget(view)
            view.searcher.close()
        view = _View(generation, searcher, self._caches_for(generation, searcher.reader()))
        self._local.view = view
        with self._lock:
            self._views.append(view)
        return view

    def _caches_for(self, generation, reader):
        key = (str(generation), reader.generation())
        with self._lock:
            caches = self._shared.get(key)
            if caches is None:
                # Older versions' caches go: a thread still on one rebuilds them if it must.
                self._shared = {key: {}}
                caches = self._shared[key]
        return caches

    def _columns(self, view):
        columns = view.shared.get("columns")
        if columns is None:
            columns = view.shared["columns"] = read_columns(view.reader)
        return columns

    def _lengths(self, view):
        lengths = view.shared.get("lengths")
        if lengths is None:
            lengths = view.shared["lengths"] = FieldLengths()
        return lengths

    def _builder(self, view, ranking=None):
        """A query builder sharing this index version's term frequencies."""
        frequencies = view.shared.get("frequencies")
        if frequencies is None or len(frequencies) > MAX_CACHED_FREQUENCIES:
            frequencies = view.shared["frequencies"] = {}
        return QueryBuilder(view.reader, ranking or self.ranking, frequencies)

    def _vocabulary(self, view):
        cache = view.shared.get("vocabulary")
        if cache is None:
            cache = view.shared["vocabulary"] = VocabularyCache()
        return Vocabulary(view.reader, cache)

    def _forget(self, view):
        with self._lock:
            if view in self._views:
                self._views.remove(view)

    def close(self):
        """Closes every open searcher (call once no search is running)."""
        with self._lock:
            views, self._views = self._views, []
        for view in views:
            view.searcher.close()
        self._local = threading.local()

    def warm(self):
        """Reads now what the first searches would otherwise read: per-article columns, field
        lengths, the vocabulary used for suggestions and the title words used for completions
        (a few seconds on 40,000 articles)."""
        view = self._view()
        self._columns(view)
        self._vocabulary(view).closest("warm")
        self._vocabulary(view).completions("warm", 1)
        lengths = self._lengths(view)
        searcher = view.searcher
        for field in ("content", "title", "names"):
            lengths.norms(searcher.reader(), field, searcher.avg_field_length(field) or 1,
                          searcher.weighting.B, searcher.weighting.K1)

    # --- searching -----------------------------------------------------------------------

    def search(self, query, page=1, per_page=10, sort="relevance", date_from=None,
               date_to=None, sources=(), years=(), cursor=None):
        """One page of results for ``query`` (see README, "Search API & query language");
        ``cursor``, from a previous page's ``cursor``, pages on past the paging cap."""
        started = time.perf_counter()
        if cursor is not None:
            check_page(1, per_page)
        else:
            page, per_page = check_page(page, per_page)
        sort = check_sort(sort)
        date_from, date_to = check_dates(date_from, date_to)
        sources = check_sources(sources)
        years = check_years(years)
        query = query if isinstance(query, str) else ("" if query is None else str(query))

        view = self._view()
        offset = (int(page) - 1) * int(per_page) if cursor is None else \
            cursors.decode(cursor, self._version(view))
        per_page = int(per_page)
        found, built, notices, columns, unselected = self._selection(
            view, query, date_from, date_to, sources, years)
        total = len(found)
        window = min(total, MAX_RESULT_WINDOW)
        pages = math.ceil(window / per_page)
        stored = functools.lru_cache(maxsize=None)(view.searcher.stored_fields)
        ranked = self._ranked(query, found, offset + per_page, sort, columns, stored)
        top = ranked[offset:offset + per_page]
        hits = [self._hit(stored(docnum), score, built.marks) for score, docnum in top]
        if cursor is None and total > MAX_RESULT_WINDOW and page >= pages:
            notices.append(f"Seuls les {MAX_RESULT_WINDOW:,} premiers résultats sont consultables "
                           f"sur {total:,} : précisez la requête ou filtrez par date ou source."
                           .replace(",", "\u202f"))
        count = functools.partial(self._count, view, columns=columns, date_from=date_from,
                                  date_to=date_to, sources=sources, years=years)
        suggestion = self._suggestion(view, query, built.words, total, count)
        facets = facet_counts(unselected, columns, sources, years)
        following = offset + per_page
        return {
            "query": query,
            "total": total,
            "page": offset // per_page + 1,
            "per_page": per_page,
            "pages": pages,
            "sort": sort,
            "took_ms": round((time.perf_counter() - started) * 1000, 2),
            "hits": hits,
            "facets": facets,
            "suggestion": suggestion,
            "notice": " ".join(dict.fromkeys(notices)) or None,
            "cursor": cursors.encode(following, self._version(view)) if following < total else None,
        }

    def _version(self, view):
        """Names this version of the index, for cursors."""
        return f"{view.generation}:{view.reader.generation()}"

    def _ranked(self, query, found, count, sort, columns, stored):
        """The first ``count`` matches in ``sort`` order, the best ones looked at again."""
        ranked = best(found, max(count, reranking.RERANK_DEPTH), sort, columns.days)
        if sort == "relevance" and self.ranking.rerank:
            # The same parse as the search's: every operator and quote style reads as one.
            ranked = reranking.rerank(parse(query).tree, ranked, stored, columns.days)
        return ranked

    def timeline(self, query, interval="auto", date_from=None, date_to=None, sources=(), years=()):
        """Matches of ``query`` counted by period (see :func:`search.timeline.timeline`)."""
        return self.compare([query], interval, date_from, date_to, sources, years)["series"][0]

    def compare(self, queries, interval="auto", date_from=None, date_to=None, sources=(),
                years=()):
        """``{"interval", "series"}``: the timeline of each query, over one span and interval."""
        timelines.check_interval(interval)
        date_from, date_to = check_dates(date_from, date_to)
        sources, years = check_sources(sources), check_years(years)
        view = self._view()
        columns = self._columns(view)
        archive = view.shared.get("archive_days")
        if archive is None:
            archive = view.shared["archive_days"] = timelines.live_days(view.reader, columns.days)
        matched = []
        for query in queries:
            found, _, notices, _, _ = self._selection(view, query, date_from, date_to, sources,
                                                      years)
            matched.append((query, [columns.days[d] for _, d in found], notices))
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
        view = self._view()
        query = query if isinstance(query, str) else ""
        found, built, _, columns, _ = self._selection(view, query, date_from, date_to,
                                                      check_sources(sources), check_years(years))
        exports.check_size(len(found), limit)
        stored = view.searcher.stored_fields
        ranked = self._ranked(query, found, len(found), sort, columns, stored)
        return len(found), exports.rows(ranked, stored, built.marks, self.snippet_chars)

    def _selection(self, view, query, date_from, date_to, sources, years):
        """(matches, built query, notices, columns, matches before the source and year
        selections — what the facets count from) of ``query`` with the filters."""
        columns = self._columns(view)
        parsed = parse(query)
        built = self._builder(view).build(parsed.tree)
        notices = parsed.notices + built.notices

        found = unselected = []
        if built.query is not None:
            unselected = self._matches(view, built.query, columns, date_from, date_to, ())
            unselected = as_written(unselected, parsed.tree, view.searcher.stored_fields)
            found = selected(unselected, columns, sources, years)
            if not found and built.relaxable:
                # No article has every word: show those with the most of them, and say so.
                relaxed = self._builder(view, replace(self.ranking, default_operator="or"))
                relaxed = relaxed.build(parsed.tree)
                unselected = self._matches(view, relaxed.query, columns, date_from, date_to, ())
                found = selected(unselected, columns, sources, years)
                if found:
                    notices.append("Aucun article ne contient tous les mots : voici ceux qui "
                                   "en contiennent le plus.")
        elif not notices and query.strip():
            notices.append("La requête ne contient aucun mot à chercher.")
        return found, built, notices, columns, unselected

    def _suggestion(self, view, query, words, total, count):
        """A "did you mean" for a query that finds little, or has a word the index never saw
        (spelling keys may find something for a typo: Rusie finds Russie by its key)."""
        vocabulary = self._vocabulary(view)
        if not words or (total >= SUGGEST_BELOW and all(
                not term or vocabulary.frequency(term) for _, term in words)):
            return None
        return suggest(query, words, functools.partial(count, exact=True), vocabulary, count)

    def _count(self, view, query, columns, date_from, date_to, sources, years, exact=False):
        """How many articles ``query`` finds with the same filters (for suggestions);
        ``exact`` leaves out matches on name spelling keys only."""
        ranking = replace(self.ranking, name_weight=0) if exact else self.ranking
        tree = parse(query).tree
        built = self._builder(view, ranking).build(tree)
        if built.query is None:
            return 0
        found = selected(self._matches(view, built.query, columns, date_from, date_to, sources),
                         columns, (), years)
        return len(as_written(found, tree, view.searcher.stored_fields))

    def _matches(self, view, query, columns, date_from, date_to, sources):
        """(score, docnum) of every article matching ``query`` and the filters."""
        postings = view.shared.get("postings")
        if postings is None:
            postings = view.shared["postings"] = PostingsCache()
        scores = DictScorer(view.searcher, self._lengths(view), columns.days, postings).scores(query)
        accept = _filter(columns, date_from, date_to, sources)
        if accept is None:
            return [(score, docnum) for docnum, score in scores.items()]
        return [(score, docnum) for docnum, score in scores.items() if accept(docnum)]

    def _hit(self, stored, score, marks):
        title = stored.get("title", "")
        return {
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

    def newest(self, query, limit=20):
        """The newest ``limit`` hits for ``query`` (for a feed), same shape as search hits."""
        limit = max(1, min(int(limit), 100))
        return self.search(query, per_page=limit, sort="newest")["hits"]

    # --- articles ------------------------------------------------------------------------

    def _docnum(self, view, article_id):
        if not isinstance(article_id, str) or not article_id:
            return None
        try:
            article_id.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no stored id can be equal to it
            return None
        return view.searcher.document_number(id=article_id)

    def article(self, article_id):
        """The stored article with this id, or None."""
        view = self._view()
        docnum = self._docnum(view, article_id)
        if docnum is None:
            return None
        stored = view.searcher.stored_fields(docnum)
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
            view = self._view()
            marks = self._builder(view).build(parse(query).tree).marks
        article["title_html"] = highlight_html(article["title"], marks)
        paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(article["body"]) if p.strip()]
        article["paragraphs_html"] = [highlight_html(p, marks) for p in paragraphs]
        return article

    def related(self, article_id, limit=5):
        """Articles most like this one (shared distinctive words), best first."""
        limit = max(1, min(int(limit), 50))
        view = self._view()
        docnum = self._docnum(view, article_id)
        if docnum is None:
            return []
        stored = view.searcher.stored_fields(docnum)
        text = f"{stored.get('title', '')}\n{stored.get('body', '')}"
        results = view.searcher.more_like(docnum, "content", text=text, top=limit + 5,
                                          numterms=12)
        hits = []
        for hit in results:
            if hit.get("title") == stored.get("title"):
                continue  # the same story filed again
            hits.append({"id": hit.get("id"), "title": hit.get("title"), "source": hit.get("source"),
                         "date": _iso_date(hit.get("date")), "url": hit.get("url")})
            if len(hits) == limit:
                break
        return hits

    def completions(self, prefix, limit=8):
        """Words of the index and titles that start with ``prefix``, accents ignored."""
        limit = max(1, min(int(limit), 50))
        if not isinstance(prefix, str) or not prefix.strip():
            return []
        view = self._view()
        return self._vocabulary(view).completions(prefix, limit)


def _filter(columns, date_from, date_to, sources):
    """A test of document numbers for the date range and sources, or None when unfiltered."""
    if not (date_from or date_to or sources):
        return None
    days, names = columns.days, columns.sources
    first = date_from.toordinal() if date_from else None
    last = date_to.toordinal() if date_to else None

    def accept(docnum):
        if sources and names[docnum] not in sources:
            return False
        if first is not None or last is not None:
            day = days[docnum]
            if not day or (first is not None and day < first) or (last is not None and day > last):
                return False
        return True

    return accept


def _iso_date(value):
    return value.date().isoformat() if value is not None else None
