"""Words the index knows: "did you mean" corrections and completions as you type.

Corrections compare index terms (folded, stemmed) within edit distance 2 of a rare query word
and prefer frequent ones; the word shown is the spelling the articles use (``Rusie`` →
``Russie``). Completions come from the words of titles, so they are real words, not stems.
"""

import bisect
import re
import threading
from collections import Counter
from difflib import SequenceMatcher
from html import escape

from index.analysis import ANALYZER, TOKEN_PATTERN, fold
from index.stopwords import FRENCH_STOP_WORDS

#: A query word found in fewer articles than this may be a typo.
RARE_BELOW = 3
#: A correction must be this many times more frequent than the word it replaces.
MIN_GAIN = 10
#: Corrections remembered per index version (any word typed can be a key, so it is bounded).
MAX_CACHED_CORRECTIONS = 20_000
#: Most title words read for completions (the most frequent are kept).
MAX_COMPLETION_WORDS = 200_000

_WORD = re.compile(TOKEN_PATTERN)


def edit_distance(a, b, limit=2):
    """Damerau–Levenshtein (optimal string alignment) distance, capped at ``limit + 1``.

    Only the diagonal band of width ``limit`` is computed: cells outside it exceed the cap.

    >>> edit_distance("zelenksy", "zelensky"), edit_distance("rusi", "russ")
    (1, 1)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    width = len(b)
    previous2 = None
    previous = [j if j <= limit else over for j in range(width + 1)]
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        current = [over] * (width + 1)
        if i <= limit:
            current[0] = i
        low, high = max(1, i - limit), min(width, i + limit)
        best = current[0]
        for j in range(low, high + 1):
            cb = b[j - 1]
            value = previous[j - 1] + (ca != cb)
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and previous2[j - 2] + 1 < value:
                value = previous2[j - 2] + 1
            current[j] = value if value < over else over
            if value < best:
                best = value
        if best > limit:
            return over
        previous2, previous = previous, current
    return previous[width]


class VocabularyCache:
    """What :class:`Vocabulary` works out once per index version, shared by every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.title_words = None
        self.terms_by_shape = None
        self.closest = {}


class Vocabulary:
    """The vocabulary of one index version, read through one thread's reader (a reader is not
    shared: another thread may close its own when a new version appears)."""

    def __init__(self, reader, cache):
        self.reader = reader
        self.cache = cache

    def frequency(self, term):
        return self.reader.doc_frequency("content", term)

    def _buckets(self):
        """Frequent index terms by (first letter, length): the candidates for a correction
        share the first letter and differ in length by at most 2. Only terms found in one
        article in two thousand (2 to 10 articles) are kept: a correction leads to a common word."""
        with self.cache.lock:
            if self.cache.terms_by_shape is None:
                least = max(2, min(10, self.reader.doc_count() // 2000))
                # Segment by segment, summed: five times faster than the merged view, which
                # builds a term's statistics from every segment for each term.
                frequencies = {}
                for leaf, _ in self.reader.leaf_readers():
                    for btext, info in leaf.iter_field("content"):
                        frequencies[btext] = frequencies.get(btext, 0) + info.doc_frequency()
                buckets = {}
                for btext, frequency in sorted(frequencies.items()):
                    if frequency >= least:
                        term = btext.decode("utf-8")
                        buckets.setdefault((term[0], len(term)), []).append((term, frequency))
                self.cache.terms_by_shape = buckets
            return self.cache.terms_by_shape

    def closest(self, term):
        """The frequent index term closest to ``term``, or None."""
        closest = self.cache.closest
        if term not in closest:
            found = self._find_closest(term)
            if len(closest) >= MAX_CACHED_CORRECTIONS:
                closest.clear()  # start afresh: cheaper than tracking use, and rare
            closest[term] = found
            return found
        return closest[term]

    def _find_closest(self, term):
        if len(term) < 3:
            return None
        own = self.frequency(term)
        buckets = self._buckets()
        best, best_score = None, 0.0
        for length in range(len(term) - 2, len(term) + 3):
            for candidate, frequency in buckets.get((term[0], length), ()):
                if frequency <= own or frequency < MIN_GAIN * own or candidate == term:
                    continue
                distance = edit_distance(term, candidate)
                if distance > 2 or (distance == 2 and len(term) < 6):
                    continue
                score = frequency / (30 ** distance)  # one edit beats two unless far more frequent
                if score > best_score:
                    best, best_score = candidate, score
        return best

    def surface(self, term, like, documents=3):
        """How the articles write the word indexed as ``term`` — of the spellings found in a
        few of them, the closest to ``like`` (``Rusie`` → Russie, not russe) — cased like it."""
        postings = self.reader.postings("content", term)
        spellings = Counter()
        while postings.is_active() and documents:
            stored = self.reader.stored_fields(postings.id())
            count_spellings(spellings, stored, term)
            documents -= 1
            postings.next()
        return closest_spelling(spellings, like)

    # --- completions -----------------------------------------------------------------------

    def _words(self):
        """Sorted (folded word, spelling, count) of title words, and sorted folded titles."""
        with self.cache.lock:
            if self.cache.title_words is None:
                counts, spellings, titles = Counter(), {}, []
                for stored in self.reader.all_stored_fields():
                    title = stored.get("title") or ""
                    titles.append((fold(title), title))
                    for match in _WORD.finditer(title):
                        word = match.group(1)
                        folded = fold(word)
                        if len(folded) < 3 or folded in FRENCH_STOP_WORDS:
                            continue
                        counts[folded] += 1
                        spellings.setdefault(folded, Counter())[word] += 1
                words = sorted((folded, spellings[folded].most_common(1)[0][0], count)
                               for folded, count in counts.most_common(MAX_COMPLETION_WORDS))
                self.cache.title_words = (words, [w[0] for w in words], sorted(set(titles)))
            return self.cache.title_words

    def completions(self, prefix, limit):
        """Up to ``limit`` completions of ``prefix``: whole titles, then its last word completed."""
        words, keys, titles = self._words()
        folded_prefix = fold(prefix.lstrip())
        head, _, last = prefix.lstrip().rpartition(" ")
        folded_last = fold(last)
        results = []
        if len(folded_prefix) >= 2:
            start = bisect.bisect_left(titles, (folded_prefix,))
            for folded, title in titles[start:start + limit]:
                if not folded.startswith(folded_prefix):
                    break
                results.append(title)
        if folded_last:
            start = bisect.bisect_left(keys, folded_last)
            end = bisect.bisect_left(keys, folded_last + "\uffff")
            ranked = sorted(words[start:end], key=lambda w: -w[2])
            completed = [(head + " " if head else "") + spelling for _, spelling, _ in ranked]
            results = completed[:limit - min(len(results), limit // 2)] + results
        return list(dict.fromkeys(results))[:limit]


def suggest(query, words, exact_count, vocabulary, count):
    """A clearly better spelling of ``query``: ``{"query", "html"}``, or None.

    ``words`` are the (typed word, index term) pairs searched; ``exact_count(q)`` counts the
    articles ``q`` finds by its words themselves (not by name spelling keys), ``count(q)`` with
    everything, and a correction is offered only if it finds at least twice as many.
    """
    corrections = {}
    for word, term in words:
        if term is None or word in corrections or vocabulary.frequency(term) >= RARE_BELOW:
            continue
        candidate = vocabulary.closest(term)
        spelling = vocabulary.surface(candidate, like=word) if candidate else None
        # Stems can be close while the words are not (shoigu / soignants): compare words too.
        if spelling and 0 < edit_distance(fold(spelling), fold(word)) <= 2:
            corrections[word] = spelling
    if not corrections:
        return None
    corrected, html = _replace_words(query, corrections)
    before = exact_count(query)
    after = count(corrected)
    if after < max(1, 2 * before):
        return None
    return {"query": corrected, "html": html}


def _replace_words(query, corrections):
    """The query with each corrected word replaced, as text and as HTML with ``<em>``."""
    pattern = re.compile(r"(?<![^\W_])(" + "|".join(
        re.escape(word) for word in sorted(corrections, key=len, reverse=True)) + r")(?![^\W_])")
    text_parts, html_parts, cursor = [], [], 0
    for match in pattern.finditer(query):
        replacement = corrections[match.group(1)]
        text_parts += [query[cursor:match.start()], replacement]
        html_parts += [escape(query[cursor:match.start()]), f"<em>{escape(replacement)}</em>"]
        cursor = match.end()
    text_parts.append(query[cursor:])
    html_parts.append(escape(query[cursor:]))
    return "".join(text_parts), "".join(html_parts)


def count_spellings(spellings, stored, term):
    """Adds to the Counter ``spellings`` how the article ``stored`` (its title and the opening
    of its body) writes the words indexed as ``term``."""
    text = f"{stored.get('title', '')}\n{stored.get('body', '')}"
    for token in ANALYZER(text[:20_000], chars=True):
        if token.text == term and not token.overlap:
            spellings[text[token.startchar:token.endchar]] += 1


def closest_spelling(spellings, like):
    """Of the spellings counted, the one closest to ``like`` as typed (then the most used),
    in lower case when ``like`` is; None when none was found."""
    if not spellings:
        return None
    typed = fold(like)
    word = min(spellings, key=lambda w: (
        edit_distance(fold(w), typed, limit=9),
        -SequenceMatcher(None, fold(w), typed).ratio(),
        w[:1].isupper() != like[:1].isupper(),
        -spellings[w]))
    return word.lower() if like.islower() else word
