"""Positions of a word in a few chosen articles, read block by block.

Whoosh's ``skip_to`` walks a posting block one posting at a time through method calls, which
cost most of a phrase search when its words are frequent (thousands of candidates). Here a
block whose highest docnum is below the next candidate is passed over from its header alone;
in the others the candidates are looked up among the block's ids at once and only their
positions are decoded.
"""

from bisect import bisect_left
from itertools import accumulate
from pickle import loads

from whoosh.formats import Positions

from search.budget import spent

#: Bytes before the pickled position deltas in a Whoosh ``Positions`` value (the frequency).
_FREQUENCY_BYTES = 4


def _positions_decoder(format_):
    """Value bytes → positions; for Whoosh's own ``Positions`` format, its decoding (a
    pickled list of deltas after the frequency) done by C loops instead of a Python one."""
    if type(format_) is not Positions:
        return format_.decoder("positions")

    def decode(value):
        if not value.endswith(b"."):
            value += b"."
        return accumulate(loads(value[_FREQUENCY_BYTES:]))

    return decode


def leaf_positions(matcher, docnums):
    """docnum → set of positions, for each of ``docnums`` (sorted, local to the segment) that
    ``matcher`` (a term's postings) has; ``None`` if it is not a Whoosh 2.7 block matcher."""
    leaf = getattr(matcher, "child", matcher)
    if not all(hasattr(leaf, name) for name in ("_read_ids", "_read_values", "_maxid")):
        return None
    decode = _positions_decoder(leaf.format)
    found, start, blocks = {}, 0, 0
    while start < len(docnums) and leaf.is_active():
        if leaf._maxid < docnums[start]:
            leaf._next_block()
            continue
        blocks += 1
        if blocks % 64 == 0 and spent():
            break  # the time budget is spent: the positions read so far are what was found
        if leaf._ids is None:
            leaf._read_ids()
        if leaf._values is None:
            leaf._read_values()
        ids, values = leaf._ids, leaf._values
        end = bisect_left(docnums, leaf._maxid + 1, start)
        at = leaf._i
        for docnum in docnums[start:end]:
            at = bisect_left(ids, docnum, at)
            if at < len(ids) and ids[at] == docnum:
                found[docnum] = set(decode(values[at]))
        start = end
        leaf._next_block()
    return found
