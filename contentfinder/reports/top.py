"""The "top" report: the assets reps used most in the period, overall and for each value of
every required facet, each row from at least `MIN_REPS` reps."""

from __future__ import annotations

from collections import Counter

from contentfinder.reports.inputs import NO_ASSET, ReportInput, Section, enough_reps
from contentfinder.reports.inputs import small_group_note as privacy_note
from contentfinder.reports.model import Chart, Table

SHOWN = 50  # rows of the overall table
PER_VALUE = 5  # assets listed for each facet value


def build(data: ReportInput) -> Section:
    hidden = 0
    ranked = []
    for asset_id, uses in data.uses().items():
        if not enough_reps(uses):
            hidden += 1
            continue
        kinds = Counter(e.kind for e in uses)
        asset = data.assets.get(asset_id)
        ranked.append(
            (
                asset.title if asset else asset_id,
                asset_id,
                len(uses),
                kinds["open"],
                kinds["preview"],
                kinds["copy"] + kinds["share"],
                len({e.user_id for e in uses}),
            )
        )
    ranked.sort(key=lambda r: (-r[2], r[0].casefold()))
    columns = ("Title", "Asset", "Uses", "Opens", "Previews", "Sent (copied or dragged)", "Reps")
    tables = [
        Table(
            name="Top assets",
            columns=columns,
            rows=tuple(ranked[:SHOWN]),
            chart=Chart(title="Most used assets", label_column=0, value_columns=(2,)),
        )
    ]
    for facet in (f for f in data.library.taxonomy.facets if f.required):
        rows = []
        for value in facet.values:
            best = [
                r
                for r in ranked
                if value.name in data.assets.get(r[1], NO_ASSET).tags.get(facet.name, ())
            ][:PER_VALUE]
            rows.extend((value.name, rank, r[0], r[2]) for rank, r in enumerate(best, start=1))
        tables.append(
            Table(
                name=f"Top by {facet.label.lower()}",
                columns=(facet.label, "Rank", "Title", "Uses"),
                rows=tuple(rows),
            )
        )
    return Section("Most used content", tables, privacy_note(hidden))
