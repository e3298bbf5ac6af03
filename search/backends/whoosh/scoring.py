"""Scoring every match of a query, fast: term postings are read a block at a time into dicts.

Whoosh scores one document at a time through a tree of matcher objects, which costs a few
microseconds per document per clause — most of a search's time when a word matches thousands
of articles and the total and facets need all of them. Here a term's postings become a
``{docnum: score}`` dict in one loop over Whoosh's decoded posting blocks, and ``Or`` / ``And`` /
``AndNot`` / ``DisjunctionMax`` combine dicts the way Whoosh's matchers combine scores (sum,
sum over the intersection, difference, maximum); an ``Or`` marked with ``scale`` multiplies by
the share of its clauses matched. Phrases read positions only for the articles having every
word, date ranges use the per-article dates; anything else is scored by Whoosh itself. The scores are Whoosh's BM25F scores (``whoosh.scoring.bm25``,
Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009).
"""

import threading
from array import array
from collections import OrderedDict

from whoosh import query as wq
from whoosh.scoring import BM25F

from search.budget import spent

from .collect import AllMatches
from .near import Near, near_scores
from .positions import leaf_positions


class FieldLengths:
    """Each document's BM25 length normalisation in each scored field, computed once per index
    version from the lengths Whoosh stores (quantised to a byte, as Whoosh's scorer reads them)."""

    def __init__(self):
        self.by_field = {}

    def norms(self, reader, fieldname, avgfl, B, K1):
        """``K1 * ((1 - B) + B * length / avgfl)`` of every document, the length part of bm25()
        (``reader``: the caller's reader of this index version)."""
        key = (fieldname, avgfl, B, K1)
        norms = self.by_field.get(key)
        if norms is None:
            length = reader.doc_field_length
            norms = [K1 * ((1 - B) + B * (length(docnum, fieldname, 1) or 1) / avgfl)
                     for docnum in range(reader.doc_count_all())]
            self.by_field[key] = norms
        return norms


#: Bytes a cached posting takes: its docnum (a 4-byte int) and its weight (an 8-byte float,
#: kept whole so that scores stay exactly Whoosh's).
POSTING_BYTES = 12
#: Bytes of bookkeeping per cached term (its key, two arrays, the cache's links).
TERM_BYTES = 400


class PostingsCache:
    """Decoded postings of recently used terms, as compact arrays, up to ``budget`` bytes.

    Reading a frequent word's postings (decompressing and unpickling Whoosh's blocks) costs
    more than scoring them, and the same frequent words come back query after query — and
    several times within one search when a relaxed query or a suggestion is tried.
    """

    def __init__(self, budget=48 * 2**20):
        self.budget = budget
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, read):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
                return entry
        ids, weights = array("i"), array("d")
        for block_ids, block_weights in read():
            ids.extend(block_ids)
            weights.fromlist(list(block_weights))
        size = TERM_BYTES + POSTING_BYTES * len(ids)
        if size > self.budget:
            return ids, weights  # a term larger than the whole cache is read each time
        with self.lock:
            if key not in self.entries:
                self.entries[key] = (ids, weights)
                self.size += size
            while self.size > self.budget and self.entries:
                _, (old_ids, _) = self.entries.popitem(last=False)
                self.size -= TERM_BYTES + POSTING_BYTES * len(old_ids)
        return ids, weights


class DictScorer:
    """``scores(query)`` → ``{docnum: score}`` for every document ``query`` matches."""

    def __init__(self, searcher, lengths, days=None, postings=None, weighting=None):
        self.searcher = searcher
        self.lengths = lengths
        self.postings = postings or PostingsCache(budget=0)
        self.days = days  # each document's day ordinal (0 if undated), for date ranges
        weighting = weighting or searcher.weighting
        if not isinstance(weighting, BM25F):
            raise TypeError("DictScorer reproduces BM25F only")
        self.B, self.K1 = weighting.B, weighting.K1

    def scores(self, query, within=None):
        """``{docnum: score}`` of the documents matching ``query`` (among ``within`` if given:
        an ``And`` scores its other clauses only where its rarest clause matched)."""
        if query is wq.NullQuery:
            return {}
        if isinstance(query, wq.Term):
            return self.term(query, within)
        if isinstance(query, wq.DisjunctionMax) and query.tiebreak == 0:
            return _combine_max(self._within_budget(query.subqueries, within))
        if type(query) is wq.Or and query.minmatch in (0, 1, None):
            parts = self._within_budget(query.subqueries, within)
            if query.scale:
                return _coordinate(parts, query.boost)
            return _combine_sum(parts, query.boost)
        if type(query) is wq.And:
            return self.conjunction(query, within)
        if type(query) is wq.AndNot:
            positive = self.scores(query.a, within)
            for docnum in self.scores(query.b, positive.keys()):
                positive.pop(docnum, None)
            return positive
        if isinstance(query, Near):
            found = near_scores(self, query)
        elif type(query) is wq.Phrase and query.slop == 1 and len(query.words) > 1:
            found = self.phrase(query)
        elif isinstance(query, wq.DateRange) and query.fieldname == "date" and self.days:
            found = self.date_range(query)
        else:
            found = self.by_whoosh(query)
        if within is not None:
            found = {docnum: score for docnum, score in found.items() if docnum in within}
        return found

    def _within_budget(self, subqueries, within):
        """The scores of each of ``subqueries`` until the search's time budget is spent."""
        parts = []
        for subquery in subqueries:
            if parts and spent():
                break  # what the clauses scored so far found is what the page shows
            parts.append(self.scores(subquery, within))
        return parts

    def conjunction(self, query, within):
        """Sum of the clauses' scores where all match; the rarest clause goes first and the
        others are scored only where it matched."""
        reader = self.searcher.reader()
        clauses = sorted(query.subqueries, key=lambda q: q.estimate_size(reader))
        total = self.scores(clauses[0], within)
        for clause in clauses[1:]:
            if not total:
                return {}
            if spent():
                break  # the articles matching the clauses checked so far
            part = self.scores(clause, total.keys())
            total = {docnum: total[docnum] + score for docnum, score in part.items()}
        if query.boost != 1.0:
            total = {docnum: score * query.boost for docnum, score in total.items()}
        return total

    def phrase(self, query):
        """Articles with the words side by side, scored as the sum of the words' scores.

        The articles having every word are found from the words' dicts; positions are then
        read only for those, word after word, dropping an article as soon as it cannot match.
        """
        fieldname = query.fieldname
        parts = [self.term(wq.Term(fieldname, word)) for word in query.words]
        candidates = set(parts[0]).intersection(*parts[1:]) if all(parts) else set()
        starts = None  # docnum → positions where the phrase could start
        for index, word in enumerate(query.words):
            if not candidates or spent():
                return {}
            positions = self._positions(fieldname, word, sorted(candidates))
            if starts is None:
                starts = positions
            else:
                starts = {docnum: {p for p in starts[docnum] if p + index in positions[docnum]}
                          for docnum in candidates if docnum in positions}
                starts = {docnum: found for docnum, found in starts.items() if found}
            candidates = set(starts)
        return {docnum: sum(part[docnum] for part in parts) * query.boost for docnum in candidates}

    def _positions(self, fieldname, word, docnums):
        """docnum → set of positions of ``word`` in each of ``docnums`` (sorted) that has it."""
        field = self.searcher.schema[fieldname]
        btext = field.to_bytes(word)
        found = {}
        for subsearcher, offset in self.searcher.leaf_searchers():
            reader = subsearcher.reader()
            limit = offset + reader.doc_count_all()
            local = [d - offset for d in docnums if offset <= d < limit]
            if not local or (fieldname, btext) not in reader:
                continue
            matcher = reader.postings(fieldname, btext)
            by_block = leaf_positions(matcher, local)
            if by_block is not None:
                found.update((docnum + offset, where) for docnum, where in by_block.items())
                continue
            for count, docnum in enumerate(local):
                if not matcher.is_active() or (count % 1024 == 1023 and spent()):
                    break
                matcher.skip_to(docnum)
                if matcher.is_active() and matcher.id() == docnum:
                    found[docnum + offset] = set(matcher.value_as("positions"))
        return found

    def date_range(self, query):
        """Every dated document in the range, at Whoosh's constant score for a range (its boost)."""
        first = query.startdate.toordinal() if query.startdate else 1
        last = query.enddate.toordinal() if query.enddate else float("inf")
        is_deleted = self.searcher.reader().is_deleted
        boost = query.boost
        return {docnum: boost for docnum, day in enumerate(self.days)
                if day and first <= day <= last and not is_deleted(docnum)}

    def by_whoosh(self, query):
        collector = AllMatches()
        self.searcher.search_with_collector(query, collector)
        return {docnum: score for score, docnum in collector.found}

    def term(self, query, within=None):
        fieldname, text = query.fieldname, query.text
        searcher = self.searcher
        if fieldname not in searcher.schema:
            return {}
        field = searcher.schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return {}
        if (fieldname, btext) not in searcher.reader():
            return {}
        avgfl = searcher.avg_field_length(fieldname) or 1
        norms = self.lengths.norms(searcher.reader(), fieldname, avgfl, self.B, self.K1)
        # bm25(idf, tf, fl, avgfl, B, K1) * boost, with the length part looked up
        factor = searcher.idf(fieldname, text) * (self.K1 + 1) * query.boost
        ids, weights = self.postings.get((fieldname, btext),
                                         lambda: self._postings(fieldname, btext))
        if within is None:
            return {docnum: factor * weight / (weight + norms[docnum])
                    for docnum, weight in zip(ids, weights)}
        return {docnum: factor * weight / (weight + norms[docnum])
                for docnum, weight in zip(ids, weights) if docnum in within}

    def _postings(self, fieldname, btext):
        """Blocks of (global docnums, weights) of a term, deleted documents left out."""
        for subsearcher, offset in self.searcher.leaf_searchers():
            reader = subsearcher.reader()
            if (fieldname, btext) not in reader:
                continue
            matcher = reader.postings(fieldname, btext)
            deleted = reader.deleted_docs_set if reader.has_deletions() else ()
            leaf = getattr(matcher, "child", matcher)
            if not hasattr(leaf, "_read_weights"):  # not a Whoosh 2.7 block matcher: go slowly
                items = list(matcher.items_as("weight"))
                yield [d + offset for d, _ in items], [w for _, w in items]
                continue
            while leaf.is_active():
                if leaf._ids is None:
                    leaf._read_ids()
                if leaf._weights is None:
                    leaf._read_weights()
                ids, weights = leaf._ids[leaf._i:], leaf._weights[leaf._i:]
                if deleted:
                    kept = [i for i, docnum in enumerate(ids) if docnum not in deleted]
                    ids, weights = [ids[i] for i in kept], [weights[i] for i in kept]
                yield ([d + offset for d in ids] if offset else ids), weights
                leaf._next_block()


def _combine_sum(dicts, boost=1.0):
    dicts.sort(key=len, reverse=True)
    total = dict(dicts[0]) if dicts else {}
    for scores in dicts[1:]:
        get = total.get
        for docnum, score in scores.items():
            total[docnum] = get(docnum, 0.0) + score
    if boost != 1.0:
        total = {docnum: score * boost for docnum, score in total.items()}
    return total


def _coordinate(dicts, boost=1.0):
    """Sum of the scores times the share of clauses matched (Lucene's classic "coord"), so an
    article with every word outranks one repeating a single rare word."""
    matched = {}
    for scores in dicts:
        for docnum in scores:
            matched[docnum] = matched.get(docnum, 0) + 1
    total = _combine_sum(dicts, boost)
    clauses = len(dicts)
    return {docnum: score * matched[docnum] / clauses for docnum, score in total.items()}


def _combine_max(dicts):
    dicts.sort(key=len, reverse=True)
    best = dict(dicts[0]) if dicts else {}
    for scores in dicts[1:]:
        get = best.get
        for docnum, score in scores.items():
            if score > get(docnum, -1.0):
                best[docnum] = score
    return best
