"""A report as CSV for Excel: UTF-8 with a BOM, RFC 4180 quoting, each table under its name
(and note) with its header on the next line; text that would run as a formula is prefixed."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from contentfinder.reports.export.cells import defuse_formula, display_datetime
from contentfinder.reports.model import Report


def render(report: Report) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # the "excel" dialect: RFC 4180 quoting, CRLF
    header = (report.title, report.period, f"Generated {display_datetime(report.generated_at)}")
    writer.writerows([_csv_cell(line)] for line in (*header, *report.notes))
    writer.writerow([])
    for table in report.tables:
        # The note shares the name line so the header is always the line after the name.
        writer.writerow([_csv_cell(text) for text in (table.name, table.note) if text])
        writer.writerow([_csv_cell(column) for column in table.columns])
        writer.writerows([_csv_cell(cell) for cell in row] for row in table.rows)
        writer.writerow([])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM tells Excel it is UTF-8


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # what Excel reads back as a boolean
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return defuse_formula(value)
    return value  # a number stays a number, a negative one too
