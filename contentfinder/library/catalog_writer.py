"""Changing `catalog.csv` without losing anything: every other row and column (even ones this
version does not know) stays as it was, the file is replaced whole (a kill leaves the old or
the new catalog, never half of one), Excel reads it (UTF-8 with BOM), and two marketers
publishing into one network folder at once do not lose each other's rows (the catalog is
re-read and rewritten under `contentfinder.library.catalog_lock`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from contentfinder.files import atomic_write
from contentfinder.library.catalog import CATALOG_FILE
from contentfinder.library.catalog_lock import catalog_lock
from contentfinder.text import fold


@dataclass
class CatalogRows:
    header: list[str] = field(default_factory=lambda: ["path"])
    rows: list[list[str]] = field(default_factory=list)

    def column(self, name: str) -> int:
        """The index of a column (by folded name), added at the end when missing."""
        wanted = fold(name).replace(" ", "_")
        for index, cell in enumerate(self.header):
            if fold(cell).replace(" ", "_") == wanted:
                return index
        self.header.append(name)
        return len(self.header) - 1

    def set(self, asset_id: str, values: dict[str, str]) -> None:
        """The asset's row (made when missing) with these cells set; other cells kept."""
        path_column = self.column("path")
        row = next(
            (
                r
                for r in self.rows
                if len(r) > path_column and fold(r[path_column]) == fold(asset_id)
            ),
            None,
        )
        if row is None:
            row = [""] * len(self.header)
            row[path_column] = asset_id
            self.rows.append(row)
        for name, value in values.items():
            index = self.column(name)
            while len(row) <= index:
                row.append("")
            row[index] = value


def update_catalog(library: Path, change: Callable[[CatalogRows], None]) -> None:
    """Re-reads the catalog under the lock, applies `change`, and replaces the file whole."""
    with catalog_lock(library):
        rewrite_catalog(library, change)


def rewrite_catalog(library: Path, change: Callable[[CatalogRows], None]) -> None:
    """`update_catalog` for a caller that holds the catalog lock already."""
    rows = read_rows(library)
    change(rows)
    write_rows(library, rows)


def read_rows(library: Path) -> CatalogRows:
    path = library / CATALOG_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return CatalogRows()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's plain "CSV"
    lines = list(csv.reader(io.StringIO(text, newline="")))
    if not lines:
        return CatalogRows()
    return CatalogRows(header=lines[0], rows=lines[1:])


def write_rows(library: Path, rows: CatalogRows) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(rows.header)
    width = len(rows.header)
    for row in rows.rows:
        writer.writerow(row + [""] * (width - len(row)))
    data = "\ufeff" + buffer.getvalue()
    atomic_write(library / CATALOG_FILE, data)
