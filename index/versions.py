"""Versions of one text: which articles are copies of one dispatch.

Two articles are versions of one text when most of the wording of the shorter one is in the
other: the same dispatch republished under another title, a re-filing, an update that keeps
most of the first version, a short dispatch inside a longer article. The measure is the
*containment* of the shorter text's word shingles (three consecutive words of the analysed,
folded text) in the other's, estimated from MinHash signatures (``datasketch``). Containment,
not Jaccard similarity, because an update or a longer edition adds text of its own that says
nothing against the shared part.

Paragraphs that recur in many articles (a programme's standard introduction, a newsletter
footer) are the site's text, not the article's: they are left out before shingling, so two
articles sharing only such a block are compared on the rest. The patterns of
:mod:`index.boilerplate` have already removed known lines when the archive was read.

Candidates come from MinHash LSH at a low Jaccard threshold (a short text inside a long one
has a low Jaccard similarity); each candidate pair is then decided on estimated containment,
weighed by how far apart the two were published: a same-day agency update that rewrites its
lead is still the dispatch, while a text of the next day or later that keeps most of the
previous one is usually a follow-up that reuses its background, or a bulletin of one form
filled with other figures. Groups are the connected components of the pairs kept. The
hashing, signatures and LSH are in :mod:`index.signatures`.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

import numpy
from datasketch import MinHash

from index.signatures import (NUM_PERM, SEED, SHINGLE_WORDS, banded_pairs, hashed_paragraphs,
                              minhash, shingle_hashes)

__all__ = ["NUM_PERM", "SEED", "SHINGLE_WORDS", "Fingerprint", "Rule", "RULE", "are_versions",
           "MAX_TEXT_CHARS", "article_paragraphs", "days_apart", "candidate_pairs", "common_paragraphs", "containment",
           "fingerprint", "group_texts", "hashed_paragraphs", "shingles", "version_groups"]


@dataclass(frozen=True)
class Rule:
    """When two fingerprinted texts are versions of one text: the estimated containment (share
    of the shorter text's shingles in the other's) reaches the threshold of the number of days
    between their dates, or ``undated`` when a date is missing."""

    same_day: float
    next_day: float
    later: float
    undated: float

    def threshold(self, days):
        """The containment threshold for texts ``days`` apart (None: a date is missing)."""
        if days is None:
            return self.undated
        return self.same_day if days == 0 else self.next_day if days == 1 else self.later

    def lowest(self):
        return min(self.same_day, self.next_day, self.later, self.undated)


#: Chosen on the labelled pairs of ``bench/versions.py``: the median of the thresholds fitted on
#: one half of the pairs over random splits (see docs/BENCHMARKS.md). Same-day texts share
#: less (an agency update rewrites its lead and half its body); texts days apart must share
#: more (a follow-up keeps the previous day's background, a bulletin its form); undated texts
#: (half of one source) can only be weighed on their wording.
RULE = Rule(same_day=0.55, next_day=0.70, later=0.85, undated=0.55)
#: Texts with fewer shingles than this are too short for containment to mean anything (a
#: two-line brief is "contained" in every long article on its topic): they are versions only
#: when nearly identical.
MIN_SHINGLES = 12
NEAR_IDENTICAL = 0.9
#: A paragraph found in at least this many articles is a standard block of the site. Copies of
#: one dispatch number at most a handful in a news archive, far below this.
COMMON_PARAGRAPH_ARTICLES = 10


def common_paragraphs(texts, min_articles=COMMON_PARAGRAPH_ARTICLES):
    """Keys of the paragraphs found in at least ``min_articles`` of ``texts``
    (each as :func:`hashed_paragraphs` gives it)."""
    counts = Counter()
    for paragraphs in texts:
        counts.update({key for key, _ in paragraphs})
    return frozenset(key for key, count in counts.items() if count >= min_articles)


def shingles(paragraphs, common=frozenset()):
    """The distinct word shingles of a text's own paragraphs (those whose key is not in
    ``common``), as 32-bit hashes (numpy array)."""
    kept = [hashes for key, hashes in paragraphs if key not in common]
    return shingle_hashes(numpy.concatenate(kept) if kept else numpy.zeros(0, dtype=numpy.uint32))


#: Characters of a body that grouping reads. Copies share their opening pages, and an
#: enormous text (a 50 MB log pasted as an article) must not cost memory in proportion; the
#: longest article of the news corpus has 40,051.
MAX_TEXT_CHARS = 100_000


def article_paragraphs(title, body):
    """The paragraphs grouping compares for an article: its body's (its first
    :data:`MAX_TEXT_CHARS` characters), its title's when it has no body.

    Copies are often retitled, and a title is too short to say anything on its own.
    """
    return hashed_paragraphs(body[:MAX_TEXT_CHARS]) or hashed_paragraphs(title)


@dataclass(frozen=True)
class Fingerprint:
    """An article's MinHash signature, the number of shingles it summarises, and its date
    (a ``datetime.date`` or None) for rules that weigh how far apart two texts were published."""

    minhash: MinHash
    size: int
    date: datetime.date | None = None


def fingerprint(paragraphs, common=frozenset(), date=None):
    """The :class:`Fingerprint` of a text (its :func:`article_paragraphs`) published on ``date``,
    None when it has no words."""
    found = shingles(paragraphs, common)
    if not len(found):
        return None
    return Fingerprint(minhash(found), len(found), date)


def _containment(jaccard, size_a, size_b):
    # The intersection is J (|A| + |B|) / (1 + J); numbers or numpy arrays alike.
    return numpy.minimum(1.0, jaccard * (size_a + size_b) / (1 + jaccard)
                         / numpy.minimum(size_a, size_b))


def containment(a, b):
    """Estimated share of the smaller text's shingles that are in the other's.

    From the estimated Jaccard similarity J and the two set sizes: the intersection is
    J (|A| + |B|) / (1 + J).
    """
    return float(_containment(a.minhash.jaccard(b.minhash), a.size, b.size))


def days_apart(a, b):
    """Days between two fingerprints' dates, None when one is unknown."""
    if a.date is None or b.date is None:
        return None
    return abs((a.date - b.date).days)


def are_versions(a, b, rule=RULE):
    """Whether two fingerprinted articles are versions of one text."""
    if min(a.size, b.size) < MIN_SHINGLES:
        return a.minhash.jaccard(b.minhash) >= NEAR_IDENTICAL
    return containment(a, b) >= rule.threshold(days_apart(a, b))


def _signatures(keys, fingerprints):
    return numpy.stack([fingerprints[key].minhash.hashvalues for key in keys])


def candidate_pairs(fingerprints):
    """Pairs of ids (sorted within and across) whose signatures LSH puts side by side."""
    keys = list(fingerprints)
    if len(keys) < 2:
        return []
    pairs = banded_pairs(_signatures(keys, fingerprints))
    return sorted(tuple(sorted((keys[i], keys[j]))) for i, j in pairs.tolist())


def version_groups(articles):
    """Groups of versions among ``articles`` (``(id, title, body, date)`` each, the date a
    ``datetime.date`` or None): see :func:`group_texts`.

    The standard paragraphs are those recurring in ``articles``.
    """
    texts = {key: article_paragraphs(title, body) for key, title, body, _ in articles}
    dates = {key: date for key, _, _, date in articles}
    return group_texts(texts, common_paragraphs(texts.values()), dates)


def group_texts(texts, common, dates=None, rule=RULE):
    """Groups of versions among ``texts`` (id → :func:`article_paragraphs`), ``common`` left out;
    ``dates``: id → date, where known.

    Returns the groups of two or more ids, each sorted, largest first then by first id.
    """
    dates = dates or {}
    fingerprints = {}
    for key, paragraphs in texts.items():
        found = fingerprint(paragraphs, common, dates.get(key))
        if found is not None:
            fingerprints[key] = found
    keys = list(fingerprints)
    parent = {}

    def root(key):
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    for a, b in _likely_pairs(keys, fingerprints, rule):
        if are_versions(fingerprints[a], fingerprints[b], rule):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members = {}
    for key in list(parent):
        members.setdefault(root(key), []).append(key)
    groups = [sorted(set(found) | {head}) for head, found in members.items()]
    return sorted((group for group in groups if len(group) > 1), key=lambda g: (-len(g), g[0]))


def _likely_pairs(keys, fingerprints, rule):
    """The LSH candidates that may pass :func:`are_versions`: estimated containment at least the
    rule's lowest threshold, or a short text (decided on near-identity). Estimated for all
    candidates at once, so that the rule is applied to few pairs."""
    if len(keys) < 2:
        return []
    signatures = _signatures(keys, fingerprints)
    pairs = banded_pairs(signatures)
    sizes = numpy.array([fingerprints[key].size for key in keys], dtype=float)
    left, right = pairs[:, 0], pairs[:, 1]
    jaccard = (signatures[left] == signatures[right]).mean(axis=1)
    possible = ((_containment(jaccard, sizes[left], sizes[right]) >= rule.lowest() - 1e-9)
                | (numpy.minimum(sizes[left], sizes[right]) < MIN_SHINGLES))
    return [(keys[i], keys[j]) for i, j in pairs[possible].tolist()]
