"""Version groups carried by the index: which articles are copies of one text, and which of
them was published first.

Every article carries, in its ``versions`` column, what grouping needs of it: its MinHash
signature and shingle count over its whole text, and the keys of its paragraphs. The column is
written with the article (in the build's worker processes for a full build), so the parent only
counts the standard paragraphs, re-fingerprints the few articles that have one, finds the
candidates (:func:`index.signatures.banded_pairs`) and decides them with :func:`index.versions.are_versions`.

Groups are a function of the articles the index holds, worked out again at every reindex: an
incremental reindex gives the groups a ``--full`` rebuild gives. They are written as a table
(:mod:`index.group_table`) named by the index version it belongs to and written before that
version is committed, so a reader never pairs an index with another version's groups.
"""

import datetime

import numpy
from . import versions
from .signatures import banded_pairs
from .group_table import GroupTable, read_table, remove_older_tables, table_path

#: Layout of the ``versions`` column: shingle count, then the signature, then paragraph keys.
_HEADER = 1 + versions.NUM_PERM
def column_value(title, body):
    """The ``versions`` column of an article: bytes (see the layout above)."""
    paragraphs = versions.article_paragraphs(title or "", body or "")
    found = versions.fingerprint(paragraphs)
    keys = numpy.fromiter((key for key, _ in paragraphs), dtype=numpy.uint32)
    if found is None:
        head = numpy.zeros(_HEADER, dtype=numpy.uint32)
    else:
        head = numpy.concatenate(([found.size], found.minhash.hashvalues)).astype(numpy.uint32)
    return numpy.concatenate((head, keys)).astype(numpy.uint32).tobytes()


def add_column(document):
    """Adds the ``versions`` column to a document about to be written (Whoosh fields)."""
    document["versions"] = column_value(document.get("title"), document.get("body"))
    return document


class Article:
    """What grouping reads of one indexed article."""

    __slots__ = ("id", "day", "source", "size", "signature", "keys")

    def __init__(self, article_id, day, source, raw):
        values = numpy.frombuffer(raw, dtype=numpy.uint32) if raw else \
            numpy.zeros(_HEADER, dtype=numpy.uint32)
        self.id, self.day, self.source = article_id, day or 0, source or ""
        self.size = int(values[0])
        self.signature = values[1:_HEADER]
        self.keys = frozenset(values[_HEADER:].tolist())

    @property
    def election_key(self):
        """The first-published version of a group: earliest date (undated last), then source
        name, then id."""
        return (self.day or 10**8, self.source, self.id)


def compute(articles, texts, previous=None):
    """The :class:`GroupTable` of ``articles`` (a list of :class:`Article`).

    ``texts(ids)`` gives ``{id: (title, body)}`` of the articles having a standard paragraph,
    which are fingerprinted again without it; ``previous`` (the table of the last version)
    lends the fingerprints it already worked out for the same standard paragraphs.
    """
    counts = {}
    for article in articles:
        for key in article.keys:
            counts[key] = counts.get(key, 0) + 1
    common = frozenset(key for key, count in counts.items()
                       if count >= versions.COMMON_PARAGRAPH_ARTICLES)
    sizes = numpy.array([article.size for article in articles], dtype=numpy.int64)
    signatures = numpy.zeros((len(articles), versions.NUM_PERM), dtype=numpy.uint32)
    for row, article in enumerate(articles):
        signatures[row] = article.signature
    redone = _without_common(articles, common, texts, previous, sizes, signatures)
    parent = list(range(len(articles)))

    def root(row):
        while parent[row] != row:
            parent[row] = parent[parent[row]]
            row = parent[row]
        return row

    template = _template()
    cache = {}

    def fingerprint(row):
        found = cache.get(row)
        if found is None:
            minhash = template.copy()
            minhash.hashvalues = signatures[row].astype(minhash.hashvalues.dtype)
            day = articles[row].day
            found = cache[row] = versions.Fingerprint(
                minhash, int(sizes[row]), _date(day))
        return found

    for a, b in candidate_rows(signatures, sizes > 0):
        if versions.are_versions(fingerprint(a), fingerprint(b)):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members = {}
    for row in range(len(articles)):
        members.setdefault(root(row), []).append(articles[row])
    return GroupTable.from_groups(
        [group for group in members.values() if len(group) > 1], common, redone)


def _without_common(articles, common, texts, previous, sizes, signatures):
    """Fingerprints again, without the standard paragraphs, the articles that have one; returns
    ``{id: (size, signature, standard keys)}`` of those, for the next reindex to reuse."""
    affected = {row: article.keys & common for row, article in enumerate(articles)
                if article.keys & common}
    known = previous.redone if previous is not None else {}
    missing = [articles[row].id for row, keys in affected.items()
               if known.get(articles[row].id, (None, None, None))[2] != keys]
    fetched = texts(missing) if missing else {}
    redone = {}
    for row, keys in affected.items():
        article_id = articles[row].id
        if article_id in fetched:
            title, body = fetched[article_id]
            found = versions.fingerprint(versions.article_paragraphs(title or "", body or ""),
                                         common)
            size = found.size if found is not None else 0
            signature = (found.minhash.hashvalues.astype(numpy.uint32) if found is not None
                         else numpy.zeros(versions.NUM_PERM, dtype=numpy.uint32))
        else:
            size, signature, _ = known[article_id]
        redone[article_id] = (size, signature, keys)
        sizes[row], signatures[row] = size, signature
    return redone


def candidate_rows(signatures, usable):
    """Pairs of rows (a < b) sharing at least one LSH band, among the ``usable`` rows."""
    rows = numpy.flatnonzero(usable)
    pairs = rows[banded_pairs(signatures[rows])] if len(rows) > 1 else []
    return sorted({(min(a, b), max(a, b)) for a, b in numpy.asarray(pairs).tolist()})


def _template():
    """A MinHash with the signatures' permutations, copied for each article compared."""
    return versions.fingerprint([(0, numpy.array([1, 2, 3], dtype=numpy.uint32))]).minhash


def _date(day):
    return datetime.date.fromordinal(day) if day else None


#: Whoosh stores datetimes as microseconds since 0001-01-01.
_MICROSECONDS_A_DAY = 86_400_000_000
_LAST_ORDINAL = datetime.date.max.toordinal()


def indexed_articles(reader, leave_out=frozenset()):
    """The :class:`Article` of every live document of a Whoosh ``reader``, except the document
    numbers in ``leave_out``."""
    found = []
    for leaf, offset in reader.leaf_readers():
        count = leaf.doc_count_all()
        ids = _column(leaf, "id", count, None)
        dates = _column(leaf, "date", count, 0, translate=False)
        sources = _column(leaf, "source", count, "")
        raws = _column(leaf, "versions", count, b"")
        for number in range(count):
            if leaf.is_deleted(number) or offset + number in leave_out or ids[number] is None:
                continue
            raw_date = dates[number]
            day = raw_date // _MICROSECONDS_A_DAY + 1 if raw_date else 0
            day = day if 0 < day <= _LAST_ORDINAL else 0  # undated: the column's filler
            found.append(Article(ids[number], day, sources[number], raws[number]))
    return found


def document_article(document):
    """The :class:`Article` of a document about to be written (with its ``versions`` column)."""
    date = document.get("date")
    return Article(document["id"], date.toordinal() if date else 0, document.get("source"),
                   document["versions"])


def stored_texts(searcher, extra=None):
    """``texts(ids)`` for :func:`compute`: ``(title, body)`` from ``extra`` (id → the text of
    an article not yet committed) or else the index's stored fields."""
    extra = extra or {}

    def texts(ids):
        found = {}
        for article_id in ids:
            if article_id in extra:
                found[article_id] = extra[article_id]
                continue
            number = searcher.document_number(id=article_id)
            document = searcher.stored_fields(number) if number is not None else {}
            found[article_id] = (document.get("title", ""), document.get("body", ""))
        return found

    return texts


def write_groups(generation, toc_generation, articles, texts, previous=None):
    """Works out the groups of ``articles`` and writes them as the table of the index version
    ``toc_generation`` (before that version is committed); older tables but the one before go."""
    table = compute(articles, texts, previous)
    table.save(table_path(generation, toc_generation))
    remove_older_tables(generation, toc_generation - 1)
    return table


def previous_table(generation, toc_generation):
    """The table of an index version, or None when it has none."""
    try:
        return read_table(generation, toc_generation)
    except OSError:
        return None


def _column(leaf, name, count, default, translate=True):
    if not leaf.has_column(name):
        return [default] * count
    values = list(leaf.column_reader(name, translate=translate))
    return values + [default] * (count - len(values))
