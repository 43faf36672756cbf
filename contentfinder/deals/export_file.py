"""An opportunity export as rows of cells, each with the row number a spreadsheet shows:
a CSV (UTF-8 with or without a BOM, UTF-16 as Excel's "Unicode text" writes it, else Windows'
ANSI; comma, semicolon or tab separated, as the locale's Excel saves it) or an XLSX workbook's
first sheet. Whatever else it is, the message says what it looks like."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from contentfinder.deals.values import Cell

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003, or an encrypted OOXML package
_KNOWN_BINARY = {b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image"}


class ExportFileError(ValueError):
    """The file cannot be read as an export; the message names it and says why."""


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it: the first line is row 1
    cells: Sequence[Cell]

    @property
    def is_empty(self) -> bool:
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in self.cells)


def read_export(path: Path) -> list[Row]:
    """Every row of the export at `path`, empty ones included (their numbers count)."""
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise ExportFileError(f"{path}: a folder, not a CSV or XLSX export") from exc
    except OSError as exc:
        raise ExportFileError(f"{path}: cannot read it ({exc.strerror})") from exc
    if not data.strip():
        raise ExportFileError(f"{path}: the file is empty")
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(path, data)
    if data.startswith(_OLE):
        raise ExportFileError(
            f"{path}: an Excel 97-2003 workbook or a password-protected one; save it as .xlsx "
            "without a password, or as CSV, and import that"
        )
    for magic, what in _KNOWN_BINARY.items():
        if data.startswith(magic):
            raise ExportFileError(f"{path}: {what}, not a CSV or XLSX export")
    return _csv_rows(path, _decoded(path, data))


def _decoded(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ExportFileError(f"{path}: a binary file, not a CSV or XLSX export")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows


def _csv_rows(path: Path, text: str) -> list[Row]:
    sample = text[:65536]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel  # one column, or too irregular to tell: the default comma
    try:
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        return [Row(n, [c.strip() for c in cells]) for n, cells in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise ExportFileError(f"{path}: not a CSV file ({exc})") from exc


def _xlsx_rows(path: Path, data: bytes) -> list[Row]:
    from openpyxl import load_workbook  # only an XLSX import pays for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise ExportFileError(
            f"{path}: a ZIP file but not an XLSX workbook ({exc}); export the report as XLSX or CSV"
        ) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ExportFileError(f"{path}: the workbook has no sheet")
        return [
            Row(n, [c.strip() if isinstance(c, str) else c for c in cells])
            for n, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
