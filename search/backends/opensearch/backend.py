"""The OpenSearch backend: the index behind an alias on a cluster (``chronique reindex
--backend opensearch`` writes it).

A snapshot searches the concrete index the alias named when it was taken, so the calls of one
search agree even while a full reindex swaps the alias. Every match of a query is listed with
its score, date, source and year (``docvalue_fields``, no ``_source``), page by page with
``search_after``: the pipeline re-ranks, pages and draws timelines from them, as with Whoosh.
Facets are aggregations of the same request, the selection being its ``post_filter``.
"""

import datetime as dt
import heapq
import threading
import time
from collections import Counter
from dataclasses import replace

from index.opensearch_groups import GROUPS_INDEX, read_groups, stored_texts
from index.store import IndexMissing

from search import budget as budgets
from search.backends.base import NO_GROUPS, Backend, Matches, Snapshot
from search.exact_phrases import as_written, required_phrases
from search.facets import FACETS, MAX_FACET_VALUES, buckets, facet_counts, selected

from .query import QueryTranslator, filter_clauses, selection_clauses
from .vocabulary import OpenSearchVocabulary

#: Matches read per request while listing a query's matches.
PAGE_SIZE = 5_000
#: Most matches one query lists (every article of an archive of this size); past it the total
#: stays exact (track_total_hits) and the rest are left out, with a notice.
MAX_MATCHES = 1_000_000
#: How matches are scored: "dfs_query_then_fetch" first gathers every shard's term statistics,
#: so BM25 weighs a word by its rarity in the whole archive (as Whoosh does), not in one shard;
#: "query_then_fetch" saves that round trip.
SEARCH_TYPE = "dfs_query_then_fetch"
#: Least timeout a page request is given when the search's time budget is (nearly) spent, so
#: that it still returns a first page.
MIN_TIMEOUT_MS = 100
#: Times a search missing a shard is sent again before it fails.
PARTIAL_RETRIES = 3
#: Source names read for ``source:`` clauses (an archive has a few hundred).
MAX_SOURCES = 10_000
#: Articles whose stored fields a snapshot keeps (the pipeline asks for a page and its
#: re-ranking depth), before starting afresh.
MAX_CACHED_ARTICLES = 2_000
#: Candidates of a phrase read per request when they are checked as written (a few MB).
TEXT_BATCH = 200
#: Term frequencies kept per index version (name keys are gated on them), before starting afresh.
MAX_CACHED_FREQUENCIES = 200_000

UNREACHABLE = ("Le cluster OpenSearch ne répond pas ({where}) : la recherche est indisponible "
               "pour le moment. Réessayez dans un instant, ou vérifiez qu’il est lancé "
               "(« make cluster »).")


class SearchUnavailable(IndexMissing):
    """The cluster cannot be reached or refused a search; web answers 503 with the message."""


class _Columns:
    """Per handle: source and year (as :mod:`search.facets` reads Whoosh's columns)."""

    def __init__(self, snapshot):
        self.sources = _Lookup(snapshot.sources)
        self.years = _Lookup(snapshot.years)


class _Lookup:
    def __init__(self, values):
        self.values = values

    def __getitem__(self, handle):
        return self.values.get(handle, "")


class OpenSearchMatches(Matches):
    """Matches with the request that found them (the facets of an aggregation)."""

    aggregations = None
    local_facets = False


class OpenSearchSnapshot(Snapshot):
    def __init__(self, backend, index, version, articles):
        self.backend = backend
        self.articles = articles
        self.client = backend.client
        self.index = index
        self.version = version
        # Each match's day, source and year, shared by every snapshot of this version: a
        # query's matches kept for its next pages are ordered and faceted by another
        # snapshot. At most one entry per article of the version.
        self.days_by_handle, self.sources, self.years = backend.caches(version).setdefault(
            "columns", ({}, {}, {}))
        self._articles = {}
        self._source_names = None

    def _call(self, method, **arguments):
        return self.backend.call(method, **arguments)

    # --- matching ------------------------------------------------------------------------

    def source_names(self):
        if self._source_names is None:
            reply = self._call(self.client.search, index=self.index, body={
                "size": 0, "aggs": {"names": {"terms": {"field": "source", "size": MAX_SOURCES}}}})
            self._source_names = [b["key"] for b in reply["aggregations"]["names"]["buckets"]]
        return self._source_names

    def _translator(self, ranking):
        return QueryTranslator(ranking, _Lazy(self.source_names), self.frequency,
                               self.doc_count)

    def frequency(self, field, term):
        """Articles with ``term`` in ``field`` (cached for this index version)."""
        cache = self.backend.caches(self.version).setdefault("frequencies", {})
        key = (field, term)
        if key not in cache:
            if len(cache) >= MAX_CACHED_FREQUENCIES:
                cache.clear()
            cache[key] = self._call(self.client.count, index=self.index, body={
                "query": {"term": {field: term}}})["count"]
        return cache[key]

    def doc_count(self):
        return self.articles

    def match(self, tree, filters, ranking, loose=False):
        translated = self._translator(ranking).translate(tree)
        matches = OpenSearchMatches([], notices=list(translated.notices),
                                    words=translated.words, marks=translated.marks,
                                    relaxable=translated.relaxable,
                                    searchable=translated.query is not None)
        if loose:
            translated = self._translator(replace(ranking, default_operator="or")).translate(tree)
        if translated.query is None:
            return matches
        base = {"bool": {"must": [translated.query], "filter": filter_clauses(filters)}}
        if not loose and required_phrases(tree):
            # Phrases as written are checked on the stored text: facets count what is kept.
            unselected = as_written(found := self._list(base, None, None, matches), tree,
                                    self._texts_of(found))
            matches.unselected = unselected
            matches.found = selected(unselected, _Columns(self), filters.sources, filters.years)
            matches.local_facets = True
            return matches
        selection = selection_clauses(filters)
        post_filter = {"bool": {"filter": selection}} if selection else None
        matches.found = self._list(base, post_filter, _facet_aggregations(filters), matches)
        return matches

    def count(self, tree, filters, ranking):
        translated = self._translator(ranking).translate(tree)
        if translated.query is None:
            return 0
        query = {"bool": {"must": [translated.query],
                          "filter": filter_clauses(filters) + selection_clauses(filters)}}
        if required_phrases(tree):
            found = self._list(query, None, None, None)
            return len(as_written(found, tree, self._texts_of(found)))
        return self._call(self.client.count, index=self.index, body={"query": query})["count"]

    def marks(self, tree, ranking):
        return self._translator(ranking).translate(tree).marks

    def _list(self, query, post_filter, aggregations, matches):
        """(score, handle) of every match, remembering each one's day, source and year."""
        body = {"query": query, "size": PAGE_SIZE, "track_total_hits": True, "_source": False,
                "docvalue_fields": ["date", "source", "year"],
                "sort": [{"_score": "desc"}, {"id": "asc"}]}
        if post_filter:
            body["post_filter"] = post_filter
        if aggregations:
            body["aggs"] = aggregations
        found = []
        while True:
            left = budgets.remaining()
            if left is not None:  # the search's time budget becomes the cluster's timeout
                body["timeout"] = f"{max(MIN_TIMEOUT_MS, int(left * 1000))}ms"
            reply = self._whole(body)
            if reply.get("timed_out"):
                budgets.spend()
            if aggregations and matches is not None:
                matches.aggregations = reply.get("aggregations")
                body.pop("aggs", None)
            hits = reply["hits"]["hits"]
            for hit in hits:
                self._remember(hit)
                found.append((hit["_score"] or 0.0, hit["_id"]))
            if len(hits) < PAGE_SIZE or len(found) >= MAX_MATCHES or budgets.spent():
                break  # a spent budget keeps the pages read so far, as Whoosh keeps its clauses
            body["search_after"] = hits[-1]["sort"]
        total = reply["hits"]["total"]["value"]
        if len(found) < total and matches is not None:
            matches.notices.append(f"Seuls les {MAX_MATCHES:,} meilleurs articles sont classés "
                                   f"sur {total:,}.".replace(",", "\u202f"))
        return found

    def _whole(self, body):
        """A search reply from every shard: a shard whose node was just lost answers from its
        replica on the next try, and a reply still missing a shard is refused, not shown."""
        for attempt in range(PARTIAL_RETRIES + 1):
            reply = self._call(self.client.search, index=self.index, body=body,
                               search_type=self.backend.search_type)
            if not reply["_shards"].get("failed"):
                return reply
            time.sleep(0.5 * (attempt + 1))
        raise SearchUnavailable(UNREACHABLE.format(
            where=f"{self.backend.where}, {reply['_shards']['failed']} shard(s) sans réponse"))

    def _remember(self, hit):
        handle, fields = hit["_id"], hit.get("fields", {})
        day = fields.get("date", [None])[0]
        self.days_by_handle[handle] = _ordinal(day)
        self.sources[handle] = fields.get("source", [""])[0]
        self.years[handle] = fields.get("year", [""])[0]

    # --- ordering, counting, fetching ----------------------------------------------------

    def order(self, matches, count, sort):
        days = self.days_by_handle
        found = matches.found
        if sort == "relevance":
            key = lambda pair: (-pair[0], -days.get(pair[1], 0), pair[1])  # noqa: E731
        elif sort == "newest":
            key = lambda pair: (days.get(pair[1], 0) == 0, -days.get(pair[1], 0), -pair[0])  # noqa
        else:
            key = lambda pair: (days.get(pair[1], 0) == 0, days.get(pair[1], 0), -pair[0])  # noqa
        return heapq.nsmallest(count, found, key=key)

    def day(self, handle):
        if handle not in self.days_by_handle:
            self.fetch(handle)
        return self.days_by_handle.get(handle, 0)

    def archive_days(self):
        reply = self._call(self.client.search, index=self.index, body={
            "size": 0, "aggs": {"days": {"date_histogram": {
                "field": "date", "calendar_interval": "day", "min_doc_count": 1}}}})
        days = Counter()
        for bucket in reply["aggregations"]["days"]["buckets"]:
            days[_ordinal(bucket["key_as_string"][:10])] += bucket["doc_count"]
        return days

    def facets(self, matches, filters):
        if getattr(matches, "local_facets", False) or getattr(matches, "aggregations", None) is None:
            return facet_counts(matches.unselected, _Columns(self), filters.sources,
                                filters.years)
        aggregations = matches.aggregations
        source, year = FACETS
        counts = {}
        for facet in (source, year):
            bucket = aggregations[facet]
            raw = Counter({b["key"]: b["doc_count"] for b in bucket["values"]["buckets"]})
            if bucket["missing"]["doc_count"]:
                raw[""] = bucket["missing"]["doc_count"]
            counts[facet] = buckets(facet, raw)
        return counts

    def fetch(self, handle):
        stored = self._articles.get(handle)
        if stored is None:
            reply = self._call(self.client.get, index=self.index, id=handle)
            stored = _stored(reply["_source"])
            stored["group_id"] = self.handle_groups().get(handle)  # None: a text of its own
            if len(self._articles) >= MAX_CACHED_ARTICLES:
                self._articles.clear()
            self._articles[handle] = stored
            self.days_by_handle[handle] = stored["date"].toordinal() if stored["date"] else 0
            self.sources[handle] = stored.get("source") or ""
            self.years[handle] = str(stored["date"].year) if stored["date"] else ""
        return stored

    def _texts_of(self, found):
        """``stored(handle)`` for the phrase check over ``found``, which reads the candidates in
        order: title and body read TEXT_BATCH articles a request (``mget``), not one by one."""
        handles = [handle for _, handle in found]
        position = {handle: number for number, handle in enumerate(handles)}
        texts = stored_texts(self.client, self.index)
        batch = {}

        def stored(handle):
            if handle not in batch:
                batch.clear()
                start = position[handle]
                read = self.backend.call(texts, handles[start:start + TEXT_BATCH])
                batch.update((found_id, {"title": title, "body": body})
                             for found_id, (title, body) in read.items())
            return batch[handle]

        return stored

    def find(self, article_id):
        reply = self._call(self.client.search, index=self.index, body={
            "size": 1, "_source": False, "query": {"term": {"id": article_id}}})
        hits = reply["hits"]["hits"]
        return hits[0]["_id"] if hits else None

    def related(self, handle, limit):
        reply = self._call(self.client.search, index=self.index, body={
            "size": limit, "_source": False, "query": {"more_like_this": {
                "fields": ["content"], "like": [{"_index": self.index, "_id": handle}],
                "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": 12}}})
        return [hit["_id"] for hit in reply["hits"]["hits"] if hit["_id"] != handle][:limit]

    def version_table(self):
        cache = self.backend.caches(self.version)
        if "groups" not in cache:  # read once per version (its id names the groups' writes)
            table, _ = self.backend.call(read_groups, self.client, self.index)
            cache["groups"] = NO_GROUPS if table is None else table
        return cache["groups"]

    def handle_groups(self):
        return self.version_table().group_of  # a handle is the article's id

    def vocabulary(self):
        return _GuardedVocabulary(self.backend, OpenSearchVocabulary(
            self.client, self.index, self.backend.caches(self.version)))


class _Lazy:
    """An iterable read only when iterated (source names, for the queries with source:)."""

    def __init__(self, make):
        self.make = make

    def __iter__(self):
        return iter(self.make())


class _GuardedVocabulary:
    """The vocabulary with the cluster's failures turned into :class:`SearchUnavailable`."""

    def __init__(self, backend, vocabulary):
        self.backend, self.vocabulary = backend, vocabulary

    def __getattr__(self, name):
        method = getattr(self.vocabulary, name)
        return lambda *args, **kwargs: self.backend.call(method, *args, **kwargs)


class OpenSearchBackend(Backend):
    """Searches the index behind ``alias`` through ``client`` (every node listed, retries)."""

    def __init__(self, client, alias, where=None, owns_client=False, search_type=SEARCH_TYPE):
        self.client = client
        self.search_type = search_type
        self.owns_client = owns_client  # closed with the backend (not a client lent to it)
        self.alias = alias
        self.where = where or alias
        self._lock = threading.Lock()
        self._caches = {}

    def call(self, method, *args, **kwargs):
        from opensearchpy.exceptions import ConnectionError as LostConnection, TransportError

        try:
            return method(*args, **kwargs)
        except LostConnection as error:
            raise SearchUnavailable(UNREACHABLE.format(where=self.where)) from error
        except TransportError as error:
            if getattr(error, "status_code", None) == 404:
                raise IndexMissing(f"aucun index « {self.alias} » sur le cluster : lancez "
                                   "`chronique reindex --backend opensearch PATH`") from error
            raise SearchUnavailable(UNREACHABLE.format(where=f"{self.where}, erreur "
                                                       f"{error.status_code}")) from error

    def caches(self, version):
        with self._lock:
            if version not in self._caches:
                self._caches = {version: {}}  # older versions' caches go
            return self._caches[version]

    def snapshot(self):
        aliases = self.call(self.client.indices.get_alias, name=self.alias)
        index = sorted(aliases)[0]
        count = self.call(self.client.count, index=index)["count"]
        # The writes to the articles and to the groups name the version: a reindex writes an
        # index's groups just after its articles.
        stats = self.call(self.client.indices.stats, index=f"{index},{GROUPS_INDEX}",
                          metric="indexing", params={"ignore_unavailable": "true"})["indices"]
        writes = stats[index]["primaries"]["indexing"]
        groups = stats.get(GROUPS_INDEX, {}).get("primaries", {}).get("indexing", {})
        version = (f"{index}:{count}:{writes['index_total']}:{writes['delete_total']}:"
                   f"{groups.get('index_total', 0)}")
        return OpenSearchSnapshot(self, index, version, count)

    def close(self):
        if self.owns_client:
            self.client.close()


def _facet_aggregations(filters):
    """Each facet counted with the other facet's selection only, and the articles without."""
    source, year = FACETS
    aggregations = {}
    for facet, field, others in ((source, "source", selection_clauses(filters, sources=False)),
                                 (year, "year", selection_clauses(filters, years=False))):
        aggregations[facet] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": field, "size": MAX_FACET_VALUES + 50}},
                     "missing": {"missing": {"field": field}}}}
    return aggregations


def _ordinal(day):
    if not day:
        return 0
    return dt.date.fromisoformat(str(day)[:10]).toordinal()


def _stored(source):
    day = source.get("date")
    return {"id": source.get("id"), "title": source.get("title", ""),
            "body": source.get("body", ""),
            "date": dt.datetime.fromisoformat(day[:10]) if day else None,
            "source": source.get("source"), "url": source.get("url"),
            "author": source.get("author")}
