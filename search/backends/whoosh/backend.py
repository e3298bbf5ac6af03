"""The embedded Whoosh backend: an index directory of generations (:mod:`index.store`).

One :class:`WhooshSnapshot` per thread and index version, reopened when a reindex publishes a
new generation or commits into the current one. What is worked out once per version (columns,
field lengths, term frequencies, postings, the vocabulary) is shared by the threads on it.
"""

import threading
from dataclasses import replace

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from index.store import IndexMissing, current_generation, open_index

from search.backends.base import Backend, Matches, Snapshot
from search.exact_phrases import as_written
from search.facets import facet_counts, selected
from search.suggest import Vocabulary, VocabularyCache
from search.timeline import live_days

from .collect import best
from .columns import read_columns
from .groups import handle_groups, load_table
from .query_builder import QueryBuilder
from .scoring import DictScorer, FieldLengths, PostingsCache
from .stored import stored_reader

#: Term frequencies kept for query building, per index version, before starting afresh.
MAX_CACHED_FREQUENCIES = 200_000
#: Characters of an article (title and body) its related articles are chosen from: the
#: opening says what it is about, and a 10 MB article took 10 s to read whole on every view.
RELATED_TEXT_CHARS = 20_000
#: Share of the index's size that a process's cache of decoded postings may take, so that it
#: grows with the index (a worker's memory is aimed at 1.5× the index, the mapped index itself
#: included: docs/BENCHMARKS.md, "Memory per process").
POSTINGS_CACHE_SHARE = 0.10
#: The fields whose lengths BM25F reads, worked out ahead by :meth:`WhooshSnapshot.warm`.
_SCORED_FIELDS = ("content", "title", "names")


class WhooshSnapshot(Snapshot):
    """One thread's open Whoosh searcher on one version of the index, with that version's
    shared caches (``shared``)."""

    def __init__(self, generation, searcher, shared):
        self.generation = generation
        self.searcher = searcher
        self.shared = shared
        self.version = f"{generation}:{searcher.reader().generation()}"
        self._read_stored = None

    @property
    def reader(self):
        return self.searcher.reader()

    def up_to_date(self, generation):
        return generation == self.generation and self.searcher.up_to_date()

    def state(self):
        """``(generation, articles)``: this version's generation directory name and size."""
        return self.generation.name, self.reader.doc_count()

    # --- per-version caches --------------------------------------------------------------

    def _cached(self, name, make):
        value = self.shared.get(name)
        if value is None:
            value = self.shared[name] = make()
        return value

    def columns(self):
        return self._cached("columns", lambda: read_columns(self.reader))

    def version_table(self):
        return self._cached("versions", lambda: load_table(self.generation, self.reader))

    def handle_groups(self):
        return self._cached("handle_groups",
                            lambda: handle_groups(self.searcher, self.version_table()))

    def _lengths(self):
        return self._cached("lengths", FieldLengths)

    def _builder(self, ranking):
        """A query builder sharing this index version's term frequencies."""
        frequencies = self.shared.get("frequencies")
        if frequencies is None or len(frequencies) > MAX_CACHED_FREQUENCIES:
            frequencies = self.shared["frequencies"] = {}
        return QueryBuilder(self.reader, ranking, frequencies)

    def vocabulary(self):
        return Vocabulary(self.reader, self._cached("vocabulary", VocabularyCache))

    def warm(self):
        self.columns()
        self.handle_groups()
        self.vocabulary().closest("warm")
        self.vocabulary().completions("warm", 1)
        lengths, searcher = self._lengths(), self.searcher
        for fieldname in _SCORED_FIELDS:
            lengths.norms(searcher.reader(), fieldname, searcher.avg_field_length(fieldname) or 1,
                          searcher.weighting.B, searcher.weighting.K1)

    # --- matching ------------------------------------------------------------------------

    def match(self, tree, filters, ranking, loose=False):
        columns = self.columns()
        built = self._builder(ranking).build(tree)
        matches = Matches([], notices=list(built.notices), words=built.words, marks=built.marks,
                          relaxable=built.relaxable, searchable=built.query is not None)
        if loose:
            built = self._builder(replace(ranking, default_operator="or")).build(tree)
        if built.query is None:
            return matches
        unselected = self._scored(built.query, filters.date_from, filters.date_to, ())
        if not loose:
            unselected = as_written(unselected, tree, self._stored())
        matches.unselected = unselected
        matches.found = selected(unselected, columns, filters.sources, filters.years)
        return matches

    def count(self, tree, filters, ranking):
        built = self._builder(ranking).build(tree)
        if built.query is None:
            return 0
        columns = self.columns()
        found = selected(self._scored(built.query, filters.date_from, filters.date_to,
                                      filters.sources), columns, (), filters.years)
        return len(as_written(found, tree, self._stored()))

    def _stored(self):
        """Reads a document's stored fields (pages, re-ranking, phrases as written)."""
        if self._read_stored is None:
            self._read_stored = stored_reader(self.searcher)
        return self._read_stored

    def marks(self, tree, ranking):
        return self._builder(ranking).build(tree).marks

    def _scored(self, query, date_from, date_to, sources):
        """(score, docnum) of every article matching ``query`` and the filters."""
        columns = self.columns()
        postings = self._cached("postings", lambda: PostingsCache(
            budget=int(POSTINGS_CACHE_SHARE * _index_bytes(self.generation))))
        scores = DictScorer(self.searcher, self._lengths(), columns.days, postings).scores(query)
        accept = _filter(columns, date_from, date_to, sources)
        if accept is None:
            return [(score, docnum) for docnum, score in scores.items()]
        return [(score, docnum) for docnum, score in scores.items() if accept(docnum)]

    # --- ordering, counting, fetching ----------------------------------------------------

    def order(self, matches, count, sort):
        return best(matches.found, count, sort, self.columns().days)

    def day(self, handle):
        return self.columns().days[handle]

    def archive_days(self):
        return self._cached("archive_days", lambda: live_days(self.reader, self.columns().days))

    def facets(self, matches, filters):
        return facet_counts(matches.unselected, self.columns(), filters.sources, filters.years)

    def fetch(self, handle):
        stored = dict(self._stored()(handle))  # a copy: the reader may keep what it read
        stored["group_id"] = self.handle_groups().get(handle)  # None: a text of its own
        return stored

    def find(self, article_id):
        return self.searcher.document_number(id=article_id)

    def related(self, handle, limit):
        stored = self.fetch(handle)
        text = f"{stored.get('title', '')}\n{stored.get('body', '')}"[:RELATED_TEXT_CHARS]
        results = self.searcher.more_like(handle, "content", text=text, top=limit, numterms=12)
        return [hit.docnum for hit in results]


class WhooshBackend(Backend):
    """Searches one index directory (the ``current`` generation a reindex publishes).

    Each thread gets its own Whoosh searcher; every :meth:`snapshot` checks whether a reindex
    published a new generation or committed into the current one, and reopens if so.
    """

    def __init__(self, root):
        self.root = root
        self._local = threading.local()
        self._lock = threading.Lock()
        self._shared = {}  # (generation dir, TOC generation) → caches of that index version
        self._snapshots = []
        #: None, or a test of a newly published generation: False keeps threads on the version
        #: they have (a :class:`search.warming.Warmer` says False until it has warmed the new one).
        self.ready = None

    def snapshot(self):
        current = getattr(self._local, "snapshot", None)
        generation = current_generation(self.root)
        if current is not None and current.up_to_date(generation):
            return current
        if current is not None and self.ready is not None and not self.ready(generation):
            return current  # the new version is being warmed: this one serves until it is
        if generation is None:
            raise IndexMissing(f"no index in {self.root}: run `chronique reindex PATH` first")
        # A fresh searcher, not Searcher.refresh(): refresh reuses the reader of a segment that
        # an update has since marked articles deleted in, and would go on finding them.
        searcher = open_index(self.root, mapped=True).searcher()
        if current is not None:
            self._forget(current)
            current.searcher.close()
        fresh = WhooshSnapshot(generation, searcher,
                               self._caches_for(generation, searcher.reader()))
        self._local.snapshot = fresh
        with self._lock:
            self._snapshots.append(fresh)
        return fresh

    def published_version(self, generation):
        """The :attr:`WhooshSnapshot.version` a snapshot of ``generation`` would have now."""
        try:
            toc = TOC._latest_generation(FileStorage(str(generation)), "MAIN")
        except OSError:
            return None
        return f"{generation}:{toc}"

    def _caches_for(self, generation, reader):
        key = (str(generation), reader.generation())
        with self._lock:
            caches = self._shared.get(key)
            if caches is None:
                # Older versions' caches go: a thread still on one rebuilds them if it must.
                self._shared = {key: {}}
                caches = self._shared[key]
        return caches

    def _forget(self, snapshot):
        with self._lock:
            if snapshot in self._snapshots:
                self._snapshots.remove(snapshot)

    def close(self):
        with self._lock:
            snapshots, self._snapshots = self._snapshots, []
        for snapshot in snapshots:
            snapshot.searcher.close()
        self._local = threading.local()


def _index_bytes(generation):
    """Bytes of the files of an index generation (a directory)."""
    try:
        return sum(entry.stat().st_size for entry in generation.iterdir() if entry.is_file())
    except OSError:
        return 0


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
