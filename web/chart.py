"""The results-over-time chart: geometry of an SVG bar chart drawn on the server (no script,
so the Content-Security-Policy stays strict), with French labels and one link per bar."""

from datetime import date

from flask import request, url_for

from .engine import searcher
from .french import MONTHS, number
from .links import search_url

SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                "oct.", "nov.", "déc.")
MEASURES = {"count": "Nombre d’articles", "share": "Part des articles de l’archive"}
#: Most queries compared on one chart, each in its own colour.
MAX_SERIES = 4
WIDTH, HEIGHT, AXIS, TOP = 640, 180, 22, 8
#: Most labels under the axis; bars between labelled ones keep their own in their <title>.
MAX_LABELS = 7


def period_label(start, interval, short=False):
    """« janv. 2019 », « 2019 », « 18 mars 2020 », « semaine du 16 mars 2020 ».

    >>> period_label(date(2019, 1, 1), "month", short=True), period_label(date(2020, 3, 1), "month")
    ('janv. 2019', 'mars 2020')
    """
    if interval == "year":
        return str(start.year)
    if interval == "month":
        return f"{(SHORT_MONTHS if short else MONTHS)[start.month - 1]} {start.year}"
    day = f"{'1er' if start.day == 1 else start.day} {(SHORT_MONTHS if short else MONTHS)[start.month - 1]}"
    if interval == "week":
        return day if short else f"semaine du {day} {start.year}"
    return day if short else f"{day} {start.year}"


def share_text(share):
    """A share as French writes a percentage: « 2,3 % » (narrow no-break space).

    >>> share_text(0.0234)
    '2,3\u202f%'
    """
    return f"{share * 100:.1f}".replace(".", ",") + "\u202f%"


def measure_of(args):
    value = args.get("measure", "count")
    return value if value in MEASURES else "count"


def bars(series_list, measure):
    """The drawing of one chart: bars (grouped by period when several series), axis labels."""
    buckets = series_list[0]["buckets"] if series_list else []
    if not buckets:
        return None
    interval = series_list[0]["interval"]

    def value(bucket):
        if measure == "share":
            return bucket["count"] / bucket["archive_count"] if bucket["archive_count"] else 0.0
        return bucket["count"]

    highest = max((value(b) for s in series_list for b in s["buckets"]), default=0) or 1
    slot = WIDTH / len(buckets)
    width = max(slot / len(series_list) - (1 if slot > 4 else 0), 0.5)
    drawn, labels = [], []
    step = max(1, -(-len(buckets) // MAX_LABELS))
    for index, bucket in enumerate(buckets):
        start = date.fromisoformat(bucket["start"])
        period = period_label(start, interval)
        if index % step == 0:
            labels.append({"x": round(index * slot + slot / 2, 2),
                           "text": period_label(start, interval, short=True)})
        for number_, series in enumerate(series_list):
            item = series["buckets"][index]
            height = (HEIGHT - AXIS - TOP) * value(item) / highest
            drawn.append({
                "x": round(index * slot + number_ * (slot / len(series_list)), 2),
                "y": round(HEIGHT - AXIS - height, 2), "width": round(width, 2),
                "height": round(height, 2), "series": number_,
                "title": describe(item, period, measure, series["query"] if len(series_list) > 1 else None),
                "start": bucket["start"], "end": bucket["end"],
            })
    return {"bars": drawn, "labels": labels, "width": WIDTH, "height": HEIGHT,
            "axis_y": HEIGHT - AXIS, "slot": slot}


def describe(bucket, period, measure, query=None):
    """The sentence a bar's <title> and the data table say."""
    count = bucket["count"]
    said = f"{number(count)} article{'s' if count > 1 else ''}"
    if measure == "share" and bucket["archive_count"]:
        said = (f"{share_text(count / bucket['archive_count'])} des articles de {period} "
                f"({said} sur {number(bucket['archive_count'])})")
    else:
        said = f"{period} : {said}"
    return f"« {query} » — {said}" if query else said


def results_chart(search):
    """The chart of the results page for ``search`` (its filters applied), or None."""
    measure = measure_of(request.args)
    found = searcher().timeline(search.query, date_from=search.date_from, date_to=search.date_to,
                                sources=search.sources, years=search.years)
    drawing = bars([found], measure)
    if drawing is None:
        return None
    for bar in drawing["bars"]:
        bar["href"] = period_url(search, bar, measure)
    return {"drawing": drawing, "interval": found["interval"], "undated": found["undated"],
            "measure": measure, "measure_urls": measure_urls(), "series": [found]}


def period_url(search, bar, measure):
    """The search narrowed to a bar's period (the measure kept)."""
    url = search_url(search, date_from=date.fromisoformat(bar["start"]),
                     date_to=date.fromisoformat(bar["end"]))
    return url + ("&measure=share" if measure == "share" else "")


def measure_urls():
    """The page itself with each measure."""
    args = request.args.to_dict(flat=False)
    urls = {}
    for name in MEASURES:
        args["measure"] = [name]
        urls[name] = url_for(request.endpoint, **args)
    return urls


def register(app):
    app.jinja_env.globals.update(results_chart=results_chart, chart_measures=MEASURES)
