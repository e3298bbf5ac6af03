"""French typography for numbers, durations and dates, as the pages show them.

French separates thousands with a narrow no-break space (U+202F) and decimals with a comma,
and writes the first day of a month "1er".
"""

from datetime import date

THOUSANDS_SEPARATOR = "\u202f"

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def number(value):
    """
    >>> number(1234567) == "1\u202f234\u202f567"
    True
    >>> number(12)
    '12'
    """
    return f"{int(value):,}".replace(",", THOUSANDS_SEPARATOR)


def seconds(milliseconds):
    """A duration in seconds with two decimals.

    >>> seconds(42)
    '0,04\xa0s'
    >>> seconds(1234.5)
    '1,23\xa0s'
    """
    # The no-break space keeps the unit on the number's line.
    return f"{milliseconds / 1000:.2f}".replace(".", ",") + "\xa0s"


def long_date(value):
    """A date as words; the text unchanged if it is not an ISO date, '' for none.

    >>> long_date("2026-11-26")
    '26 novembre 2026'
    >>> long_date("2025-07-01")
    '1er juillet 2025'
    >>> long_date(None)
    ''
    """
    if not value:
        return ""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def result_count(total):
    """
    >>> result_count(0), result_count(1), result_count(1234) == "1\u202f234 résultats"
    ('aucun résultat', '1 résultat', True)
    """
    if total == 0:
        return "aucun résultat"
    return f"{number(total)} résultat{'s' if total > 1 else ''}"


def register(app):
    app.add_template_filter(number, "nombre")
    app.add_template_filter(seconds, "secondes")
    app.add_template_filter(long_date, "date_longue")
    app.add_template_filter(result_count, "resultats")
