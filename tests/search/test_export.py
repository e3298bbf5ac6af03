"""Export of a whole result set: CSV, JSON Lines and RIS parse back, the limit, and memory
that does not grow with the rows."""

import csv
import io
import json
import tracemalloc
from datetime import date

import pytest
import rispy

from search import InvalidParameter
from search import export as exports

from .energy_archive import archive  # noqa: F401 (a fixture)


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
