"""The version groups of a Whoosh index version, read once per version (see
:mod:`index.group_table`)."""

from index.group_table import read_table

from search.backends.base import NO_GROUPS


def load_table(generation, reader):
    """The groups table of the index version ``reader`` reads; none for an index written
    before groups were (a reindex --full makes them)."""
    try:
        return read_table(generation, reader.generation())
    except OSError:
        return NO_GROUPS


def handle_groups(searcher, table):
    """Document number → group id of every article that has other versions."""
    found = {}
    for article_id, group in table.group_of.items():
        number = searcher.document_number(id=article_id)
        if number is not None:
            found[number] = group
    return found
