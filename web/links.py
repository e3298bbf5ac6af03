"""Links of the search page: each keeps the current search and changes one thing."""

from flask import current_app, url_for

from search import MAX_RESULT_WINDOW

from .params import SORTS


def search_url(search, **changes):
    """The search page for ``search`` with ``changes`` (back to page 1 unless a page is given)."""
    target = search.changed(**changes) if changes else search
    return url_for("pages.search", **target.url_arguments(current_app.config["PER_PAGE"]))


def source_toggle_url(search, source):
    """Adds ``source`` to the filter, or takes it out when it is already in."""
    if source in search.sources:
        return search_url(search, sources=tuple(s for s in search.sources if s != source))
    return search_url(search, sources=search.sources + (source,))


def year_selected(search, year):
    return str(year) in search.years


def year_toggle_url(search, year):
    """Adds ``year`` to the years shown, or takes it out when it is already in."""
    year = str(year)
    if year in search.years:
        return search_url(search, years=tuple(y for y in search.years if y != year))
    return search_url(search, years=search.years + (year,))


def last_page(result):
    """The last page a reader can reach, within the engine's cap on deep results."""
    return max(1, min(result["pages"], MAX_RESULT_WINDOW // result["per_page"]))


def page_numbers(current, last, around=2):
    """Page numbers to show, ``None`` marking a gap.

    >>> page_numbers(1, 3)
    [1, 2, 3]
    >>> page_numbers(10, 40)
    [1, None, 8, 9, 10, 11, 12, None, 40]
    >>> page_numbers(4, 40)
    [1, 2, 3, 4, 5, 6, None, 40]
    """
    shown = sorted({1, last} | set(range(max(1, current - around), min(last, current + around) + 1)))
    numbers = []
    for number in shown:
        if numbers and number - numbers[-1] == 2:
            numbers.append(number - 1)  # a gap of one page shows the page, not "…"
        elif numbers and number - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


def article_url(article_id, search=""):
    """The article page; with the search (a query, or a whole search with its filters, sort
    and page), so that its words are marked there and its way back returns to the same results."""
    if isinstance(search, str):
        return url_for("pages.article", article_id=article_id, q=search or None)
    return url_for("pages.article", article_id=article_id,
                   **search.url_arguments(current_app.config["PER_PAGE"]))


def register(app):
    app.jinja_env.globals.update(
        search_url=search_url, source_toggle_url=source_toggle_url, year_selected=year_selected,
        year_toggle_url=year_toggle_url, last_page=last_page, page_numbers=page_numbers,
        article_url=article_url, sorts=SORTS,
    )
