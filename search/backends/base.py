"""The seam between the search pipeline and what stores the articles.

:class:`search.Searcher` runs one pipeline — parse, match, group, rank, render — for every
backend. A backend is the part that knows an index format: it turns the parse tree of
:mod:`search.query_parser` into its own query, and counts, scores, facets and fetches the
articles that query matches. Everything a reader sees is decided above it, once: how a query
is read, the checks of parameters and their French messages, re-ranking, snippets and marks,
suggestions, the page's shape.

A backend implements two classes:

* :class:`Backend`, one per index location, shared by every thread of a process; it hands
  out the :class:`Snapshot` to search now.
* :class:`Snapshot`, one consistent version of the index: every call of one search goes to
  the same snapshot, so totals, facets, pages and cursors agree with each other.

Documents are named by an opaque, hashable *handle* (a Whoosh document number, an OpenSearch
``_id``): the pipeline only passes handles back to the snapshot that gave them. A *match* is a
``(score, handle)`` pair, a float score (higher is better; the page shows it rounded). ``search/backends/whoosh/`` is the
reference implementation; an OpenSearch one would translate the tree into a ``bool`` query,
answer totals with ``track_total_hits``, facets with aggregations (the selection as a
``post_filter``) and stored fields from ``_source``.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date

from index.group_table import GroupTable

from search.marks import Marks

#: The groups of an index that has none: every article is a text of its own.
NO_GROUPS = GroupTable([], [], [], [])


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words, already checked (see :mod:`search.params`).

    ``date_from`` and ``date_to`` (both included, either may be None) and ``sources`` (exact
    source names) restrict the matches; ``years`` (four-digit strings) too. ``sources`` and
    ``years`` are also the facet *selections*: each facet is counted without its own selection
    (:meth:`Snapshot.facets`).
    """

    date_from: date | None = None
    date_to: date | None = None
    sources: frozenset = frozenset()
    years: frozenset = frozenset()


@dataclass
class Matches:
    """Every article one query matches, as a snapshot's :meth:`Snapshot.match` finds them.

    ``found``: the (score, handle) pairs of every match with every filter, in no particular
    order; ``len(found)`` is the exact total. ``unselected``: the same before the source and
    year selections, which is what :meth:`Snapshot.facets` counts from (a backend counting
    facets by aggregations may leave it empty). ``notices``: French sentences for the reader
    about how the query was read (a word too common, a prefix capped). ``words``: the (word
    as typed, index term or None) pairs searched in the text, which suggestions correct.
    ``marks``: what to highlight (:meth:`Snapshot.marks`). ``searchable``: False when the
    tree left nothing to search (only stop words, punctuation, exclusions). ``relaxable``: the
    query joins juxtaposed words by AND, so that a ``loose`` match may find articles having
    most of them.
    """

    found: list
    unselected: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    words: list = field(default_factory=list)
    marks: Marks = field(default_factory=Marks)
    searchable: bool = True
    relaxable: bool = False


class Snapshot(ABC):
    """One version of the index, searched by one thread (it need not be thread-safe)."""

    #: A string naming this version: it changes whenever a reindex changes what is searched.
    #: Cursors carry it, so a walk through the pages notices when the index changed under it.
    version: str

    @abstractmethod
    def match(self, tree, filters, ranking, loose=False):
        """:class:`Matches` of the parse ``tree`` (None: nothing to search) with ``filters``.

        The tree's meaning is the contract (README, "query language"): words through the
        index's analyzer (:mod:`index.analysis`), with their plural and feminine forms and
        names' spelling keys as ``ranking`` (:class:`search.ranking.Ranking`) asks; quoted
        phrases as written (:func:`search.exact_phrases.as_written` checks the stored text);
        ``NEAR`` by the text's distances (:mod:`search.proximity`); ``date:``, ``source:`` and
        ``titre:`` clauses. Scores follow BM25F with the title boosted by
        ``ranking.title_weight``. An empty tree, or one the analyzer leaves nothing of, gives
        no match and a notice saying why.

        ``loose`` is the second try the pipeline makes when a ``relaxable`` query found
        nothing: juxtaposed words joined by OR (ranked by how many match) and quoted phrases
        by the index's terms; ``notices``, ``words`` and ``marks`` stay the strict reading's.
        """

    def count(self, tree, filters, ranking):
        """How many articles ``tree`` matches with ``filters`` (suggestions compare counts).
        A backend that can count without scoring should."""
        return len(self.match(tree, filters, ranking).found)

    @abstractmethod
    def marks(self, tree, ranking):
        """:class:`search.marks.Marks` of ``tree``: the index terms, name spelling keys and
        phrases its words were searched as, which :mod:`search.highlight` marks in the text.
        Excluded words are not marked; a prefix is marked by the terms it was expanded to."""

    @abstractmethod
    def order(self, matches, count, sort):
        """The first ``count`` of ``matches.found`` in ``sort`` order, a list of (score,
        handle): ``relevance`` (best score first, equal scores newest first), ``newest`` or
        ``oldest`` (by date, undated articles last, equal dates best score first). A backend
        that sorts on its side (``sort`` and ``size`` in a request) may ask again; the pairs
        must be those of ``matches.found``."""

    @abstractmethod
    def day(self, handle):
        """The article's date as a day ordinal (:meth:`datetime.date.toordinal`), 0 undated."""

    def days(self, matches):
        """The day of each match of ``matches.found`` (timelines count them by period)."""
        return [self.day(handle) for _, handle in matches.found]

    @abstractmethod
    def archive_days(self):
        """A :class:`collections.Counter` of day ordinals over every article of the archive
        (a timeline draws the archive beside the matches)."""

    @abstractmethod
    def facets(self, matches, filters):
        """``{"source": [...], "year": [...]}``, each a list of ``{"value", "count"}``.

        Counts are disjunctive: sources are counted with the year selection only, years with
        the source selection only (the post_filter recipe). Sources by count then name, years
        newest first, at most :data:`search.facets.MAX_FACET_VALUES` each, then the articles
        without a source (or date) under ``None``: with nothing selected each facet's counts
        add up to the total. :func:`search.facets.buckets` orders and caps raw counts.
        """

    @abstractmethod
    def fetch(self, handle):
        """The stored fields of an article, a dict: ``id``, ``title``, ``body`` (str);
        ``date`` (a :class:`datetime.datetime` or None); ``source``, ``url``, ``author``,
        ``group_id`` (str or None). The pipeline asks only for the articles it renders or
        re-ranks, and may ask twice for one; a backend may cache within the snapshot."""

    @abstractmethod
    def find(self, article_id):
        """The handle of the article whose ``id`` is exactly ``article_id`` (a non-empty str),
        or None."""

    @abstractmethod
    def related(self, handle, limit):
        """Handles of up to ``limit`` articles most like this one (distinctive words in
        common, "more like this"), best first, itself left out."""

    @abstractmethod
    def vocabulary(self):
        """This version's words, for suggestions and completions: an object with
        ``frequency(term)`` (articles having the index term in their text), ``closest(term)``
        (a more frequent index term within two edits, or None), ``surface(term, like)`` (how
        articles spell the word indexed as ``term``) and ``completions(prefix, limit)``
        (words and title words starting with ``prefix``, accents ignored).
        :class:`search.suggest.Vocabulary` is one over a Whoosh reader (it reads
        ``doc_frequency``, ``doc_count``, ``iter_field``, ``postings``, ``stored_fields`` and
        ``all_stored_fields``); another backend may give it an object answering those, or
        write its own from a terms aggregation."""

    def warm(self):
        """Reads now what the first searches would otherwise read (optional)."""

    def version_table(self):
        """The :class:`index.group_table.GroupTable` of this version: which articles are
        versions of one text (by article id). A backend without groups has none."""
        return NO_GROUPS

    def handle_groups(self):
        """handle → group id of the articles that have other versions (a dict), for the
        group stage to fold a query's matches by."""
        return {}


class Backend(ABC):
    """An index location; shared by every thread, so it must be thread-safe.

    ``Searcher(index_dir, backend=SomeBackend(...))`` searches through it; without ``backend``
    a :class:`search.backends.whoosh.backend.WhooshBackend` over ``index_dir`` is used.
    """

    @abstractmethod
    def snapshot(self):
        """The :class:`Snapshot` the calling thread should search now: the newest version a
        reindex has published (a search after a reindex sees its articles). Raises
        :class:`index.store.IndexMissing` (with a message saying how to build one) when there
        is no index."""

    @abstractmethod
    def close(self):
        """Releases every open snapshot (called once no search is running)."""
