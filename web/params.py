"""Request parameters: one small ``parse_*`` function each, all raising :class:`InvalidParameter`.

The search engine raises the same exception for values only it can judge (a page beyond the
paging cap), so the error handler turns every bad parameter into the same 400, whichever layer
noticed it. Messages are in French, like the rest of the product, and say what is allowed.
"""

import dataclasses
import re
from datetime import date

from flask import abort

from search import MAX_RESULT_WINDOW, InvalidParameter, unservable_id_reason
from search.facets import MAX_YEARS
from search.grouping import check_versions
from search.params import (DEFAULT_PER_PAGE, MAX_PER_PAGE, SORTS, page_window_message,
                           range_message, reversed_dates_message, sort_message)

from .errors import ARTICLE_NOT_FOUND
#: What a parameter is called in messages: the label the search page shows, not its name in the
#: URL (the API's error body names the parameter itself, in ``param``).
LABELS = {"q": "la recherche", "page": "« Page »", "per_page": "« Résultats par page »",
          "sort": "« Trier par »", "from": "« Du »", "to": "« Au »", "source": "« Source »",
          "year": "« Année »", "versions": "« Versions »"}
MAX_SOURCES = 20
MAX_SOURCE_CHARS = 200
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclasses.dataclass(frozen=True)
class SearchRequest:
    """A search as the page or the API asked for it, every value checked."""

    query: str
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sort: str = "relevance"
    date_from: date | None = None
    date_to: date | None = None
    sources: tuple = ()
    years: tuple = ()
    #: The two dates were typed in the wrong order and have been swapped (the page says so).
    dates_swapped: bool = False
    #: ``grouped`` (one result per text) or ``all`` (every version).
    versions: str = "grouped"

    def engine_arguments(self):
        return dict(page=self.page, per_page=self.per_page, sort=self.sort,
                    date_from=self.date_from, date_to=self.date_to, sources=self.sources,
                    years=self.years, versions=self.versions)

    def changed(self, **changes):
        """This search with ``changes``; back to page 1 unless a page is given, as the
        results change."""
        return dataclasses.replace(self, **{"page": 1, **changes})

    def url_arguments(self, default_per_page):
        """The query-string arguments that say this search, defaults left out."""
        arguments = {"q": self.query}
        if self.page != 1:
            arguments["page"] = self.page
        if self.per_page != default_per_page:
            arguments["per_page"] = self.per_page
        if self.sort != "relevance":
            arguments["sort"] = self.sort
        if self.date_from:
            arguments["from"] = self.date_from.isoformat()
        if self.date_to:
            arguments["to"] = self.date_to.isoformat()
        if self.sources:
            arguments["source"] = list(self.sources)
        if self.years:
            arguments["year"] = list(self.years)
        if self.versions != "grouped":
            arguments["versions"] = self.versions
        return arguments


class ReversedDates(InvalidParameter):
    """The end date precedes the start date: a 400 for the API; the page swaps them."""

    def __init__(self, date_from, date_to):
        super().__init__("to", reversed_dates_message(date_from, date_to, LABELS["from"],
                                                      LABELS["to"]))
        self.date_from, self.date_to = date_from, date_to


def parse_search(args, config, query_required, swap_reversed_dates=False):
    """All the parameters of a search, from a request's ``args``; with
    ``swap_reversed_dates``, a range typed backwards is swapped rather than refused."""
    query = parse_query(args, config["MAX_QUERY_CHARS"], required=query_required)
    per_page = parse_per_page(args, config["PER_PAGE"])
    page = parse_page(args, per_page)
    try:
        (date_from, date_to), swapped = parse_date_range(args), False
    except ReversedDates as reversed_dates:
        if not swap_reversed_dates:
            raise
        date_from, date_to, swapped = reversed_dates.date_to, reversed_dates.date_from, True
    return SearchRequest(
        query=query,
        page=page,
        per_page=per_page,
        sort=parse_sort(args),
        date_from=date_from,
        date_to=date_to,
        sources=parse_sources(args),
        years=parse_years(args),
        dates_swapped=swapped,
        versions=check_versions(args.get("versions")),
    )


def parse_query(args, max_chars, required):
    query = args.get("q", "").strip()
    if len(query) > max_chars:
        raise InvalidParameter(
            "q", f"la requête fait {len(query)} caractères : {max_chars} au plus, raccourcissez-la")
    if required and not query:
        raise InvalidParameter("q", "la recherche est obligatoire et ne doit pas être vide")
    return query


def parse_page(args, per_page):
    """The page number, within the engine's cap on how deep results can be paged through."""
    page = _whole_number(args, "page", default=1, low=1, high=None)
    if page * per_page > MAX_RESULT_WINDOW:
        raise InvalidParameter("page", page_window_message(per_page, LABELS["page"],
                                                           LABELS["per_page"]))
    return page


def parse_per_page(args, default):
    return _whole_number(args, "per_page", default=default, low=1, high=MAX_PER_PAGE)


def parse_sort(args):
    sort = args.get("sort", "").strip() or "relevance"
    if sort not in SORTS:
        raise InvalidParameter("sort", sort_message(sort, LABELS["sort"]))
    return sort


def parse_date(args, name):
    """An inclusive bound, ``YYYY-MM-DD``; empty means none (a blank date field sends '')."""
    text = args.get(name, "").strip()
    if not text:
        return None
    try:
        # Exactly the documented form: fromisoformat would also take 20220224 or 2022-W08-4.
        if not ISO_DAY.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidParameter(
            name, f"{LABELS[name]} doit être une date AAAA-MM-JJ, par exemple 2022-02-24 ; reçu : {text[:40]!r}"
        ) from None


def parse_date_range(args):
    date_from, date_to = parse_date(args, "from"), parse_date(args, "to")
    if date_from and date_to and date_from > date_to:
        raise ReversedDates(date_from, date_to)
    return date_from, date_to


def parse_sources(args):
    """The ``source`` values, repeatable; blanks dropped, duplicates merged, order kept."""
    sources = tuple(dict.fromkeys(value.strip() for value in args.getlist("source") if value.strip()))
    if len(sources) > MAX_SOURCES:
        raise InvalidParameter("source", f"{MAX_SOURCES} sources au plus par recherche ; reçu : {len(sources)}")
    for source in sources:
        if len(source) > MAX_SOURCE_CHARS:
            raise InvalidParameter("source", f"un nom de source fait {MAX_SOURCE_CHARS} caractères au plus")
    return sources


def parse_years(args):
    """The ``year`` values, repeatable (several years at once); four digits each."""
    years = tuple(dict.fromkeys(value.strip() for value in args.getlist("year") if value.strip()))
    if len(years) > MAX_YEARS:
        raise InvalidParameter("year", f"{MAX_YEARS} années au plus par recherche ; reçu : {len(years)}")
    for year in years:
        if not (len(year) == 4 and year.isascii() and year.isdigit()):
            raise InvalidParameter("year", f"{LABELS['year']} doit être une année à quatre chiffres, "
                                           f"par exemple 2022 ; reçu : {year[:40]!r}")
    return years


def parse_article_id(raw):
    """The id from an article URL; a 404 for anything shaped like a path trick.

    Ids are looked up, never joined to a path, but an id like ``../x`` has no business here.
    """
    # The same rule refuses such ids at index time: every indexed article has a page.
    if not raw or unservable_id_reason(raw):
        abort(404, ARTICLE_NOT_FOUND)
    return raw


def _whole_number(args, name, default, low, high):
    text = args.get(name, "").strip()
    if not text:
        return default
    # Nineteen digits already exceed every limit; reading more would only cost time.
    # Leading zeros are dropped first: 0000000000000000000007 is 7.
    value = int(text.lstrip("0")[:19] or "0") if text.isascii() and text.isdigit() else None
    if value is None or value < low or (high is not None and value > high):
        raise InvalidParameter(name, range_message(LABELS[name], low, high, text))
    return value
