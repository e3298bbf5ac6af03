"""Second look at the best few matches: the words as typed, and typed side by side.

Stemming lets ``ministres`` find ministre, but it also makes ``enregistrement`` and
``enregistrer`` one term, and it forgets word order. When someone types several words, the
article that contains them in the very form typed, and in the order typed, is usually the one
they are after. The first ``RERANK_DEPTH`` matches by BM25F get a bonus, relative to the best
score, for the share of query words present in their typed form (accents and case aside), the
share present give or take a plural or feminine ending, and the share of neighbouring query
words that are neighbours in the text. Only the stored text of those few articles is read.
"""

import re
from functools import lru_cache

from index.analysis import APOSTROPHES, ELISIONS, TOKEN_PATTERN

#: How many of the best matches are looked at again.
RERANK_DEPTH = 30
#: Bonus, as a share of the best score, when every typed word is present as typed.
#: The three weights were tuned on known-item queries of a seed other than the benchmark's.
FORM_WEIGHT = 0.6
#: Bonus when every typed word is present give or take a plural or feminine ending.
LOOSE_FORM_WEIGHT = 0.8
#: Bonus, as a share of the best score, when every pair of neighbouring words is found side by side.
ORDER_WEIGHT = 1.2

_TOKEN = re.compile(TOKEN_PATTERN)
_VARIANTS = {"a": "aàâä", "c": "cç", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "y": "yÿ"}
_ELISION = "(?:(?:" + "|".join(ELISIONS) + f")[{APOSTROPHES}])?"


@lru_cache(maxsize=4096)
def _word_pattern(word):
    """A word as typed, any accents (on unaccented letters) and any case."""
    return "".join(f"[{_VARIANTS[c]}]" if c in _VARIANTS else re.escape(c) for c in word.lower())


def _loose_pattern(word):
    """A word with any plural or feminine ending: ``impliquée`` matches impliqué(e)(s)."""
    lower = word.lower()
    if lower.endswith("aux") and len(lower) > 4:
        return _word_pattern(lower[:-3]) + "(?:al|aux)"
    for ending in ("es", "s", "x", "e"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            lower = lower[:-len(ending)]
            break
    return _word_pattern(lower) + "(?:e|es|s|x)?"


@lru_cache(maxsize=1024)
def query_patterns(query):
    """Patterns for the words of a plain query and for its neighbouring pairs; None for a
    query of one word or with operators (only plain word lists are looked at again)."""
    if any(c in query for c in '"«»()*:') or re.search(r"(^|\s)-|\b(OR|OU|AND|ET|NOT|SAUF)\b", query):
        return None
    words = [m.group(1) for m in _TOKEN.finditer(query)]
    if len(words) < 2 or len(words) > 12:
        return None
    boundary_start, boundary_end = r"(?<![^\W_])", r"(?![^\W_])"
    distinct = list(dict.fromkeys(w.lower() for w in words))
    forms = [re.compile(boundary_start + _word_pattern(w) + boundary_end, re.IGNORECASE)
             for w in distinct]
    loose = [re.compile(boundary_start + _loose_pattern(w) + boundary_end, re.IGNORECASE)
             for w in distinct]
    pairs = [re.compile(boundary_start + _loose_pattern(a) + r"[\W_]{1,4}" + _ELISION
                        + _loose_pattern(b) + boundary_end, re.IGNORECASE)
             for a, b in zip(words, words[1:])]
    return forms, loose, pairs


def rerank(query, ranked, stored, days):
    """``ranked`` (score, docnum) pairs, best first, with the first ``RERANK_DEPTH`` re-scored.

    ``stored(docnum)`` gives an article's stored fields and ``days[docnum]`` its date (equal
    scores: newest first). Returns new (score, docnum) pairs.
    """
    patterns = query_patterns(query)
    if patterns is None or not ranked:
        return ranked
    forms, loose, pairs = patterns
    top = ranked[0][0]
    head = []
    for score, docnum in ranked[:RERANK_DEPTH]:
        fields = stored(docnum)
        text = f"{fields.get('title', '')}\n{fields.get('body', '')}"
        bonus = (FORM_WEIGHT * _share(forms, text) + LOOSE_FORM_WEIGHT * _share(loose, text)
                 + ORDER_WEIGHT * _share(pairs, text))
        head.append((score + top * bonus, docnum))
    head.sort(key=lambda item: (item[0], days[item[1]]), reverse=True)
    # Keep the head above the rest, as the rest was not looked at again.
    return head + ranked[RERANK_DEPTH:]


def _share(patterns, text):
    return sum(1 for pattern in patterns if pattern.search(text)) / len(patterns)
