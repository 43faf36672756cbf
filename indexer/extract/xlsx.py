"""Excel reader (.xlsx, .xlsm, .xltx, .xltm): one segment per sheet (its name and cell text),
plus the text of comments, text boxes and charts; core properties.

calamine reads the cells (cached values rather than formulas) where its grids are known to be
small (`xlsx_calamine`); otherwise, or where it cannot, openpyxl does (read-only). Comments and
drawings are read from the package, as neither library reads them; where neither can read the
cells at all, the shared strings stand in for them. openpyxl's rows are read as they are in
the sheet, never padded out to the dimension the sheet claims (one claiming A1:XFD1048576
over five rows would take minutes). A sheet that breaks off costs the rest of that sheet, and
is named in `partly_read`.
"""

from __future__ import annotations

import fnmatch
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from indexer.extract import ooxml, xlsx_calamine
from indexer.extract.base import Extracted, ExtractionError, FailureReason, Limits, Segment
from indexer.extract.common import TextBudget, finish, quiet_libraries, short_detail

_EXTRA_PARTS = (
    "xl/comments*.xml",
    "xl/threadedComments/*.xml",
    "xl/drawings/drawing*.xml",
    "xl/charts/chart*.xml",
    "xl/diagrams/data*.xml",
)
_SHARED_STRINGS = "xl/sharedStrings.xml"


def extract(path: Path, limits: Limits) -> Extracted:
    problems: list[str] = []
    with ooxml.open_package(path, limits) as package:
        properties = ooxml.core_properties(package.zip)
        problems.extend(package.unread)
        with quiet_libraries("openpyxl"):
            try:
                sheets = _cells(package, limits, problems)
            except _library_errors() as exc:
                sheets = [_strings_instead_of_cells(package.zip, exc)]
            else:
                if not any(_has_cells(s) for s in sheets):  # cells the libraries could not see
                    sheets.append(Segment("\n".join(_shared_strings(package.zip))))
            extras = _part_lines(package.zip, _matching(package.zip, _EXTRA_PARTS))
    return finish(
        [*sheets, Segment("\n".join(extras))],
        limits,
        title=properties.title,
        keyword_strings=properties.keyword_strings,
        author=properties.author,
        partly_read=problems,
    )


def _library_errors() -> tuple[type[Exception], ...]:
    """What openpyxl raises for a workbook it cannot make sense of."""
    from lxml.etree import LxmlError

    return (
        LxmlError,
        SyntaxError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        *ooxml.MEMBER_ERRORS,
    )


def _cells(package: ooxml.Package, limits: Limits, problems: list[str]) -> list[Segment]:
    if xlsx_calamine.grid_fits(package.zip):
        try:
            return xlsx_calamine.read_sheets(package.reopened(), TextBudget(limits))
        except xlsx_calamine.errors():
            pass  # openpyxl reads some workbooks calamine refuses (and says which sheet broke)
    return _sheets(package.reopened(), TextBudget(limits), problems)


def _sheets(source: str | IO[bytes], budget: TextBudget, problems: list[str]) -> list[Segment]:
    from openpyxl import load_workbook

    workbook = load_workbook(source, read_only=True, data_only=True, keep_links=False)
    try:
        segments: list[Segment] = []
        for number, name in enumerate(workbook.sheetnames, start=1):
            if budget.spent:
                break
            rows: list[str] = []
            try:
                rows.extend(_row_lines(workbook[name], budget))
            except _library_errors():  # the rows before the break are still the sheet's
                where = f"after row {len(rows)}" if rows else "at its start"
                problems.append(f"sheet '{name}' is broken {where}; the rest of it was not read")
            segments.append(Segment("\n".join([name, *rows]), number))
        return segments
    finally:
        workbook.close()  # read-only mode keeps the file open until told


def _row_lines(sheet: Any, budget: TextBudget) -> Iterator[str]:
    if not hasattr(sheet, "iter_rows"):  # a chart sheet: its name is all the text it has
        return
    # Rows as the sheet has them: openpyxl would pad every row to the claimed dimension's
    # width and add empty rows down to its last row, which a damaged or careless writer may
    # put at XFD1048576.
    sheet.reset_dimensions()
    yield from xlsx_calamine.row_lines(sheet.iter_rows(values_only=True), budget)


def _has_cells(sheet: Segment) -> bool:
    # A sheet segment's first line is the sheet's name; anything after it came from cells.
    return "\n" in sheet.text.strip()


def _strings_instead_of_cells(package: zipfile.ZipFile, error: Exception) -> Segment:
    """openpyxl could not read the cells: the workbook's strings are the next best thing."""
    lines = _shared_strings(package)
    if not lines:
        raise ExtractionError(FailureReason.DAMAGED, f"unreadable workbook: {short_detail(error)}")
    return Segment("\n".join(lines))


def _shared_strings(package: zipfile.ZipFile) -> list[str]:
    return _part_lines(package, _matching(package, (_SHARED_STRINGS,)))


def _matching(package: zipfile.ZipFile, patterns: tuple[str, ...]) -> list[str]:
    return [n for n in package.namelist() if any(fnmatch.fnmatch(n, p) for p in patterns)]


def _part_lines(package: zipfile.ZipFile, names: list[str]) -> list[str]:
    lines: list[str] = []
    for name in names:
        lines.extend(ooxml.xml_texts(ooxml.read_part(package, name)))
    return lines
