"""The cache of decoded postings stays within its bytes, whatever terms come through it."""

from search.backends.whoosh.scoring import POSTING_BYTES, TERM_BYTES, PostingsCache


def blocks(count):
    return lambda: [(list(range(count)), [1.0] * count)]


def test_the_postings_cache_never_holds_more_bytes_than_its_budget():
    budget = 3 * (TERM_BYTES + POSTING_BYTES * 100)
    cache = PostingsCache(budget=budget)
    for term in range(50):
        ids, weights = cache.get(("content", term), blocks(100))
        assert list(ids) == list(range(100)) and list(weights) == [1.0] * 100
        assert cache.size <= budget
    assert len(cache.entries) == 3
    # The most recent terms are the ones kept.
    assert list(cache.entries) == [("content", 47), ("content", 48), ("content", 49)]


def test_a_term_larger_than_the_cache_is_read_but_not_kept():
    cache = PostingsCache(budget=TERM_BYTES + POSTING_BYTES * 10)
    ids, _ = cache.get(("content", "france"), blocks(1000))
    assert len(ids) == 1000 and not cache.entries and cache.size == 0
