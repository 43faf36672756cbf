"""Amounts and dates as CRM exports in several locales write them, each column read as a whole."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from contentfinder.deals.values import (
    Amount,
    CellError,
    amounts_use_decimal_comma,
    dates_are_day_first,
    parse_amount,
    parse_date,
    parse_flag,
)


@pytest.mark.parametrize(
    ("cells", "comma", "expected"),
    [
        (["$1,200.50", "$80,000.00"], False, [Amount(1200.5, "USD"), Amount(80000.0, "USD")]),
        (["1.200,50 €", "15.000 €"], True, [Amount(1200.5, "EUR"), Amount(15000.0, "EUR")]),
        (["1 200,50", "300"], True, [Amount(1200.5, None), Amount(300.0, None)]),
        (["USD 5,000", "(300)"], False, [Amount(5000.0, "USD"), Amount(-300.0, None)]),
        (["12,00,000", "£99"], False, [Amount(1200000.0, None), Amount(99.0, "GBP")]),
        (["CHF 1'250.00", "-"], False, [Amount(1250.0, "CHF"), None]),
    ],
)
def test_an_amount_column_in_its_locale(
    cells: list[str], comma: bool, expected: list[Amount | None]
) -> None:
    assert amounts_use_decimal_comma(cells) is comma
    assert [parse_amount(c, comma_decimal=comma) for c in cells] == expected


def test_a_column_that_cannot_tell_reads_a_decimal_point() -> None:
    assert amounts_use_decimal_comma(["1,200", "5,000", "700"]) is False
    assert parse_amount("1,200") == Amount(1200.0, None)
    assert parse_amount(54000) == Amount(54000.0, None)  # a spreadsheet's number


@pytest.mark.parametrize("text", ["1.2.3", "12,34,5", "ten", "$", "1,2,3.4.5"])
def test_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(CellError, match="is not an amount"):
        parse_amount(text)


@pytest.mark.parametrize(
    ("cells", "day_first", "expected"),
    [
        (["12/18/2026", "1/2/2027"], False, [date(2026, 12, 18), date(2027, 1, 2)]),
        (["18/12/2026", "1/2/2027"], True, [date(2026, 12, 18), date(2027, 2, 1)]),
        (["01.02.2027"], True, [date(2027, 2, 1)]),  # dots: the day first
        (["2026-12-18", "2026-12-18 00:00"], False, [date(2026, 12, 18)] * 2),
        (["Dec 18, 2026", "18 déc. 2026"], False, [date(2026, 12, 18)] * 2),
        (["18-Dec-26", "2026/12/18"], False, [date(2026, 12, 18)] * 2),
    ],
)
def test_a_date_column_in_its_format(
    cells: list[str], day_first: bool, expected: list[date]
) -> None:
    assert dates_are_day_first(cells) is day_first
    assert [parse_date(c, dayfirst=day_first) for c in cells] == expected


def test_a_spreadsheet_date_and_bad_dates() -> None:
    assert parse_date(datetime(2026, 12, 18, 9, 30)) == date(2026, 12, 18)
    assert parse_date("  ") is None
    with pytest.raises(CellError, match="day is out of range"):
        parse_date("31/02/2027", dayfirst=True)
    with pytest.raises(CellError, match="expected e.g. 2026-12-18"):
        parse_date("next quarter")


def test_yes_and_no() -> None:
    assert [parse_flag(v) for v in ("1", "true", "Yes", 1, True, "0", "FALSE", 0, None)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        None,
    ]
    with pytest.raises(CellError, match="neither yes nor no"):
        parse_flag("maybe")
