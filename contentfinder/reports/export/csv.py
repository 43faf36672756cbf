"""A report as CSV for Excel and BI tools: UTF-8 with a BOM, RFC 4180 quoting, text that would
run as a formula prefixed. Three shapes: one table as plain CSV (its header row first, nothing
above it: what a pivot table or a BI tool loads), a folder of those plus `about.csv`, and the
whole report stacked in one file for reading (each table under its name, header lines first).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from contentfinder.files import atomic_write
from contentfinder.reports.export.cells import defuse_formula, display_datetime
from contentfinder.reports.model import Report, Table

DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "|": "|"}  # as typed -> written
ABOUT_FILE = "about.csv"
_UNSAFE = re.compile(r"[^a-z0-9]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
             *(f"lpt{n}" for n in range(10)), "about"}  # fmt: skip


def render(report: Report, *, delimiter: str = ",") -> bytes:
    """The whole report in one file: title, header lines and notes, then each table under
    its name (and note) with its header on the next line, a blank line between."""
    writer, buffer = _writer(delimiter)
    header = (report.title, report.period, f"Generated {display_datetime(report.generated_at)}")
    writer.writerows([_csv_cell(line)] for line in header)
    writer.writerows([_csv_cell(label), _csv_cell(text)] for label, text in report.about)
    writer.writerows([_csv_cell(note)] for note in report.notes)
    writer.writerow([])
    for table in report.tables:
        # The note shares the name line so the header is always the line after the name.
        writer.writerow([_csv_cell(text) for text in (table.name, table.note) if text])
        _write_table(writer, table)
        writer.writerow([])
    return _encoded(buffer)


def render_table(table: Table, *, delimiter: str = ",") -> bytes:
    """One table as plain CSV: the header row, then the rows; no title, no note."""
    writer, buffer = _writer(delimiter)
    _write_table(writer, table)
    return _encoded(buffer)


def render_about(report: Report, *, delimiter: str = ",") -> bytes:
    """What the folder's tables are, as a two-column table: the report, when it was made, the
    header lines, the notes, and which file holds which table."""
    writer, buffer = _writer(delimiter)
    rows: list[tuple[str, str]] = [
        ("Report", report.title),
        ("Kind", report.kind),
        ("Period", report.period),
        ("Generated", display_datetime(report.generated_at)),
        *report.about,
        *(("Note", note) for note in report.notes),
    ]
    names = table_file_names(t.name for t in report.tables)
    rows += [
        (f"File {name}", _described(table))
        for table, name in zip(report.tables, names, strict=True)
    ]
    writer.writerow(["Field", "Value"])
    writer.writerows([_csv_cell(label), _csv_cell(text)] for label, text in rows)
    return _encoded(buffer)


def write_folder(report: Report, folder: Path, *, delimiter: str = ",") -> list[Path]:
    """`about.csv` and one plain CSV per table in `folder` (made if missing), each replaced
    atomically; the paths written, `about.csv` first. OSError if the folder is unusable."""
    names = table_file_names(t.name for t in report.tables)
    written = [folder / ABOUT_FILE]
    atomic_write(written[0], render_about(report, delimiter=delimiter))
    for table, name in zip(report.tables, names, strict=True):
        written.append(folder / name)
        atomic_write(written[-1], render_table(table, delimiter=delimiter))
    return written


def table_file_names(names: Iterable[str]) -> list[str]:
    """File names for table names that every system and BI tool takes: lower case, ASCII
    letters, digits and dashes, unique, none named like `about.csv` or a Windows device."""
    taken: set[str] = set()
    result = []
    for name in names:
        base = _UNSAFE.sub("-", name.casefold()).strip("-")[:60].strip("-") or "table"
        if base in _RESERVED:
            base += "-table"
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        result.append(candidate + ".csv")
    return result


def _described(table: Table) -> str:
    return f"{table.name}: {table.note}" if table.note else table.name


def _writer(delimiter: str) -> tuple[Any, io.StringIO]:  # _csv.writer has no public type
    buffer = io.StringIO(newline="")
    # The "excel" dialect: RFC 4180 quoting, CRLF; only the delimiter may change.
    return csv.writer(buffer, delimiter=DELIMITERS.get(delimiter, delimiter)), buffer


def _write_table(writer: Any, table: Table) -> None:
    writer.writerow([_csv_cell(column) for column in table.columns])
    writer.writerows([_csv_cell(cell) for cell in row] for row in table.rows)


def _encoded(buffer: io.StringIO) -> bytes:
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
