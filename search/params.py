"""Checks of search arguments where they enter; each bad value raises one exception naming it."""

from datetime import date

#: Deepest result reachable by paging (as Elasticsearch's ``index.max_result_window``).
MAX_RESULT_WINDOW = 10_000
MAX_PER_PAGE = 100
#: Accepted ``sort`` values, and what they mean.
SORTS = {
    "relevance": "best matches first, equal scores newest first",
    "newest": "newest first, undated articles last",
    "oldest": "oldest first, undated articles last",
}


class InvalidParameter(ValueError):
    """A search argument has a value that is not allowed; the message says what is."""

    def __init__(self, param, message):
        super().__init__(message)
        self.param = param


def check_page(page, per_page):
    """``(page, per_page)`` as integers, checked against the paging limits."""
    per_page = _integer("per_page", per_page)
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidParameter("per_page", f"per_page doit être compris entre 1 et {MAX_PER_PAGE} ; "
                                           f"reçu : {per_page}")
    page = _integer("page", page)
    if page < 1:
        raise InvalidParameter("page", f"page doit valoir 1 ou plus ; reçu : {page}")
    if page * per_page > MAX_RESULT_WINDOW:
        last = MAX_RESULT_WINDOW // per_page
        raise InvalidParameter(
            "page", f"seuls les {MAX_RESULT_WINDOW:,} premiers résultats se parcourent page à page : "
                    f"avec per_page={per_page}, page vaut au plus {last} ; précisez plutôt la "
                    f"recherche".replace(",", "\u202f"))
    return page, per_page


def check_sort(sort):
    if sort not in SORTS:
        raise InvalidParameter("sort", f"sort doit valoir {', '.join(SORTS)} ; reçu : {sort!r}")
    return sort


def check_dates(date_from, date_to):
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value is not None and not isinstance(value, date):
            raise InvalidParameter(name, f"{name} doit être une date (AAAA-MM-JJ) ou rien ; "
                                         f"reçu : {value!r}")
    if date_from and date_to and date_from > date_to:
        raise InvalidParameter("date_from", f"date_from ({date_from}) est après date_to ({date_to})")
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
