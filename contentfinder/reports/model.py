"""The plain data a usage report is made of (`Report` of `Table`s, each maybe with a `Chart`):
filled by the report modules (`reports.build`), written out by `reports.export`. No formatting
knowledge lives here, only the shape and the checks that keep every exporter from meeting a
malformed table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeGuard

CELL_TYPES = (str, int, float, bool, date, datetime, type(None))  # bool and datetime: subclasses


def is_number(value: object) -> TypeGuard[int | float]:
    """A cell a chart or a heatmap can measure: an int or a float, never a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class Chart:
    title: str
    label_column: int  # index of the column giving the bar labels
    value_columns: tuple[int, ...]  # numeric columns drawn as bar series
    horizontal: bool = True


@dataclass(frozen=True)
class Table:
    name: str  # "Unused assets"; also the XLSX sheet name (the writer makes it a legal one)
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]  # str, int, float, bool, None, date, datetime
    chart: Chart | None = None
    heatmap: bool = False  # colour numeric cells by value (the coverage matrix): 0 stands out
    note: str = ""  # one line shown under the table

    def __post_init__(self) -> None:
        # Checked here, once, so a producer's mistake fails where it is made rather than as a
        # garbled sheet or a crash inside one exporter.
        width = len(self.columns)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise ValueError(
                    f"table '{self.name}': row {number} has {len(row)} cells, not {width}"
                )
            for cell in row:
                _check_cell(cell, table=self.name, row=number)
        if self.chart is not None:
            self._check_chart(self.chart)

    def _check_chart(self, chart: Chart) -> None:
        used = (chart.label_column, *chart.value_columns)
        if not chart.value_columns or any(not 0 <= i < len(self.columns) for i in used):
            raise ValueError(f"table '{self.name}': chart columns {used} do not fit the table")

    def numeric_columns(self) -> tuple[int, ...]:
        """Columns with at least one number and nothing else but blanks: what a heatmap colours."""
        found = []
        for index in range(len(self.columns)):
            cells = [row[index] for row in self.rows if row[index] is not None]
            if cells and all(is_number(cell) for cell in cells):
                found.append(index)
        return tuple(found)

    def right_aligned_columns(self) -> tuple[int, ...]:
        """Columns read as figures, right-aligned in every format: most of their cells are
        numbers, the rest figures in words ("1 min 6 s", "not measured")."""
        found = []
        for index in range(len(self.columns)):
            cells = [row[index] for row in self.rows if row[index] not in (None, "")]
            numbers = sum(1 for cell in cells if is_number(cell))
            if cells and numbers * 2 > len(cells):
                found.append(index)
        return tuple(found)

    def chart_rows(self, limit: int) -> tuple[tuple[object, ...], ...]:
        """The rows a chart draws: the first `limit`, as the producer ordered them (top first)."""
        return self.rows[:limit]


@dataclass(frozen=True)
class Report:
    kind: str  # "summary", "unused", "top", "gaps", "coverage", "tagging"
    title: str
    period: str  # its first and last day in the reader's time zone: "2026-09-02 to 2026-11-30"
    generated_at: datetime  # timezone-aware
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()  # e.g. "Groups of fewer than 3 reps are not shown."
    # What the reader must know to trust the figures, as (label, text) lines every format
    # shows above the tables: ("Period", "2026-09-02 to 2026-11-30 (UTC+01:00)"),
    # ("Source", the store with any password masked), ("Counted", the roles, teams and
    # filters), ("Privacy", what the 3-rep rule hid), ("Weights", how uses are weighed);
    # `reports.build` writes them, in that order.
    about: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.generated_at.utcoffset() is None:
            raise ValueError("a report's generated_at must be timezone-aware")


def _check_cell(cell: object, *, table: str, row: int) -> None:
    if not isinstance(cell, CELL_TYPES):
        raise TypeError(f"table '{table}': row {row} has a {type(cell).__name__} cell")
    # NaN has no spelling in JSON or Excel; a producer dividing by zero should say "blank".
    if isinstance(cell, float) and not math.isfinite(cell):
        raise ValueError(f"table '{table}': row {row} has a non-finite number ({cell})")
