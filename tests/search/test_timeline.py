"""Results over time: buckets that add up, the automatic interval, the archive's count, and
several queries on the same periods."""

from datetime import date, timedelta

import pytest

from search import InvalidParameter

from .energy_archive import START, archive, article  # noqa: F401 (archive is a fixture)


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
