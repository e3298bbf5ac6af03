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
from dataclasses import dataclass
from functools import lru_cache

from index.analysis import ELISIONS, TOKEN_PATTERN, fold_text, inflection_base
from index.stopwords import FRENCH_STOP_WORDS

from .highlight import starts_word
from .query_filters import is_filter
from .query_parser import All, Word

#: How many of the best matches are looked at again: known-item queries of other seeds than
#: the benchmark's gain up to 250 (copied passages), but reading stored articles costs about
#: 0.1 ms each and 100 keeps most of the gain for queries matching thousands of articles.
RERANK_DEPTH = 100
#: Characters of an article's text looked at again: the opening of a long article says what
#: it is about, and folding 10 MB bodies a hundred at a time would hold a search for seconds.
RERANK_TEXT_CHARS = 20_000
#: Bonus, as a share of the best score, when every typed word is present as typed.
#: The three weights were tuned on known-item queries of a seed other than the benchmark's.
FORM_WEIGHT = 1.2
#: Bonus when every typed word is present give or take a plural or feminine ending.
LOOSE_FORM_WEIGHT = 0.6
#: Bonus, as a share of the best score, when every pair of neighbouring words is found side by side.
ORDER_WEIGHT = 1.2
#: A pair of neighbouring query words found in that order with small words between (those left
#: out when typing: ``reforme retraites`` for « réforme des retraites ») counts this share of a
#: pair side by side: at most ``NEAR_WORDS`` words, each a stop word or of at most
#: ``NEAR_CHARS`` letters. Chosen on known-item queries of seeds other than the benchmark's
#: (docs/BENCHMARKS.md); a heavier pair lowers queries whose words are not neighbours.
NEAR_WEIGHT = 0.5
NEAR_WORDS = 2
NEAR_CHARS = 3

_TOKEN = re.compile(TOKEN_PATTERN)
#: What may separate two words side by side: a few spaces or signs, then maybe an elision.
_GAP = r"[\W_]{1,4}(?:(?:" + "|".join(ELISIONS) + ")')?"
_GAP_ONLY = re.compile(_GAP + "$")
_WORD = re.compile(r"[^\W_]+")
_ELIDED_BEFORE = re.compile(r"(?<![^\W_])(?:" + "|".join(ELISIONS) + ")'$")
#: The end of a word. Patterns start with the word itself and its start is checked by hand:
#: Python's regular expressions find a literal start many times faster than a look-behind or
#: an alternation of words, so each word is looked for on its own.
_END = r"(?![^\W_])"

@lru_cache(maxsize=8192)
def _compile(pattern):
    """A compiled pattern; the same words come back query after query (``de``, ``la``) and
    compiling costs more than a search (``re``'s own cache keeps only 512)."""
    return re.compile(pattern)


def _has_word(pattern, text):
    """Whether ``pattern`` matches ``text`` at the start of a word."""
    return any(starts_word(text, match.start()) for match in pattern.finditer(text))


@dataclass(frozen=True)
class QueryForms:
    """A plain query compiled for :func:`evidence`.

    Most words are found by one pass of their ``content`` patterns. Stop words (``de``, ``la``)
    are in every article and in every sentence: following each of their occurrences would be
    most of a search's time, so they are looked for once each, and next to their neighbours
    only where those neighbours are.
    """

    words: tuple  # every word, folded, as typed (with its elision: d'etonnement)
    bases: tuple  # every word's base (without elision and ending)
    content: tuple  # (base, pattern finding it with any ending) of the other words
    stop_words: dict  # index → (pattern as typed, pattern with any ending), for stop words
    pairs: int  # how many neighbouring pairs the query has
    neighbours: dict  # (base, base) → pair indexes, for two neighbouring words neither a stop word
    after: dict  # base → [(pair index, pattern of the stop word right after it)]
    before: dict  # base → [(pair index, pattern of the stop word right before it)]
    stop_pairs: dict  # pair index → pattern of two neighbouring stop words


def typed_words(tree):
    """The words of a parsed query (:mod:`search.query_parser`) that are looked at again, as
    one string, or None: only juxtaposed plain words are, filters (``date:``, ``source:``,
    ``titre:``) aside. A phrase, OR, AND, an exclusion, a group or a prefix says how the words
    combine, whatever quotes or spelling of the operator were typed, and is left as ranked."""
    if not isinstance(tree, All) or tree.explicit:
        return None
    words = []
    for clause in tree.clauses:
        if is_filter(clause):
            continue
        if not isinstance(clause, Word) or clause.scope is not None:
            return None
        words.append(clause.text)
    return " ".join(words)


@lru_cache(maxsize=1024)
def query_forms(query):
    """:class:`QueryForms` of plain words (:func:`typed_words`) when there are 2–12 of them,
    else None."""
    if not query:
        return None
    matches = list(_TOKEN.finditer(fold_text(query)))
    if len(matches) < 2 or len(matches) > 12:
        return None
    words = tuple(m.group(0) for m in matches)
    bare = [m.group(1) for m in matches]
    bases = [inflection_base(word) for word in bare]
    stop = [word in FRENCH_STOP_WORDS for word in bare]
    with_ending = [re.escape(base) + endings for base, endings in bases]

    stop_words = {index: (_compile(re.escape(words[index]) + _END),
                          _compile(with_ending[index] + _END))
                  for index in range(len(words)) if stop[index]}
    content = {}
    for (base, _), pattern, is_stop in zip(bases, with_ending, stop):
        if not is_stop:
            content.setdefault(base, _compile(pattern + _END))

    neighbours, after, before, stop_pairs = {}, {}, {}, {}
    for pair in range(len(words) - 1):
        first, second = pair, pair + 1
        if not stop[first] and not stop[second]:
            neighbours.setdefault((bases[first][0], bases[second][0]), []).append(pair)
        elif not stop[first]:
            after.setdefault(bases[first][0], []).append(
                (pair, _compile(_GAP + with_ending[second] + _END)))
        elif not stop[second]:
            before.setdefault(bases[second][0], []).append(
                (pair, _compile(r"(?<![^\W_])" + with_ending[first] + _END + _GAP + "$")))
        else:
            stop_pairs[pair] = _compile(with_ending[first] + _GAP + with_ending[second] + _END)
    return QueryForms(words, tuple(base for base, _ in bases), tuple(content.items()),
                      stop_words, len(words) - 1, neighbours, after, before, stop_pairs)


def evidence(query, text):
    """What ``text`` shows of ``query``, plain words (:func:`typed_words`): (indexes of the words present as typed, indexes of the
    words present with any ending, share of neighbouring word pairs found side by side, a pair
    found with small words between counting ``NEAR_WEIGHT``); None when the query is not
    looked at again."""
    forms = query_forms(query)
    if forms is None:
        return None
    folded = fold_text(text)
    typed, loose, pairs, near = set(), set(), set(), set()
    # Every occurrence of the words, in the order of the text; where two bases match at one
    # place (lead, leader), the longer.
    found = sorted((match.start(), -len(base), match.end(), base)
                   for base, pattern in forms.content for match in pattern.finditer(folded)
                   if starts_word(folded, match.start()))
    previous, covered = None, -1
    for start, _, end, base in found:
        if start < covered:
            continue
        covered = end
        word = folded[start:end]
        typed.add(word)
        if folded[start - 1:start] == "'":  # the word with its elision: "d'" + "etonnement"
            elision = _ELIDED_BEFORE.search(folded[max(0, start - 8):start])
            if elision:
                typed.add(elision.group() + word)
        loose.add(base)
        neighbouring = forms.neighbours.get((previous[0], base), ()) if previous else ()
        if neighbouring and _GAP_ONLY.match(folded, previous[1], start):
            pairs.update(neighbouring)
        elif neighbouring and _small_words_between(folded, previous[1], start):
            near.update(neighbouring)
        for pair, stop_word in forms.after.get(base, ()):
            if stop_word.match(folded, end):
                pairs.add(pair)
        for pair, stop_word in forms.before.get(base, ()):
            if stop_word.search(folded[max(0, start - 32):start]):
                pairs.add(pair)
        previous = (base, end)
    found_typed = {index for index, word in enumerate(forms.words) if word in typed}
    found_loose = {index for index, base in enumerate(forms.bases) if base in loose}
    for index, (as_typed, with_ending) in forms.stop_words.items():
        if _has_word(as_typed, folded):
            found_typed.add(index)
            found_loose.add(index)
        elif _has_word(with_ending, folded):
            found_loose.add(index)
    pairs.update(pair for pair, pattern in forms.stop_pairs.items() if _has_word(pattern, folded))
    order = len(pairs) + NEAR_WEIGHT * len(near - pairs)
    return found_typed, found_loose, order / forms.pairs


def _small_words_between(folded, end, start):
    """Whether ``folded[end:start]`` holds 1 to ``NEAR_WORDS`` words, each a stop word or of
    at most ``NEAR_CHARS`` letters (``des``, ``au``, ``l'``, ``pour``)."""
    if start - end > NEAR_WORDS * 12:  # longer than small words and their spaces can be
        return False
    words = _WORD.findall(folded, end, start)
    return 0 < len(words) <= NEAR_WORDS and all(
        len(word) <= NEAR_CHARS or word in FRENCH_STOP_WORDS for word in words)


def rerank(tree, ranked, stored, days):
    """``ranked`` (score, docnum) pairs, best first, with the first ``RERANK_DEPTH`` re-scored
    when the parsed query ``tree`` is made of plain words (:func:`typed_words`).

    ``stored(docnum)`` gives an article's stored fields and ``days[docnum]`` its date (equal
    scores: newest first). Returns new (score, docnum) pairs.

    A word's typed form counts in proportion to how rare it is among the articles looked at:
    a typed form most of them share (a common plural) tells little, one only a few have (an
    unusual form, or the word with its elision) tells which article was meant.
    """
    query = typed_words(tree)
    forms = query_forms(query)
    if not ranked or forms is None:
        return ranked
    word_count = len(forms.words)
    head = ranked[:RERANK_DEPTH]
    seen = []
    for _, docnum in head:
        fields = stored(docnum)
        text = f"{fields.get('title', '')}\n{fields.get('body', '')}"
        seen.append(evidence(query, text[:RERANK_TEXT_CHARS]))
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
