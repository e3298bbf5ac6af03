"""Proximity: words close to each other in the text (``macron NEAR/5 brexit``, ``"gilets
jaunes"~3``).

Distances are the text's: stop words count as words. The index numbers positions after stop
words are gone, so its distance is never larger than the text's; the index narrows the
candidates (every word present, close enough by its positions) and the stored text of each
candidate decides.
"""

from whoosh import query as wq

from index.analysis import CompoundFilter, FrenchTokenizer, index_term

_WORDS = FrenchTokenizer() | CompoundFilter()


class Near(wq.Phrase):
    """Every term of ``words`` within one window of ``len(words) + slop`` words, in any order.

    A Phrase underneath so that Whoosh's size estimates serve it; :mod:`search.scoring` scores
    it with :func:`near_scores`.
    """

    def __init__(self, fieldname, words, slop, boost=1.0):
        super().__init__(fieldname, list(words), slop=slop, boost=boost)

    def __repr__(self):
        return f"Near({self.fieldname!r}, {self.words!r}, slop={self.slop})"


def text_positions(text):
    """term → positions of ``text``, stop words counted as words but not returned.

    >>> sorted(text_positions("Le président et le Brexit").items())
    [('brex', [4]), ('president', [1])]
    """
    found = {}
    pos = -1
    for token in _WORDS(text, positions=True):
        if not token.overlap:
            pos += 1
        term = index_term(token.text)
        if term is not None:
            found.setdefault(term, []).append(pos)
    return found


def smallest_window(positions_by_term):
    """Words in the smallest window holding every term once (its length), or None.

    >>> smallest_window({"a": [0, 9], "b": [3, 7]})
    3
    >>> smallest_window({"a": [2], "b": []}) is None
    True
    """
    if not positions_by_term or not all(positions_by_term.values()):
        return None
    events = sorted((p, t) for t, ps in positions_by_term.items() for p in ps)
    need, counts, best, left = len(positions_by_term), {}, None, 0
    for right, (position, term) in enumerate(events):
        counts[term] = counts.get(term, 0) + 1
        while len(counts) == need:
            start, first = events[left]
            span = position - start + 1
            best = span if best is None or span < best else best
            counts[first] -= 1
            if not counts[first]:
                del counts[first]
            left += 1
    return best


def close_enough(positions_by_term, terms, slop):
    """Whether the distinct ``terms`` lie within ``len(terms) + slop`` words."""
    wanted = {term: positions_by_term.get(term, []) for term in dict.fromkeys(terms)}
    window = smallest_window(wanted)
    return window is not None and window <= len(wanted) + slop


def near_scores(scorer, query):
    """``{docnum: score}`` of the articles where ``query``'s words are close enough, scored as
    the sum of the words' scores (as a phrase is)."""
    fieldname = query.fieldname
    parts = [scorer.term(wq.Term(fieldname, word)) for word in query.words]
    candidates = set(parts[0]).intersection(*parts[1:]) if all(parts) else set()
    if not candidates:
        return {}
    ordered = sorted(candidates)
    index_positions = {word: scorer._positions(fieldname, word, ordered) for word in query.words}
    stored = scorer.searcher.stored_fields
    found = {}
    for docnum in ordered:
        by_index = {word: sorted(index_positions[word].get(docnum, ())) for word in query.words}
        if not close_enough(by_index, query.words, query.slop):
            continue  # already too far apart without the stop words
        fields = stored(docnum)
        text = fields.get("title", "")
        if fieldname == "content":
            text = f"{text}\n{fields.get('body', '')}"
        if close_enough(text_positions(text), query.words, query.slop):
            found[docnum] = sum(part[docnum] for part in parts) * query.boost
    return found
