"""A workbook's matching sheet read for the preview: the first rows and columns (or the rows
around the first matching cell, when it is further down) as text, with the matching cells
noted. Sheets are numbered as the indexer numbers them (`indexer.extract.xlsx`: the
workbook's sheet names in order, from 1). Runs on a pool thread, openpyxl in read-only mode."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ui.preview.errors import PreviewError, check_package
from ui.preview.marks import Marks

ROWS, COLUMNS = 50, 20
SCANNED_ROWS = 5000  # looked through for a matching cell below the first ROWS
LEAD_ROWS = 10  # shown above a matching cell found further down
MAX_CELL_CHARS = 200


@dataclass(frozen=True)
class SheetGrid:
    path: str
    number: int  # 1-based, as the index numbers sheets
    names: tuple[str, ...]  # every sheet of the workbook
    first_row: int  # the spreadsheet row number of rows[0]
    rows: tuple[tuple[str, ...], ...]
    marked: frozenset[tuple[int, int]]  # (index in rows, column index) of matching cells
    more_rows: bool
    more_columns: bool

    @property
    def name(self) -> str:
        return self.names[self.number - 1]


def read_sheet(path: str, number: int | None, marks: Marks) -> SheetGrid:
    from openpyxl import load_workbook

    check_package(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except _library_errors() as exc:
        raise PreviewError(f"the workbook looks damaged ({type(exc).__name__})") from exc
    try:
        names = tuple(workbook.sheetnames)
        if not names:
            raise PreviewError("the workbook has no sheets")
        index = max(1, min(number or 1, len(names)))
        sheet = workbook[names[index - 1]]
        if not hasattr(sheet, "iter_rows"):
            raise PreviewError(f"sheet '{names[index - 1]}' is a chart, with no cells to show")
        try:
            return _grid(path, index, names, sheet, marks)
        except _library_errors() as exc:
            raise PreviewError(f"the sheet looks damaged ({type(exc).__name__})") from exc
    finally:
        workbook.close()


def _library_errors() -> tuple[type[Exception], ...]:
    import zipfile

    from lxml.etree import LxmlError

    return (LxmlError, SyntaxError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            zipfile.BadZipFile)  # fmt: skip


def _grid(path: str, number: int, names: tuple[str, ...], sheet: Any, marks: Marks) -> SheetGrid:
    rows: list[tuple[str, ...]] = []
    first_match: int | None = None
    more_columns = False
    # Rows as the sheet has them, not padded to a claimed dimension (some writers claim
    # A1:XFD1048576 for five rows: every row would be 16,384 cells wide).
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    for row_index, values in enumerate(sheet.iter_rows(values_only=True)):
        if row_index >= SCANNED_ROWS:
            break
        cells = tuple(_cell_text(v) for v in values)
        more_columns = more_columns or any(cells[COLUMNS:])
        cells = cells[:COLUMNS]
        if first_match is None and any(marks.spans(c, 1) for c in cells if c):
            first_match = row_index
        rows.append(cells)
        if first_match is not None and row_index >= _start(first_match) + ROWS:
            break
    start = _start(first_match) if first_match is not None else 0
    shown = rows[start : start + ROWS]
    width = max((_used_width(r) for r in shown), default=0)
    grid = tuple(tuple(r[:width]) + ("",) * (width - len(r[:width])) for r in shown)
    marked = frozenset(
        (r, c) for r, row in enumerate(grid) for c, cell in enumerate(row)
        if cell and marks.spans(cell, 1)
    )  # fmt: skip
    return SheetGrid(
        path, number, names, start + 1, grid, marked, len(rows) > start + ROWS, more_columns
    )


def _start(match_row: int) -> int:
    return 0 if match_row < ROWS else match_row - LEAD_ROWS


def _used_width(row: tuple[str, ...]) -> int:
    for index in range(len(row), 0, -1):
        if row[index - 1]:
            return index
    return 0


def _cell_text(value: object) -> str:
    """A cell as the indexer reads it: whole floats without '.0', dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)[:MAX_CELL_CHARS]
