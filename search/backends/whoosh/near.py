"""``NEAR`` in Whoosh: the index's positions narrow the candidates, the text decides
(:mod:`search.proximity`)."""

from whoosh import query as wq

from search.proximity import close_enough, text_positions


class Near(wq.Phrase):
    """Every term of ``words`` within one window of ``len(words) + slop`` words, in any order.

    A Phrase underneath so that Whoosh's size estimates serve it;
    :mod:`search.backends.whoosh.scoring` scores it with :func:`near_scores`.
    """

    def __init__(self, fieldname, words, slop, boost=1.0):
        super().__init__(fieldname, list(words), slop=slop, boost=boost)

    def __repr__(self):
        return f"Near({self.fieldname!r}, {self.words!r}, slop={self.slop})"


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
        if close_enough(text_positions(text, query.words, query.slop), query.words, query.slop):
            found[docnum] = sum(part[docnum] for part in parts) * query.boost
    return found
