"""Limits and sort orders are declared once (search/params.py), each refused by one sentence:
the engine, the page, the API and the command line say the same thing in the same words;
pages past the last one are empty, and the paging cap is explained."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from search import MAX_RESULT_WINDOW
from search.cli import search_command
from search.export_cli import export_command
from search.params import (MAX_PER_PAGE, SORTS, InvalidParameter, check_dates, check_page,
                           check_sort)
from web import params as web_params

from .conftest import ids
from .vintages import archive  # noqa: F401 (a fixture)


def refusal(check, *arguments):
    with pytest.raises(InvalidParameter) as raised:
        check(*arguments)
    return str(raised.value)


def test_the_page_window_is_refused_in_the_same_words_everywhere():
    engine = refusal(check_page, 101, 100)
    page = refusal(web_params.parse_page, MultiDict({"page": "101"}), 100)
    assert engine.replace("per_page", "« Résultats par page »").replace(
        ", page vaut", ", « Page » vaut") == page
    assert "au plus 100" in engine


def test_a_sort_order_is_refused_with_every_order_listed():
    engine = refusal(check_sort, "date")
    page = refusal(web_params.parse_sort, MultiDict({"sort": "date"}))
    assert engine.replace("sort doit", "« Trier par » doit") == page
    assert all(value in engine and label in engine for value, label in SORTS.items())


def test_reversed_dates_are_refused_in_the_same_words():
    engine = refusal(check_dates, date(2022, 3, 1), date(2022, 2, 1))
    page = refusal(web_params.parse_date_range, MultiDict({"from": "2022-03-01", "to": "2022-02-01"}))
    assert engine.replace("date_to", "« Au »").replace("date_from", "« Du »") == page


def test_the_command_line_offers_the_same_orders_and_limit():
    for command in (search_command, export_command):
        [sort] = [p for p in command.params if p.name == "sort"]
        assert list(sort.type.choices) == list(SORTS)
    [number] = [p for p in search_command.params if p.name == "per_page"]
    assert number.type.max == MAX_PER_PAGE


def test_paging(archive):
    first, second = archive.search("raisin", per_page=2), archive.search("raisin", page=2, per_page=2)
    third = archive.search("raisin", page=3, per_page=2)
    assert first["total"] == 5 and first["pages"] == 3
    assert len(set(ids(first) + ids(second) + ids(third))) == 5
    assert archive.search("raisin", page=9, per_page=2)["hits"] == []


def test_deep_paging_is_capped_with_an_explanation(archive):
    last = MAX_RESULT_WINDOW // 100
    assert archive.search("raisin", page=last, per_page=100)["hits"] == []
    with pytest.raises(InvalidParameter) as error:
        archive.search("raisin", page=last + 1, per_page=100)
    assert error.value.param == "page" and "10\u202f000 premiers" in str(error.value)
