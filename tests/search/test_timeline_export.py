"""Results over time, export of a whole result set and cursor paging, at the library's level."""

import csv
import io
import json
import tracemalloc
from datetime import date, timedelta

import pytest
import rispy

from search import InvalidParameter
from search import export as exports

START = date(2019, 1, 1)


def article(number, **extra):
    day = START + timedelta(days=(number * 37) % 1500)
    return {"id": f"n{number:04d}", "title": f"Dépêche n° {number} sur l’énergie",
            "body": f"Le prix de l’électricité, écrit le {day}, et d’autres nouvelles « {number} ».",
            "date": day.isoformat(), "source": ("Le Courrier", "La Gazette")[number % 2],
            "url": f"https://exemple.fr/{number}", "author": "Rédaction", **extra}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """300 dated articles on electricity, 7 undated ones (of Le Courrier), and 100 others."""
    from index.reindex import reindex
    from search import Searcher
    from .conftest import write_articles

    records = [article(n) for n in range(300)]
    records += [{"id": f"u{n}", "title": "Sans date", "body": "Électricité sans date."} for n in range(7)]
    records += [{"id": f"o{n}", "title": "Autre", "body": "Une nouvelle sur le fromage.",
                 "date": (START + timedelta(days=n * 11)).isoformat()} for n in range(100)]
    tmp = tmp_path_factory.mktemp("timeline")
    root = tmp / "index"
    reindex([write_articles(tmp / "articles", records)], root)
    searcher = Searcher(root)
    yield searcher
    searcher.close()


@pytest.mark.parametrize("interval", ["auto", "day", "week", "month", "year"])
@pytest.mark.parametrize("filters", [{}, {"sources": ["La Gazette"]},
                                     {"date_from": date(2019, 6, 1), "date_to": date(2020, 6, 30)}])
def test_bucket_counts_sum_to_the_total(archive, interval, filters):
    found = archive.timeline("electricite", interval=interval, **filters)
    total = archive.search("electricite", **filters)["total"]
    assert found["total"] == total
    assert sum(b["count"] for b in found["buckets"]) + found["undated"] == total
    assert found["undated"] == (0 if filters else 7)
    if interval != "auto":
        assert found["interval"] == interval
    starts = [b["start"] for b in found["buckets"]]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for bucket, following in zip(found["buckets"], found["buckets"][1:]):
        assert date.fromisoformat(bucket["end"]) + timedelta(days=1) == date.fromisoformat(following["start"])


def test_auto_interval_gives_at_most_sixty_bars(archive):
    assert archive.timeline("electricite")["interval"] == "month"  # four years: 50 months
    short = archive.timeline("electricite", date_from=date(2019, 1, 1), date_to=date(2019, 2, 15))
    assert short["interval"] == "day" and len(short["buckets"]) <= 60


def test_archive_count_is_every_article_of_the_period(archive):
    found = archive.timeline("electricite", interval="year")
    by_year = {b["start"][:4]: b["archive_count"] for b in found["buckets"]}
    everything = [article(n)["date"] for n in range(300)]
    everything += [(START + timedelta(days=n * 11)).isoformat() for n in range(100)]
    for year, count in by_year.items():
        assert count == sum(1 for d in everything if d.startswith(year))


def test_a_bad_interval_says_which_are_allowed(archive):
    with pytest.raises(InvalidParameter, match="auto, day, week, month, year"):
        archive.timeline("electricite", interval="hour")


def test_compare_puts_every_query_on_the_same_periods(archive):
    found = archive.compare(["electricite", "fromage"])
    first, second = found["series"]
    assert [b["start"] for b in first["buckets"]] == [b["start"] for b in second["buckets"]]
    assert sum(b["count"] for b in second["buckets"]) == second["total"] == 100


def exported(archive, name, query="electricite", **options):
    total, rows = archive.export(query, **options)
    return total, "".join(exports.WRITERS[name](rows))


def test_csv_export_has_every_result_once_and_parses_back(archive):
    total, text = exported(archive, "csv", sort="oldest")
    assert text.startswith("\ufeff")  # spreadsheet programs then read UTF-8
    records = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(records) == total == 307
    assert list(records[0]) == list(exports.FIELDS)
    assert len({r["id"] for r in records}) == total
    dated = [r["date"] for r in records if r["date"]]
    assert dated == sorted(dated)
    assert "électricité" in records[0]["snippet"].lower() and "’" in records[0]["title"]
    assert "<mark>" not in text


def test_jsonl_and_ris_exports_parse_back(archive):
    total, text = exported(archive, "jsonl", sources=["Le Courrier"])
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == total == 157 and {line["source"] for line in lines} == {"Le Courrier"}
    total, text = exported(archive, "ris", date_from=date(2019, 1, 1), date_to=date(2019, 12, 31))
    entries = rispy.loads(text)
    assert len(entries) == total > 0
    assert {entry["type_of_reference"] for entry in entries} == {"NEWS"}
    assert all(entry["secondary_title"] in ("Le Courrier", "La Gazette") for entry in entries)
    assert all(entry["urls"][0].startswith("https://exemple.fr/") for entry in entries)


def test_export_over_the_limit_is_refused_with_a_reason(archive, monkeypatch):
    monkeypatch.setattr(exports, "MAX_EXPORT", 100)
    with pytest.raises(InvalidParameter, match="100 au plus"):
        archive.export("electricite")


def streaming_peak(archive, sources):
    """Memory allocated while rows are written, once the search itself is done."""
    total, rows = archive.export("electricite", sources=sources)
    chunks = exports.WRITERS["csv"](rows)
    next(chunks)
    tracemalloc.start()
    size = sum(len(chunk) for chunk in chunks)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return total, size, peak


def test_export_memory_does_not_grow_with_the_number_of_rows(archive):
    small_total, small_size, small_peak = streaming_peak(archive, ["La Gazette"])
    large_total, large_size, large_peak = streaming_peak(archive, [])
    assert large_total > 2 * small_total and large_size > 2 * small_size
    # Holding the rows would need about their size; streaming needs a few rows' worth.
    assert large_peak < small_peak + large_size / 4


def test_a_cursor_walk_returns_every_result_exactly_once(archive):
    seen, cursor, pages = [], None, 0
    while True:
        page = archive.search("electricite", per_page=13, cursor=cursor)
        seen += [hit["id"] for hit in page["hits"]]
        pages += 1
        cursor = page["cursor"]
        if cursor is None:
            break
    assert pages == -(-307 // 13)
    assert len(seen) == len(set(seen)) == 307
    assert seen[:13] == [hit["id"] for hit in archive.search("electricite", per_page=13)["hits"]]


def test_a_made_up_cursor_is_refused(archive):
    with pytest.raises(InvalidParameter, match="curseur"):
        archive.search("electricite", cursor="pas-un-curseur")
