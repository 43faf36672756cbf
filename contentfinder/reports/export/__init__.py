"""Writing a `Report` as CSV, XLSX (with native charts and heatmaps), self-contained HTML or
JSON, to a file atomically or as bytes: one module per format, each with a `render(report)`.

Every cell comes from reps' data (asset titles, search text), so each format defuses it its own
way: CSV prefixes would-be formulas with `'`, XLSX stores them as text, HTML escapes everything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from contentfinder.files import atomic_write
from contentfinder.reports.export import csv, html, json, xlsx
from contentfinder.reports.export.cells import defuse_formula
from contentfinder.reports.export.xlsx import sheet_names
from contentfinder.reports.model import Report

__all__ = ["FORMATS", "defuse_formula", "sheet_names", "write_report"]

RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "csv": csv.render,
    "xlsx": xlsx.render,
    "html": html.render,
    "json": json.render,
}
FORMATS = tuple(RENDERERS)


def write_report(report: Report, fmt: str, out: Path | None) -> bytes | None:
    """Write `report` in `fmt` (one of `FORMATS`, else ValueError) to `out`, replacing it
    atomically, or return the bytes if `out` is None. The folder must exist; OSError otherwise."""
    try:
        render = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format '{fmt}'; formats: {', '.join(FORMATS)}") from None
    data = render(report)
    if out is None:
        return data
    atomic_write(Path(out), data)
    return None
