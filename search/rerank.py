"""Second look at the best few matches: the words as typed, and typed side by side.

Stemming lets ``ministres`` find ministre, but it also makes ``enregistrement`` and
``enregistrer`` one term, and it forgets word order. When someone types several words, the
article that contains them in the very form typed, and in the order typed, is usually the one
they are after. The first ``RERANK_DEPTH`` matches by BM25F get a bonus, relative to the best
score, for the share of query words present in their typed form (accents and case aside), the
share present give or take a plural or feminine ending, and the share of neighbouring query
words that are neighbours in the text. Only the stored text of those few articles is read.
"""

import math
import re
from collections import Counter
from functools import lru_cache

from index.analysis import ELISIONS, TOKEN_PATTERN

from .highlight import fold_latin

#: How many of the best matches are looked at again.
RERANK_DEPTH = 60
#: Bonus, as a share of the best score, when every typed word is present as typed.
#: The three weights were tuned on known-item queries of a seed other than the benchmark's.
FORM_WEIGHT = 1.2
#: Bonus when every typed word is present give or take a plural or feminine ending.
LOOSE_FORM_WEIGHT = 0.6
#: Bonus, as a share of the best score, when every pair of neighbouring words is found side by side.
ORDER_WEIGHT = 1.2

_TOKEN = re.compile(TOKEN_PATTERN)
_GAP = re.compile(r"[\W_]{1,4}(?:(?:" + "|".join(ELISIONS) + ")')?$")


fold_text = fold_latin
_ELIDED_BEFORE = re.compile(r"(?<![^\W_])(?:" + "|".join(ELISIONS) + ")'$")


def _straight(text):
    """Typographic apostrophes made straight (they are outside Latin-1)."""
    return text.replace("’", "'").replace("ʼ", "'")


def _base(word):
    """A folded word without its plural or feminine ending, and the endings it may take."""
    if word.endswith("aux") and len(word) > 4:
        return word[:-3], "(?:al|aux)"
    for ending in ("es", "s", "x", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)], "(?:e|es|s|x)?"
    return word, "(?:e|es|s|x)?"


@lru_cache(maxsize=1024)
def query_pattern(query):
    """For a plain query of 2–12 words: its folded words and one pattern finding any of them
    with any ending; None for one word or a query with operators (those are not looked at
    again)."""
    if any(c in query for c in '"«»()*:') or re.search(r"(^|\s)-|\b(OR|OU|AND|ET|NOT|SAUF)\b", query):
        return None
    matches = list(_TOKEN.finditer(_straight(query)))
    if len(matches) < 2 or len(matches) > 12:
        return None
    # A word typed with its elision (d'étonnement) is "as typed" only with that elision.
    words = [fold_text(m.group(0)) for m in matches]
    elisions = [fold_text(m.group(0)[:m.start(1) - m.start(0)]) for m in matches]
    bases = {}
    for word, elision in zip(words, elisions):
        base, endings = _base(word[len(elision):])
        bases.setdefault(base, endings)
    alternatives = sorted(bases, key=len, reverse=True)
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(
        f"({re.escape(base)}){bases[base]}" for base in alternatives) + r")(?![^\W_])")
    word_bases = [_base(w[len(e):])[0] for w, e in zip(words, elisions)]
    return words, word_bases, alternatives, pattern


def evidence(query, text):
    """What ``text`` shows of ``query``: (indexes of the words present as typed, share of words
    present with any ending, share of neighbouring word pairs found side by side); None when
    the query is not looked at again."""
    compiled = query_pattern(query)
    if compiled is None:
        return None
    words, word_bases, alternatives, pattern = compiled
    folded = fold_text(_straight(text))
    exact, loose, pairs = Counter(), set(), set()
    previous = None
    for match in pattern.finditer(folded):
        base = alternatives[match.lastindex - 1]
        exact[match.group()] += 1
        before = folded[max(0, match.start() - 8):match.start()]
        if before.endswith("'"):  # the word with its elision: "d'" + "etonnement"
            elision = _ELIDED_BEFORE.search(before)
            if elision:
                exact[elision.group() + match.group()] += 1
        loose.add(base)
        if previous is not None and _GAP.match(folded, previous[1], match.start()):
            pairs.add((previous[0], base))
        previous = (base, match.end())
    wanted_pairs = list(zip(word_bases, word_bases[1:]))
    return ({index: exact[word] for index, word in enumerate(words) if word in exact},
            {index for index, base in enumerate(word_bases) if base in loose},
            sum(p in pairs for p in wanted_pairs) / len(wanted_pairs))


def rerank(query, ranked, stored, days):
    """``ranked`` (score, docnum) pairs, best first, with the first ``RERANK_DEPTH`` re-scored.

    ``stored(docnum)`` gives an article's stored fields and ``days[docnum]`` its date (equal
    scores: newest first). Returns new (score, docnum) pairs.

    A word's typed form counts in proportion to how rare it is among the articles looked at:
    a typed form most of them share (a common plural) tells little, one only a few have (an
    unusual form, or the word with its elision) tells which article was meant.
    """
    compiled = query_pattern(query)
    if not ranked or compiled is None:
        return ranked
    word_count = len(compiled[0])
    head = ranked[:RERANK_DEPTH]
    seen = []
    for _, docnum in head:
        fields = stored(docnum)
        seen.append(evidence(query, f"{fields.get('title', '')}\n{fields.get('body', '')}"))
    looked_at = len(head)
    rarity = _rarity([exact for exact, _, _ in seen], looked_at)
    top = ranked[0][0]
    rescored = []
    for (score, docnum), (exact, loose, order) in zip(head, seen):
        form = sum(rarity[index] for index in exact) / word_count
        loose = len(loose) / word_count
        bonus = FORM_WEIGHT * form + LOOSE_FORM_WEIGHT * loose + ORDER_WEIGHT * order
        rescored.append((score + top * bonus, docnum))
    rescored.sort(key=lambda item: (item[0], days[item[1]]), reverse=True)
    # Keep the head above the rest, as the rest was not looked at again.
    return rescored + ranked[RERANK_DEPTH:]


def _rarity(found, looked_at):
    """index → how rare finding query word ``index`` is among the articles looked at, from 0
    (all have it) to 1 (none would), an inverse document frequency over the few looked at."""
    having = Counter(index for indexes in found for index in indexes)
    rarest = math.log((looked_at + 1) / 0.5)
    return {index: math.log((looked_at + 1) / (count + 0.5)) / rarest
            for index, count in having.items()}
