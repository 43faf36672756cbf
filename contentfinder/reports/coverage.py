"""The "coverage" report: for each facet of `COVERAGE_ROWS`, a matrix of its values by funnel
stage (`COVERAGE_ACROSS`), counting current assets (empty cells are gaps to fill) and their
uses (blank where fewer than `MIN_REPS` reps made them)."""

from __future__ import annotations

from contentfinder.index.stored import StoredAsset
from contentfinder.library.taxonomy import COVERAGE_ACROSS, COVERAGE_ROWS, Facet
from contentfinder.reports.inputs import MIN_REPS, ReportInput, Section, enough_reps
from contentfinder.reports.model import Table
from contentfinder.usage.store import EventRecord


def build(data: ReportInput) -> Section:
    taxonomy = data.library.taxonomy
    across = taxonomy.facet(COVERAGE_ACROSS)
    current, used = data.current(), data.uses()
    tables = []
    for name in COVERAGE_ROWS:
        down = taxonomy.facet(name)
        if down is None or across is None:
            continue
        tables += _matrices(down, across, current, used)
    labels = " and ".join(f.label.lower() for n in COVERAGE_ROWS if (f := taxonomy.facet(n)))
    stage = across.label.lower() if across else COVERAGE_ACROSS
    return Section(f"Coverage: {labels} by {stage}", tables)


def _matrices(
    down: Facet,
    across: Facet,
    current: list[StoredAsset],
    used: dict[str, list[EventRecord]],
) -> list[Table]:
    columns = [v.name for v in across.values]
    content_rows, usage_rows = [], []
    for value in down.values:
        counts: list[int] = []
        uses: list[int | None] = []
        for column in columns:
            cell = [
                a
                for a in current
                if value.name in a.tags.get(down.name, ()) and column in a.tags.get(across.name, ())
            ]
            counts.append(len(cell))
            cell_uses = [e for a in cell for e in used.get(a.id, ())]
            uses.append(len(cell_uses) if enough_reps(cell_uses) or not cell_uses else None)
        content_rows.append((value.name, *counts))
        usage_rows.append((value.name, *uses))
    label, across_label = down.label, across.name
    return [
        Table(
            name=f"{label} x {across_label}: assets",
            columns=(label, *columns),
            rows=tuple(content_rows),
            heatmap=True,
            note="Current (not expired) assets per cell; empty cells are gaps to fill.",
        ),
        Table(
            name=f"{label} x {across_label}: uses",
            columns=(label, *columns),
            rows=tuple(usage_rows),
            heatmap=True,
            note=f"Opens, previews, copies and shares; blank: fewer than {MIN_REPS} reps.",
        ),
    ]
