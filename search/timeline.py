"""Matches counted by period, beside the whole archive's count for the same period.

The interval (day, week, month, year) is chosen from the span of the matches so that a chart has
at most ``MAX_AUTO_BARS`` bars, and as many as that allows; periods without a match are kept, so
the bars are evenly spaced in time. Every dated match falls in exactly one bucket: the counts
sum to the dated matches, and the undated ones are counted apart.
"""

from collections import Counter
from datetime import date, timedelta

from .params import InvalidParameter

INTERVALS = ("day", "week", "month", "year")
#: The finest interval giving at most this many bars is chosen.
MAX_AUTO_BARS = 60
#: Most buckets returned for an interval that is asked for (a day per bar over decades is not
#: a chart).
MAX_BUCKETS = 2_000


def period_start(day, interval):
    """The first day of the period of ``interval`` holding ``day`` (weeks start on Monday).

    >>> period_start(date(2020, 3, 18), "week"), period_start(date(2020, 3, 18), "month")
    (datetime.date(2020, 3, 16), datetime.date(2020, 3, 1))
    """
    if interval == "day":
        return day
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_start(start, interval):
    """The first day of the period after the one starting on ``start``."""
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def periods(first, last, interval):
    """How many periods of ``interval`` run from the one holding ``first`` to ``last``'s."""
    if interval == "day":
        return (last - first).days + 1
    if interval == "week":
        return (period_start(last, "week") - period_start(first, "week")).days // 7 + 1
    if interval == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def auto_interval(first, last):
    """The finest interval that shows ``first`` to ``last`` in at most MAX_AUTO_BARS bars.

    >>> auto_interval(date(2020, 1, 1), date(2020, 1, 20)), auto_interval(date(2019, 1, 1), date(2020, 6, 1))
    ('day', 'month')
    """
    for interval in INTERVALS:
        if periods(first, last, interval) <= MAX_AUTO_BARS:
            return interval
    return "year"


def check_interval(interval):
    if interval not in ("auto",) + INTERVALS:
        raise InvalidParameter("interval", f"interval doit valoir auto, {', '.join(INTERVALS)} ; "
                                           f"reçu : {str(interval)[:40]!r}")
    return interval


def live_days(reader, days):
    """Counter of day ordinals over the archive's articles (deleted ones left out)."""
    if not reader.has_deletions():
        return Counter(day for day in days if day)
    return Counter(days[docnum] for docnum in reader.all_doc_ids() if days[docnum])


def span_of(*match_days):
    """(first, last) dated day over every list of day ordinals, or None when none is dated."""
    dated = [day for days in match_days for day in days if day]
    return (date.fromordinal(min(dated)), date.fromordinal(max(dated))) if dated else None


def timeline(match_days, archive_days, interval="auto", span=None):
    """``{"interval", "buckets": [{"start", "end", "count", "archive_count"}], "undated"}``.

    ``match_days``: day ordinals of the matches (0 when undated); ``archive_days``: Counter of
    the archive's day ordinals; ``span``, the (first, last) days to cover (for series compared
    on one chart), else the matches' own. ``start`` and ``end`` are ISO dates, both inclusive.
    """
    interval = check_interval(interval)
    dated = Counter(day for day in match_days if day)
    undated = len(match_days) - sum(dated.values())
    span = span or span_of(dated)
    if span is None:
        return {"interval": "month" if interval == "auto" else interval, "buckets": [],
                "undated": undated}
    first, last = span
    if interval == "auto":
        interval = auto_interval(first, last)
    if periods(first, last, interval) > MAX_BUCKETS:
        raise InvalidParameter("interval", f"interval={interval} donnerait plus de {MAX_BUCKETS} "
                                           "périodes : choisissez un intervalle plus long ou "
                                           "réduisez la période")
    counts, archive = Counter(), Counter()
    for day, count in dated.items():
        counts[period_start(date.fromordinal(day), interval)] += count
    low, high = period_start(first, interval), next_start(period_start(last, interval), interval)
    for day, count in archive_days.items():
        moment = date.fromordinal(day)
        if low <= moment < high:
            archive[period_start(moment, interval)] += count
    buckets, start = [], low
    while start < high:
        following = next_start(start, interval)
        buckets.append({"start": start.isoformat(),
                        "end": (following - timedelta(days=1)).isoformat(),
                        "count": counts[start], "archive_count": archive[start]})
        start = following
    return {"interval": interval, "buckets": buckets, "undated": undated}
