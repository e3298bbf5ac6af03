"""Proximity: words close to each other in the text (``macron NEAR/5 brexit``, ``"gilets
jaunes"~3``).

Distances are the text's: stop words count as words. The index numbers positions after stop
words are gone, so its distance is never larger than the text's; the index narrows the
candidates (every word present, close enough by its positions) and the stored text of each
candidate decides. These checks of the text serve any backend; the Whoosh query that finds
the candidates is :mod:`search.backends.whoosh.near`.
"""

import functools
import re

from index.analysis import TOKEN_PATTERN, compound_parts, fold_text, index_term, is_compound

_TOKEN = re.compile(TOKEN_PATTERN)
#: Stemming rewrites at most the last two letters of what it keeps (journaux → journal), so a
#: word whose term is wanted begins with the term less those: only such words are read.
_REWRITTEN_CHARS = 2
_PREFIX_CHARS = (2, 5)  # shortest and longest prefix looked for
#: A gap of more words than any window allows, standing for "too far".
_FAR = 10 ** 9


@functools.lru_cache(maxsize=256)
def _candidates(terms):
    low, high = _PREFIX_CHARS
    prefixes = sorted({term[:max(low, min(high, len(term) - _REWRITTEN_CHARS))] for term in terms},
                      key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, prefixes)) + r")[^\W_]*")


def words_between(text, start, end, most):
    """Words of ``text[start:end]`` as the analyzer numbers them (a compound's parts count),
    counted up to ``most + 1`` only."""
    count = 0
    for match in _TOKEN.finditer(text, start, end):
        word = match.group(1)
        count += len(compound_parts(word)) if is_compound(word) else 1
        if count > most:
            break
    return count


def text_positions(text, terms, slop):
    """term → positions in ``text`` of each of ``terms`` (stop words counted as words), a gap
    of more than ``len(terms) + slop`` words standing for "far".

    >>> text_positions("Le président et le Brexit", ("president", "brex"), 5)
    {'president': [0], 'brex': [3]}
    """
    folded = fold_text(text)
    wanted = set(terms)
    found = {term: [] for term in terms}
    previous_end, position = None, 0
    most = len(wanted) + slop
    for match in _candidates(tuple(sorted(wanted))).finditer(folded):
        term = index_term(match.group())
        if term not in wanted:
            continue
        if previous_end is not None:
            between = words_between(folded, previous_end, match.start(), most)
            position += between + 1 if between <= most else _FAR
        previous_end = match.end()
        found[term].append(position)
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
