"""Which clauses of a parsed query are filters rather than words to rank by.

A date span, a clause scoped to the title or the source (``titre:``, ``source:``) and a group
made only of those say which articles may be shown; plain words, phrases and prefixes say
which are best. Filters hold in every mode of search: when no article has every word and the
search falls back to the articles having most of them, the words become optional, never the
filters (nor the exclusions, which are always required to be absent).
"""

from .query_parser import All, Any, DateSpan, Not, Phrase, Prefix, Proximity, Word


def is_filter(node):
    """Whether ``node`` restricts which articles match, whatever the mode of search."""
    if isinstance(node, DateSpan):
        return True
    if isinstance(node, (Word, Phrase, Prefix, Proximity)):
        return node.scope is not None
    if isinstance(node, Not):
        return is_filter(node.clause)
    if isinstance(node, (All, Any)):
        return bool(node.clauses) and all(is_filter(child) for child in node.clauses)
    return False
