"""Article dates: ISO 8601 and French newsroom dates read; a bad one refused, its value quoted."""

import pytest

from index.dates import DateError, parse_date


@pytest.mark.parametrize("text, expected", [
    ("2022-02-24", "2022-02-24"),
    ("2023-05-04T08:30:00+02:00", "2023-05-04"),
    ("2020-01-01T00:00:00Z", "2020-01-01"),
    ("26 novembre 2026", "2026-11-26"),
    ("1er mai 2020", "2020-05-01"),
    ("jeudi 3 août 2023", "2023-08-03"),
    ("26/11/2026", "2026-11-26"),
    ("", "None"),
])
def test_dates_iso_and_french(text, expected):
    assert str(parse_date(text)) == expected


@pytest.mark.parametrize("text", ["31/02/2022", "hier", "32 mars 2020", "0999-01-01", "2022-13-01"])
def test_bad_dates_are_refused_with_the_value_quoted(text):
    with pytest.raises(DateError, match=repr(text)[1:-1]):
        parse_date(text)
