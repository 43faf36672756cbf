"""The "coverage" report: for each facet of `COVERAGE_ROWS` (and industry, where the taxonomy
has it), a matrix of its values by funnel stage (`COVERAGE_ACROSS`) counting current assets and
one counting their engaged uses (blank where fewer than `MIN_REPS` reps made them); then every
cell's status in one long table, telling a gap to fill (no current assets) from content nobody
used (assets, but no engaged use)."""

from __future__ import annotations

from dataclasses import dataclass

from contentfinder.index.stored import EXPIRING_SOON_DAYS, StoredAsset
from contentfinder.library.taxonomy import COVERAGE_ACROSS, COVERAGE_ROWS, Facet
from contentfinder.reports.inputs import MIN_REPS, ReportInput, Section, Withheld, uses_of
from contentfinder.reports.model import Table
from contentfinder.usage.store import EventRecord

# A facet shown down the side too when the library's taxonomy has it (the built-in one does).
OPTIONAL_ROWS = ("industry",)
GAP, UNUSED, FEW, USED = (
    "no current assets",
    "assets nobody used",
    f"used by fewer than {MIN_REPS} reps",
    "used",
)
STATUS_ORDER = (GAP, UNUSED, FEW, USED)


@dataclass(frozen=True)
class Cell:
    facet: Facet
    value: str
    stage: str
    assets: int
    uses: int | None  # engaged uses; None: from fewer than MIN_REPS reps
    expiring: int  # of its assets, those expiring within the month

    @property
    def status(self) -> str:
        if not self.assets:
            return GAP
        if self.uses is None:
            return FEW
        return USED if self.uses else UNUSED


def build(data: ReportInput) -> Section:
    taxonomy = data.library.taxonomy
    across = taxonomy.facet(COVERAGE_ACROSS)
    downs = [f for n in (*COVERAGE_ROWS, *OPTIONAL_ROWS) if (f := taxonomy.facet(n)) is not None]
    stage = across.label.lower() if across else COVERAGE_ACROSS
    labels = [f.label.lower() for f in downs]
    listed = f"{', '.join(labels[:-1])} and {labels[-1]}" if len(labels) > 1 else "".join(labels)
    title = f"Coverage: {listed} by {stage}"
    if across is None:
        return Section(title, [], [f"The taxonomy has no '{COVERAGE_ACROSS}' facet."])
    current = data.current()
    engaged = uses_of(data.engaged(data.events))
    withheld = Withheld("cells' uses", "use", "cell")
    tables, cells = [], []
    for down in downs:
        grid = _cells(down, across, current, engaged, data, withheld)
        cells += grid
        tables += _matrices(down, across, grid)
    tables.append(_status(cells, across))
    untagged = sum(1 for a in current if not _in_a_cell(a, downs, across))
    notes = [_multi_tag_note(downs, across, len(current))]
    if untagged:
        notes.append(
            f"{untagged} current assets lack a {stage} or any of the facets down the side and "
            f"are in no cell (the tagging report lists them)."
        )
    return Section(title, tables, notes, [withheld])


def _cells(
    down: Facet,
    across: Facet,
    current: list[StoredAsset],
    engaged: dict[str, list[EventRecord]],
    data: ReportInput,
    withheld: Withheld,
) -> list[Cell]:
    cells = []
    for value in down.values:
        tagged = [a for a in current if value.name in a.tags.get(down.name, ())]
        for stage in across.values:
            here = [a for a in tagged if stage.name in a.tags.get(across.name, ())]
            uses = [e for a in here for e in engaged.get(a.id, ())]
            counted = len(uses) if not uses or withheld.shown(uses) else None
            expiring = sum(1 for a in here if a.expiring_soon(data.today))
            cells.append(Cell(down, value.name, stage.name, len(here), counted, expiring))
    return cells


def _matrices(down: Facet, across: Facet, cells: list[Cell]) -> list[Table]:
    columns = [v.name for v in across.values]
    by_value: dict[str, list[Cell]] = {}
    for cell in cells:
        by_value.setdefault(cell.value, []).append(cell)
    label, across_label = down.label, across.name
    return [
        Table(
            name=f"{label} x {across_label}: assets",
            columns=(label, *columns),
            rows=tuple((v, *(c.assets for c in row)) for v, row in by_value.items()),
            heatmap=True,
            note="Current (not expired) assets per cell; 0: a gap to fill.",
        ),
        Table(
            name=f"{label} x {across_label}: uses",
            columns=(label, *columns),
            # A cell without assets is left blank here, so that a 0 (red) says one thing only:
            # there are assets and nobody used them. The gap shows in the assets matrix.
            rows=tuple(
                (v, *(c.uses if c.assets else None for c in row)) for v, row in by_value.items()
            ),
            heatmap=True,
            note=f"Engaged uses (opens, copies, sends, previews of 10 s or more) of the cell's "
            f"assets. 0: assets nobody used. Blank: no assets (a gap, see the assets matrix) or "
            f"uses from fewer than {MIN_REPS} reps; the status table tells which.",
        ),
    ]


def _status(cells: list[Cell], across: Facet) -> Table:
    order = {status: n for n, status in enumerate(STATUS_ORDER)}
    # Stable: within a status, the most assets first, then the taxonomy's order.
    ranked = sorted(cells, key=lambda c: (order[c.status], -c.assets))
    return Table(
        name="Coverage status",
        columns=(
            "Facet",
            "Value",
            across.label,
            "Status",
            "Current assets",
            "Engaged uses",
            f"Expiring within {EXPIRING_SOON_DAYS} days",
        ),
        rows=tuple(
            (c.facet.label, c.value, c.stage, c.status, c.assets, c.uses, c.expiring)
            for c in ranked
        ),
        note="Every cell of the matrices: first the gaps to fill (no current assets), then "
        "cells whose assets nobody used (content to fix, retire or promote), then those used "
        f"by fewer than {MIN_REPS} reps, then the rest.",
    )


def _in_a_cell(asset: StoredAsset, downs: list[Facet], across: Facet) -> bool:
    return bool(asset.tags.get(across.name)) and any(asset.tags.get(f.name) for f in downs)


def _multi_tag_note(downs: list[Facet], across: Facet, assets: int) -> str:
    multi = [f.label.lower() for f in downs if f.multi]
    example = multi[0] if multi else downs[0].label.lower() if downs else "value"
    columns = ""
    if across.multi:
        columns = f" and one with two {across.label.lower()} values in both columns"
    return (
        f"Counting: an asset counts in every cell it is tagged for, so one tagged with two "
        f"{example} values counts in both rows{columns}; rows and matrices do not add up to "
        f"the {assets} current assets."
    )
