"""Word hashes, shingles, MinHash signatures and LSH candidates, computed on numpy arrays.

What :mod:`index.versions` compares, made cheap enough for a full build: the words of a
folded text are found and hashed in a few array operations (no string per word), a signature
is the minimum over a (shingles × permutations) array with datasketch's own permutations (the
same values ``MinHash.update_batch`` gives, without its per-shingle Python loop), and the LSH
candidates come from sorting each band's keys once, for all articles together.
"""

import unicodedata
import zlib

import numpy
from datasketch import MinHash

#: Words per shingle: three keep word order without being broken by every light edit.
SHINGLE_WORDS = 3
#: Permutations per signature: 128 estimate a similarity within about ±0.04. Fewer widen the
#: error at the decision threshold more than they save (a signature costs little now).
NUM_PERM = 128
#: A fixed seed: signatures made at different times must be comparable.
SEED = 1
#: LSH bands of two rows: datasketch's optimal split of 128 permutations for a Jaccard
#: threshold of 0.15 (a text of a quarter of another's length, 70 % contained in it, has a
#: Jaccard similarity of about 0.16). Two articles become candidates when one band agrees.
BAND_ROWS = 2
#: A band value shared by more articles than this is a commonplace phrase, not a copy: its
#: bucket is skipped (it would yield its size squared in pairs). Copies still meet in other bands.
MAX_BUCKET = 200
#: Rows of a (shingles × permutations) array computed at once: bounds the memory of a signature.
_CHUNK = 4096

_SCHEME = "affine32"
#: The permutations are drawn once: drawing them for every article costs more than hashing it.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations
#: Bytes that make words: ``[a-z0-9]`` of the folded text; elided articles come apart.
_WORD_BYTE = numpy.zeros(256, dtype=bool)
_WORD_BYTE[numpy.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", dtype=numpy.uint8)] = True
#: The ASCII line breaks of ``str.splitlines``: a paragraph is a line.
_BREAK_BYTE = numpy.zeros(256, dtype=bool)
_BREAK_BYTE[numpy.frombuffer(b"\n\r\x0b\x0c\x1c\x1d\x1e", dtype=numpy.uint8)] = True
#: A word's hash is a sum of random 64-bit values, one per (byte, position in the word)
#: (tabulation hashing): two different words of one length differ in some term. Positions
#: past 64 wrap; the legacy generator's stream is fixed across numpy versions.
_POSITIONS = 64
_TABLE = numpy.random.RandomState(SEED).randint(
    0, 1 << 63, size=(256, _POSITIONS), dtype=numpy.int64).astype(numpy.uint64) * numpy.uint64(2) + numpy.uint64(1)
#: A shingle's hash mixes its words' hashes: ((h1 * M) + h2) * M + h3 modulo 2**32.
_MULTIPLIER = numpy.uint32(1_000_003)


def folded(text):
    """``text`` folded like the analyser's words (lower case, accents off, ``œ`` → ``oe``),
    as ASCII bytes: the whole text at once with the C decomposition."""
    text = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return text.encode("ascii", "ignore")


def hashed_paragraphs(text):
    """``(key, word hashes)`` for each paragraph (line) of ``text`` that has words.

    The word hashes are 32-bit (numpy ``uint32``). The key identifies the paragraph's folded
    wording, to count where it recurs.
    """
    data = numpy.frombuffer(folded(text), dtype=numpy.uint8)
    in_word = numpy.zeros(len(data) + 2, dtype=bool)
    in_word[1:-1] = _WORD_BYTE[data]
    edges = numpy.flatnonzero(in_word[1:] != in_word[:-1])
    if not len(edges):
        return []
    starts, ends = edges[0::2], edges[1::2]
    lengths = ends - starts
    offsets = numpy.cumsum(lengths) - lengths
    letters = data[in_word[1:-1]]
    position = _ranges(numpy.zeros_like(lengths), lengths)
    sums = numpy.add.reduceat(_TABLE[letters, position % _POSITIONS], offsets)
    hashes = (sums >> numpy.uint64(32)).astype(numpy.uint32)
    # The paragraph of each word: how many line breaks come before it.
    paragraph = numpy.searchsorted(numpy.flatnonzero(_BREAK_BYTE[data]), starts)
    bounds = [0, *(numpy.flatnonzero(paragraph[1:] != paragraph[:-1]) + 1).tolist(), len(hashes)]
    return [(zlib.crc32(hashes[start:end].tobytes()), hashes[start:end])
            for start, end in zip(bounds, bounds[1:])]


def shingle_hashes(hashes):
    """The distinct word shingles of a sequence of word hashes, as sorted 32-bit hashes."""
    if not len(hashes):
        return numpy.zeros(0, dtype=numpy.uint32)
    if len(hashes) < SHINGLE_WORDS:
        hashes = numpy.pad(hashes, (0, SHINGLE_WORDS - len(hashes)))
    count = len(hashes) - SHINGLE_WORDS + 1
    combined = numpy.zeros(count, dtype=numpy.uint32)
    for offset in range(SHINGLE_WORDS):
        combined = combined * _MULTIPLIER + hashes[offset:offset + count]
    return numpy.unique(combined)


def _premix(values):
    """MurmurHash3's 32-bit finalizer, the bijection datasketch's ``affine32`` scheme applies
    to each input hash before its permutations."""
    values = values ^ (values >> numpy.uint32(16))
    values = values * numpy.uint32(0x85EBCA6B)
    values = values ^ (values >> numpy.uint32(13))
    values = values * numpy.uint32(0xC2B2AE35)
    return values ^ (values >> numpy.uint32(16))


def minhash(values):
    """The datasketch ``MinHash`` of a set of 32-bit hashes (numpy array), as ``update_batch``
    would make it, from one array operation per chunk of values."""
    a, b = _PERMUTATIONS
    lowest = numpy.full(NUM_PERM, numpy.iinfo(numpy.uint32).max, dtype=numpy.uint32)
    mixed = _premix(numpy.asarray(values, dtype=numpy.uint32))
    for start in range(0, len(mixed), _CHUNK):
        chunk = mixed[start:start + _CHUNK, None]
        numpy.minimum(lowest, (chunk * a + b).min(axis=0), out=lowest)
    return MinHash(seed=SEED, hashvalues=lowest, permutations=_PERMUTATIONS, scheme=_SCHEME)


def banded_pairs(signatures):
    """Pairs of row numbers ``(i, j)``, i < j, of a (articles × permutations) array whose
    values agree on every row of at least one band: LSH candidates, as an (n × 2) array.

    A band's rows are packed into one 64-bit key (two 32-bit values exactly); buckets are
    runs of equal keys after one sort per band.
    """
    count = len(signatures)
    if count < 2:
        return numpy.zeros((0, 2), dtype=numpy.int64)
    found = []
    for band in range(NUM_PERM // BAND_ROWS):
        rows = signatures[:, band * BAND_ROWS:(band + 1) * BAND_ROWS].astype(numpy.uint64)
        keys = (rows[:, 0] << numpy.uint64(32)) | rows[:, 1]
        order = numpy.argsort(keys, kind="stable")
        run_starts = numpy.flatnonzero(numpy.diff(keys[order], prepend=keys[order[:1]] + 1))
        sizes = numpy.diff(run_starts, append=count)
        keep = (sizes > 1) & (sizes <= MAX_BUCKET)
        # Every place of a kept run, paired with each later place of the same run.
        places = _ranges(run_starts[keep], sizes[keep])
        run_end = numpy.repeat(run_starts[keep] + sizes[keep], sizes[keep])
        left = numpy.repeat(places, run_end - places - 1)
        right = _ranges(places + 1, run_end - places - 1)
        found.append(numpy.stack([order[left], order[right]], axis=1))
    if not found:
        return numpy.zeros((0, 2), dtype=numpy.int64)
    pairs = numpy.sort(numpy.concatenate(found), axis=1).astype(numpy.int64)
    codes = numpy.unique(pairs[:, 0] * count + pairs[:, 1])
    return numpy.stack([codes // count, codes % count], axis=1)


def _ranges(starts, lengths):
    """``arange(start, start + length)`` for each pair, concatenated, in array operations."""
    total = int(lengths.sum())
    if not total:
        return numpy.zeros(0, dtype=numpy.int64)
    offsets = numpy.cumsum(lengths) - lengths
    return numpy.repeat(starts - offsets, lengths) + numpy.arange(total)
