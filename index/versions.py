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
has a low Jaccard similarity); each candidate pair is then decided on estimated containment.
Groups are the connected components of the pairs kept.
"""

import datetime
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy
from datasketch import MinHash, MinHashLSH

#: Words per shingle: three keep word order without being broken by every light edit.
SHINGLE_WORDS = 3
#: Permutations per signature: 128 estimate a similarity within about ±0.04.
NUM_PERM = 128
#: A fixed seed: signatures made at different times must be comparable.
SEED = 1
#: Jaccard threshold of the LSH candidates. A text of a quarter of another's length, 70 %
#: contained in it, has a Jaccard similarity of about 0.16; lower would mostly add noise.
CANDIDATE_JACCARD = 0.15
#: Share of the shorter text's shingles found in the other from which two articles are
#: versions of one text. Chosen on the labelled pairs of ``bench/versions.py`` (see
#: docs/BENCHMARKS.md): below it, follow-ups that reuse a previous day's background join.
CONTAINMENT = 0.70
#: Texts with fewer shingles than this are too short for containment to mean anything (a
#: two-line brief is "contained" in every long article on its topic): they are versions only
#: when nearly identical.
MIN_SHINGLES = 12
NEAR_IDENTICAL = 0.9
#: A paragraph found in at least this many articles is a standard block of the site. Copies of
#: one dispatch number at most a handful in a news archive, far below this.
COMMON_PARAGRAPH_ARTICLES = 10

#: A word of folded text: elided articles (``l'``, ``qu'``) come apart as words of their own.
_WORD = re.compile(r"[a-z0-9]+")
#: A shingle's hash mixes its words' hashes: ((h1 * M) + h2) * M + h3 modulo 2**32.
_MULTIPLIER = 1_000_003
_MASK = numpy.uint64(0xFFFFFFFF)
#: The permutations are drawn once: drawing them for every article costs more than hashing it.
_SCHEME = "affine32"
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations


def folded_paragraphs(body):
    """The paragraphs of ``body`` (its non-empty lines), each as its list of folded words.

    Folded like the analyser's words (lower case, accents off, ``œ`` → ``oe``), but the whole
    text at once with the C decomposition: word by word, or with ``unidecode``, costs several
    times more on a corpus.
    """
    folded = unicodedata.normalize("NFKD", body.lower().replace("œ", "oe").replace("æ", "ae"))
    lines = folded.encode("ascii", "ignore").decode("ascii").splitlines()
    return [words for words in map(_WORD.findall, lines) if words]


def hashed_paragraphs(body):
    """``(key, word hashes)`` for each paragraph of ``body``: what grouping keeps of a text.

    The key identifies the paragraph's folded wording, to count where it recurs; the words are
    hashed once (CRC-32), so that shingles are combined from numbers, not strings.
    """
    found = []
    for words in folded_paragraphs(body):
        hashes = numpy.fromiter((zlib.crc32(word.encode("ascii")) for word in words),
                                dtype=numpy.uint32, count=len(words))
        found.append((zlib.crc32(hashes.tobytes()), hashes))
    return found


def common_paragraphs(texts, min_articles=COMMON_PARAGRAPH_ARTICLES):
    """Keys of the paragraphs found in at least ``min_articles`` of ``texts``
    (each as :func:`hashed_paragraphs` gives it)."""
    counts = Counter()
    for paragraphs in texts:
        counts.update({key for key, _ in paragraphs})
    return frozenset(key for key, count in counts.items() if count >= min_articles)


def shingles(paragraphs, common=frozenset()):
    """The distinct word shingles of a text's own paragraphs, as 32-bit hashes (numpy array).

    A shingle's hash combines its words' hashes: ((h1 * M) + h2) * M + h3 modulo 2**32.
    Paragraphs whose key is in ``common`` are left out.
    """
    kept = [hashes for key, hashes in paragraphs if key not in common]
    if not kept:
        return numpy.zeros(0, dtype=numpy.uint32)
    hashes = numpy.concatenate(kept).astype(numpy.uint64)
    if len(hashes) < SHINGLE_WORDS:
        hashes = numpy.pad(hashes, (0, SHINGLE_WORDS - len(hashes)))
    combined = numpy.zeros(len(hashes) - SHINGLE_WORDS + 1, dtype=numpy.uint64)
    for offset in range(SHINGLE_WORDS):
        combined = (combined * _MULTIPLIER + hashes[offset:len(combined) + offset]) & _MASK
    return numpy.unique(combined.astype(numpy.uint32))


def article_paragraphs(title, body):
    """The paragraphs grouping compares for an article: its body's, its title's when it has no body.

    Copies are often retitled, and a title is too short to say anything on its own.
    """
    return hashed_paragraphs(body) or hashed_paragraphs(title)


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
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=_PERMUTATIONS,
                      scheme=_SCHEME)
    minhash.update_batch(found)
    return Fingerprint(minhash, len(found), date)


def containment(a, b):
    """Estimated share of the smaller text's shingles that are in the other's.

    From the estimated Jaccard similarity J and the two set sizes: the intersection is
    J (|A| + |B|) / (1 + J).
    """
    jaccard = a.minhash.jaccard(b.minhash)
    shared = jaccard * (a.size + b.size) / (1 + jaccard)
    return min(1.0, shared / min(a.size, b.size))


def are_versions(a, b):
    """Whether two fingerprinted articles are versions of one text."""
    if min(a.size, b.size) < MIN_SHINGLES:
        return a.minhash.jaccard(b.minhash) >= NEAR_IDENTICAL
    return containment(a, b) >= CONTAINMENT


def candidate_pairs(fingerprints):
    """Pairs of ids (sorted within and across) whose signatures LSH puts side by side."""
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    for key, found in fingerprints.items():
        lsh.insert(key, found.minhash, check_duplication=False)
    pairs = set()
    for key, found in fingerprints.items():
        for other in lsh.query(found.minhash):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    return sorted(pairs)


def version_groups(articles):
    """Groups of versions among ``articles`` (``(id, title, body, date)`` each, the date a
    ``datetime.date`` or None): see :func:`group_texts`.

    The standard paragraphs are those recurring in ``articles``.
    """
    texts = {key: article_paragraphs(title, body) for key, title, body, _ in articles}
    dates = {key: date for key, _, _, date in articles}
    return group_texts(texts, common_paragraphs(texts.values()), dates)


def group_texts(texts, common, dates=None):
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
    parent = {}

    def root(key):
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    for a, b in candidate_pairs(fingerprints):
        if are_versions(fingerprints[a], fingerprints[b]):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members = {}
    for key in list(parent):
        members.setdefault(root(key), []).append(key)
    groups = [sorted(set(found) | {head}) for head, found in members.items()]
    return sorted((group for group in groups if len(group) > 1), key=lambda g: (-len(g), g[0]))
