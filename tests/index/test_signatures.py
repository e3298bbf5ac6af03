"""Word hashes, signatures and LSH candidates: the array versions agree with what they stand for."""

import itertools

import numpy
from datasketch import MinHash

from index.signatures import NUM_PERM, SEED, banded_pairs, hashed_paragraphs, minhash


def test_words_are_folded_and_cut_like_the_analyser_cuts_them():
    same = hashed_paragraphs("L'État a dit : « 12 morts ».\nŒuvre d'art")
    other = hashed_paragraphs("l etat A DIT 12 morts\noeuvre d art")
    assert [list(hashes) for _, hashes in same] == [list(hashes) for _, hashes in other]
    assert [len(hashes) for _, hashes in same] == [6, 3]
    assert same[0][0] == other[0][0]


def test_a_paragraph_is_a_line_with_words_and_different_words_hash_apart():
    paragraphs = hashed_paragraphs("premier paragraphe\n\n  ...  \nsecond paragraphe\r\ntroisième")
    assert [len(hashes) for _, hashes in paragraphs] == [2, 2, 1]
    words = hashed_paragraphs("chat chien niche chiche 2019 2020 a b ab ba")[0][1]
    assert len(set(words.tolist())) == len(words)
    assert hashed_paragraphs("") == [] and hashed_paragraphs(" ... \n — ") == []


def test_a_signature_is_the_one_datasketch_makes_from_the_same_values():
    values = numpy.random.RandomState(3).randint(0, 2**32, size=9000, dtype=numpy.int64)
    expected = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
    expected.update_batch(values.tolist())
    found = minhash(values.astype(numpy.uint32))
    assert numpy.array_equal(found.hashvalues, expected.hashvalues)
    assert found.jaccard(expected) == 1.0


def test_candidates_are_exactly_the_pairs_agreeing_on_a_band():
    signatures = numpy.random.RandomState(0).randint(0, 3, size=(40, NUM_PERM)).astype(numpy.uint32)
    expected = {(i, j) for i, j in itertools.combinations(range(40), 2)
                if any(numpy.array_equal(signatures[i, band:band + 2], signatures[j, band:band + 2])
                       for band in range(0, NUM_PERM, 2))}
    assert {tuple(pair) for pair in banded_pairs(signatures).tolist()} == expected
    assert len(banded_pairs(signatures[:1])) == 0
