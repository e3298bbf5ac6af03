"""Per-article values read once per index version: date, source and year of every document.

Sorting by date, filtering and counting facets over thousands of matches touch these for every
match, so they are plain Python lists indexed by document number rather than column lookups.
"""

from dataclasses import dataclass

#: Whoosh stores datetimes as microseconds since 0001-01-01.
_MICROSECONDS_A_DAY = 86_400_000_000
_LAST_ORDINAL = 3_652_059  # 9999-12-31


@dataclass(frozen=True)
class Columns:
    days: list     # date as a day ordinal (date.toordinal()), 0 when undated
    sources: list  # exact source name, "" when unknown
    years: list    # "2022", "" when undated


def read_columns(reader):
    """The columns of every document of ``reader`` (deleted ones included, never matched)."""
    days, sources, years = [], [], []
    for leaf, _ in reader.leaf_readers():  # a segment where no article has a value has no column
        count = leaf.doc_count_all()
        for raw in _column(leaf, "date", count, 0, translate=False):
            ordinal = raw // _MICROSECONDS_A_DAY + 1 if raw else 0
            days.append(ordinal if 0 < ordinal <= _LAST_ORDINAL else 0)
        sources.extend(value or "" for value in _column(leaf, "source", count, ""))
        years.extend(value or "" for value in _column(leaf, "year", count, ""))
    return Columns(days, sources, years)


def _column(leaf, name, count, default, translate=True):
    if not leaf.has_column(name):
        return [default] * count
    values = list(leaf.column_reader(name, translate=translate))
    return values + [default] * (count - len(values))
