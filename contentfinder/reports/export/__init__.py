"""Writing a `Report` as CSV, XLSX (with native charts and heatmaps), self-contained HTML or
JSON, to a file atomically or as bytes: one module per format, each with a `render(report)`;
and CSV the way BI tools load it, one table per file (`write_table`, `write_csv_folder`).

Every cell comes from reps' data (asset titles, search text), so each format defuses it its own
way: CSV prefixes would-be formulas with `'`, XLSX stores them as text, HTML escapes everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from contentfinder.files import atomic_write
from contentfinder.reports.export import csv, html, json, xlsx
from contentfinder.reports.export.cells import defuse_formula
from contentfinder.reports.export.csv import DELIMITERS, table_file_names
from contentfinder.reports.export.xlsx import sheet_names
from contentfinder.reports.model import Report, Table

__all__ = [
    "DELIMITERS",
    "FORMATS",
    "defuse_formula",
    "only_table",
    "sheet_names",
    "table_file_names",
    "table_named",
    "write_csv_folder",
    "write_report",
    "write_table",
]

RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "csv": csv.render,
    "xlsx": xlsx.render,
    "html": html.render,
    "json": json.render,
}
FORMATS = tuple(RENDERERS)


def write_report(
    report: Report, fmt: str, out: Path | None, *, delimiter: str = ","
) -> bytes | None:
    """Write `report` in `fmt` (one of `FORMATS`, else ValueError) to `out`, replacing it
    atomically, or return the bytes if `out` is None. The folder must exist; OSError otherwise.
    `delimiter` (one of `DELIMITERS`) is the CSV's."""
    try:
        render = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format '{fmt}'; formats: {', '.join(FORMATS)}") from None
    data = csv.render(report, delimiter=delimiter) if fmt == "csv" else render(report)
    return _written(data, out)


def write_table(table: Table, out: Path | None, *, delimiter: str = ",") -> bytes | None:
    """One table as plain CSV (its header row first) to `out`, or its bytes if `out` is None."""
    return _written(csv.render_table(table, delimiter=delimiter), out)


def write_csv_folder(report: Report, folder: Path, *, delimiter: str = ",") -> list[Path]:
    """`about.csv` and one plain CSV per table in `folder`; the files written."""
    return csv.write_folder(report, folder, delimiter=delimiter)


def table_named(report: Report, name: str) -> Table:
    """The report's table called `name`, ignoring case and surrounding blanks; ValueError
    listing the report's tables otherwise."""
    wanted = " ".join(name.split()).casefold()
    for table in report.tables:
        if " ".join(table.name.split()).casefold() == wanted:
            return table
    names = "; ".join(f"'{t.name}'" for t in report.tables) or "none"
    raise ValueError(f"the {report.kind} report has no table '{name}'; its tables: {names}")


def only_table(report: Report, name: str) -> Report:
    """`report` with only its table called `name` (as `table_named` finds it)."""
    return replace(report, tables=(table_named(report, name),))


def _written(data: bytes, out: Path | None) -> bytes | None:
    if out is None:
        return data
    atomic_write(Path(out), data)
    return None
