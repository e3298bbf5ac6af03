"""Checks of search arguments where they enter; each bad value raises one exception naming it.

The limits and the sort orders are declared here once, with the one French sentence that
refuses each bad value: the engine, the web pages, the API and the command line all use them,
naming the parameter as their reader knows it (``per_page`` in the API, « Résultats par page »
on the page).
"""

from datetime import date

#: Deepest result reachable by paging (as Elasticsearch's ``index.max_result_window``).
MAX_RESULT_WINDOW = 10_000
#: Most results on one page, and how many a page shows unless asked.
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10
#: Sort orders: the value the API and the command line take → the label the search page shows.
#: ``relevance``: best matches first, equal scores newest first; ``newest`` and ``oldest``:
#: by date, undated articles last.
SORTS = {"relevance": "pertinence", "newest": "plus récents", "oldest": "plus anciens"}


def sort_message(value, name="sort"):
    """The sentence refusing ``value`` as a sort order."""
    return (f"{name} doit valoir {' / '.join(SORTS.values())} ({', '.join(SORTS)}) ; "
            f"reçu : {str(value)[:40]!r}")


def range_message(name, low, high, value):
    """The sentence refusing ``value`` for a whole number from ``low`` to ``high`` (None: no
    upper bound)."""
    allowed = f"entre {low} et {high}" if high else f"à partir de {low}"
    return f"{name} doit être un nombre entier {allowed} ; reçu : {str(value)[:40]}"


def page_window_message(per_page, page_name="page", per_page_name="per_page"):
    """The sentence refusing a page beyond :data:`MAX_RESULT_WINDOW` results."""
    window = f"{MAX_RESULT_WINDOW:,}".replace(",", "\u202f")
    return (f"seuls les {window} premiers résultats se parcourent page à page : avec "
            f"{per_page_name} = {per_page}, {page_name} vaut au plus "
            f"{MAX_RESULT_WINDOW // per_page} ; précisez plutôt la recherche")


def reversed_dates_message(date_from, date_to, from_name="date_from", to_name="date_to"):
    """The sentence refusing an end date before the start date."""
    return (f"{to_name} ({date_to.isoformat()}) précède {from_name} ({date_from.isoformat()}) : "
            f"inversez-les")


class InvalidParameter(ValueError):
    """A search argument has a value that is not allowed; the message says what is."""

    def __init__(self, param, message):
        super().__init__(message)
        self.param = param


def check_page(page, per_page):
    """``(page, per_page)`` as integers, checked against the paging limits."""
    per_page = _integer("per_page", per_page)
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidParameter("per_page", range_message("per_page", 1, MAX_PER_PAGE, per_page))
    page = _integer("page", page)
    if page < 1:
        raise InvalidParameter("page", range_message("page", 1, None, page))
    if page * per_page > MAX_RESULT_WINDOW:
        raise InvalidParameter("page", page_window_message(per_page))
    return page, per_page


def check_sort(sort):
    if not isinstance(sort, str) or sort not in SORTS:
        raise InvalidParameter("sort", sort_message(sort))
    return sort


def check_dates(date_from, date_to):
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value is not None and not isinstance(value, date):
            raise InvalidParameter(name, f"{name} doit être une date (AAAA-MM-JJ) ou rien ; "
                                         f"reçu : {value!r}")
    if date_from and date_to and date_from > date_to:
        raise InvalidParameter("date_from", reversed_dates_message(date_from, date_to))
    return date_from, date_to


def check_sources(sources):
    """A set of exact source names (a single string counts as one name)."""
    if sources is None:
        return frozenset()
    if isinstance(sources, str):
        sources = (sources,)
    try:
        names = frozenset(sources)
    except TypeError:
        raise InvalidParameter("sources", "sources doit être une liste de noms de sources")
    if not all(isinstance(name, str) for name in names):
        raise InvalidParameter("sources", "sources doit être une liste de noms de sources")
    return frozenset(name for name in names if name)


def _integer(name, value):
    if isinstance(value, bool):
        raise InvalidParameter(name, f"{name} doit être un nombre entier ; reçu : {value!r}")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidParameter(name, f"{name} doit être un nombre entier ; reçu : {value!r}")
    if isinstance(value, float) and value != number:
        raise InvalidParameter(name, f"{name} doit être un nombre entier ; reçu : {value!r}")
    return number
