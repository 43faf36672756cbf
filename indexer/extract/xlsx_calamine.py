"""A workbook's cells read with calamine (Rust), several times faster than openpyxl (the index
bench's workbooks: 0.80 s of CPU with openpyxl, 0.14 s), and the check that decides when
calamine may read them at all.

calamine reads a sheet whole, into a grid from its first cell to its last, and when that grid
cannot be allocated it aborts the process rather than raising: one cell at A1 and another at
XFD1048576 ask for 17 billion. So a workbook goes to calamine only when every sheet's grid is
known to be small; the rest, and whatever calamine refuses, are openpyxl's, which streams rows.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time
from typing import IO, Any

from indexer.extract import ooxml
from indexer.extract.base import Segment
from indexer.extract.common import TextBudget

# calamine keeps a cell in a few dozen bytes: this many make a grid of about 200 MB at most,
# well inside a worker's memory cap, and far more than collateral spreadsheets hold.
MAX_GRID_CELLS = 6_000_000
_CELL_SEPARATOR = " | "
_MIDNIGHT = time()

# Each looks for a literal first, so a pass over megabytes of XML takes milliseconds. A match
# in a string's text can only raise the bound, which sends the workbook to openpyxl.
_ROW_NUMBERS = re.compile(rb'row\s[^>]*?\br="(\d+)"')
_CELL_COLUMNS = re.compile(rb' r="([A-Z]{1,3})\d')
_ROW_STARTS = re.compile(rb"<(?:\w+:)?row[\s>]")


def grid_fits(package: zipfile.ZipFile) -> bool:
    """Whether every grid calamine would allocate for this package stays under
    MAX_GRID_CELLS: each XML part's last row times its last column, as its refs say. Every
    part is looked at, since a workbook may keep a sheet under any name its relationships give;
    one that will not inflate leaves the grid unknown (openpyxl may still read the cells).
    """
    for info in package.infolist():
        if not info.filename.lower().endswith(".xml"):
            continue
        try:
            xml = package.read(info.filename)
        except ooxml.MEMBER_ERRORS:
            return False
        if b"row" in xml and _grid_cells(xml) > MAX_GRID_CELLS:
            return False
    return True


def _grid_cells(xml: bytes) -> int:
    row_refs = _ROW_NUMBERS.findall(xml)
    columns = _CELL_COLUMNS.findall(xml)
    # A row or cell without a ref stands after the one before it, so each can add one: rows
    # to the height, a row's cells to the width. The counts also take in '<rowBreaks', '<col'
    # and the like, which only raises the bound.
    rows = max(map(int, row_refs), default=0)
    rows += max(xml.count(b"<row") + xml.count(b":row") - len(row_refs), 0)
    width = _column_number(max(set(columns), key=_column_order, default=b""))
    if xml.count(b"<c") + xml.count(b":c") > len(columns):
        width += max(map(_cells_in, _ROW_STARTS.split(xml)))
    return rows * width


def _cells_in(row: bytes) -> int:
    return row.count(b"<c") + row.count(b":c")


def _column_order(letters: bytes) -> tuple[int, bytes]:
    return len(letters), letters


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def read_sheets(source: str | IO[bytes], budget: TextBudget) -> list[Segment]:
    """One segment per sheet: its name, then a line per row of its cells' text. Raises
    calamine's errors for a workbook it cannot read; it then reads nothing."""
    from python_calamine import CalamineWorkbook

    if isinstance(source, str):
        workbook = CalamineWorkbook.from_path(source)
    else:
        workbook = CalamineWorkbook.from_filelike(source)
    try:
        segments: list[Segment] = []
        for number, name in enumerate(workbook.sheet_names, start=1):
            if budget.spent:
                break
            rows = row_lines(workbook.get_sheet_by_name(name).iter_rows(), budget)
            segments.append(Segment("\n".join([name, *rows]), number))
        return segments
    finally:
        workbook.close()


def row_lines(rows: Iterable[Sequence[Any]], budget: TextBudget) -> Iterator[str]:
    """A line of text for each row with a cell that has some, the same from either library,
    until the budget is spent."""
    for row in rows:
        line = _CELL_SEPARATOR.join(cell_text(v) for v in row if v is not None and v != "")
        if line:
            yield budget.take(line)
            if budget.spent:
                return


def cell_text(value: object) -> str:
    """A cell's value as a rep would read it, the same from either library."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == _MIDNIGHT:
        return value.date().isoformat()  # a date: calamine reads it so, openpyxl at 00:00
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def errors() -> tuple[type[BaseException], ...]:
    """What calamine raises for a workbook it cannot read."""
    from python_calamine import CalamineError

    return (CalamineError, ValueError, TypeError, OverflowError)
