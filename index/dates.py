"""Article dates: ISO 8601 dates and datetimes, and dates as French newsrooms write them."""

import re
from datetime import date, datetime

FRENCH_MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}

_FRENCH_LONG = re.compile(
    r"^(?:[a-zé]+\.?\s+)?(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})$", re.IGNORECASE
)
_FRENCH_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")

#: Dates outside this range are typing mistakes, not news.
EARLIEST_YEAR, LATEST_YEAR = 1800, 2100


class DateError(ValueError):
    """A date that could not be understood; the message quotes it."""


def parse_date(value):
    """The calendar day of ``value``, or None when there is no date.

    >>> parse_date("2022-02-24"), parse_date("26 novembre 2026"), parse_date("1er mai 2020")
    (datetime.date(2022, 2, 24), datetime.date(2026, 11, 26), datetime.date(2020, 5, 1))
    >>> parse_date("26/11/2026"), parse_date("2023-05-04T08:30:00+02:00")
    (datetime.date(2026, 11, 26), datetime.date(2023, 5, 4))
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise DateError(f"date {value!r} is not text")
    text = value.strip()
    if not text:
        return None
    day = _parse(text)
    if day is None:
        raise DateError(f"date {value!r} is not an ISO 8601 or French date")
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise DateError(f"date {value!r} is out of range")
    return day


def _parse(text):
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        if match := _FRENCH_NUMERIC.match(text):
            day, month, year = map(int, match.groups())
            return date(year, month, day)
        if match := _FRENCH_LONG.match(text):
            month = FRENCH_MONTHS.get(match.group(2).lower())
            if month:
                return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None
    return None
