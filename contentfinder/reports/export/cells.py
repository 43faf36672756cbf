"""How a cell reads whatever the format: dates and times, numbers, blanks, the formula
prefix that keeps a spreadsheet from running a rep's text, and the rows a chart draws."""

from __future__ import annotations

from datetime import date, datetime

from contentfinder.reports.model import Chart, Table

CHART_ROWS = 30  # bars beyond this are unreadable; rows come ordered top first
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection triggers
HEAT_COLOUR = (0x2B, 0x6C, 0xB0)  # the strong end of white → colour


def defuse_formula(text: str) -> str:
    """`text` as a spreadsheet will show it, never run it (OWASP: prefix a single quote)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def display_datetime(value: datetime) -> str:
    shown = value.strftime("%Y-%m-%d %H:%M")
    return f"{shown} {value.tzname()}" if value.tzinfo is not None else shown


def display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(round(value, 2))
    if isinstance(value, datetime):
        return display_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def chart_title(table: Table, chart: Chart) -> str:
    if len(table.rows) > CHART_ROWS:
        return f"{chart.title} (first {CHART_ROWS} rows)"
    return chart.title
