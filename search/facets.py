"""Facets by source and by year, multi-select with disjunctive counts.

Selecting several sources (or years) widens the results within that facet and narrows them
across facets: an article is kept when its source is one of those chosen *and* its year one of
those chosen. Each facet is counted with the other facet's selection but not its own (as
Elasticsearch's post_filter recipe, or Solr's tagged filters), so a reader sees what another
source or year would add. With nothing selected, each facet's counts add up to the total:
articles without a source or a date are counted under ``None``, listed last.
"""

import re
from collections import Counter

from .params import InvalidParameter

#: The facets, by the name the page's ``facets`` and the API use.
FACETS = ("source", "year")
#: Most facet values returned per facet.
MAX_FACET_VALUES = 50
#: Most years selected at once (a decade or two is already a lot of clicks).
MAX_YEARS = 50

_YEAR = re.compile(r"^\d{4}$")


def check_years(years):
    """A set of four-digit years, as strings (``2016`` or ``"2016"``)."""
    if years is None:
        return frozenset()
    if isinstance(years, (str, int)):
        years = (years,)
    try:
        names = frozenset(str(year).strip() for year in years if not isinstance(year, bool)) - {""}
    except TypeError:
        raise InvalidParameter("years", "years doit être une liste d’années (AAAA)")
    if not all(_YEAR.match(name) for name in names):
        raise InvalidParameter("years", "years doit être une liste d’années à quatre chiffres (AAAA)")
    if len(names) > MAX_YEARS:
        raise InvalidParameter("years", f"{MAX_YEARS} années au plus par recherche")
    return names


def selected(matches, columns, sources, years):
    """The matches whose source and year are among those chosen (all, when none is)."""
    if not (sources or years):
        return matches
    return [match for match in matches if _keeps(columns, match[1], sources, years)]


def facet_counts(matches, columns, sources, years):
    """Counts by source (with the year selection only) and by year (with the source
    selection only), from the matches before either selection."""
    source_counts = Counter(columns.sources[docnum] for _, docnum in matches
                            if _keeps(columns, docnum, (), years))
    year_counts = Counter(columns.years[docnum] for _, docnum in matches
                          if _keeps(columns, docnum, sources, ()))
    source, year = FACETS
    return {source: buckets(source, source_counts), year: buckets(year, year_counts)}


def _keeps(columns, docnum, sources, years):
    return ((not sources or columns.sources[docnum] in sources)
            and (not years or columns.years[docnum] in years))


def buckets(facet, counts):
    """The ``{"value", "count"}`` list of one facet from raw counts by value (``""`` for the
    articles without one): sources by count then name, years newest first, at most
    MAX_FACET_VALUES, then the articles without a value under ``None``."""
    if facet == FACETS[0]:  # sources
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    else:
        ordered = sorted(counts.items(), reverse=True)
    known = [{"value": value, "count": count} for value, count in ordered if value]
    missing = [{"value": None, "count": counts[""]}] if counts.get("") else []
    return known[:MAX_FACET_VALUES] + missing
