"""The "top" report: the assets reps used most in the period, ranked by weighted score (a send
or copy weighs most, a preview least: `USE_WEIGHTS`), with opens, copies/sends and previews
apart; and for each value of every required facet, the top assets among those tagged with it
beside the top assets for reps who filtered their search by it. Every row and list entry is
built from at least `MIN_REPS` reps."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from contentfinder.library.taxonomy import Facet
from contentfinder.reports.inputs import MIN_REPS, NO_ASSET, ReportInput, Section, Withheld
from contentfinder.reports.model import Chart, Table
from contentfinder.usage.outcomes import USE_WEIGHTS
from contentfinder.usage.store import EventRecord

SHOWN = 50  # rows of the overall table
PER_VALUE = 5  # assets listed for each facet value
SENT = ("copy", "share")


@dataclass(frozen=True)
class Scored:
    asset_id: str
    title: str
    uses: int
    score: int
    engaged: int
    opens: int
    sent: int
    previews: int
    reps: int

    def row(self) -> tuple[object, ...]:
        return (
            self.title,
            self.asset_id,
            self.uses,
            self.score,
            self.engaged,
            self.opens,
            self.sent,
            self.previews,
            self.reps,
        )


def build(data: ReportInput) -> Section:
    uses = data.uses()
    withheld = Withheld("other assets", "use", "asset")
    ranked = _ranked(data, uses, withheld)
    columns = (
        "Title",
        "Asset",
        "Uses",
        "Weighted score",
        "Engaged uses",
        f"Opens (×{USE_WEIGHTS['open']})",
        f"Copies and sends (×{USE_WEIGHTS['copy']})",
        f"Previews (×{USE_WEIGHTS['preview']})",
        "Reps",
    )
    tables = [
        Table(
            name="Top assets",
            columns=columns,
            rows=tuple(r.row() for r in ranked[:SHOWN]),
            chart=Chart(title="Most used assets (weighted)", label_column=0, value_columns=(3,)),
            note=f"Weighted score: copies and sends ×{USE_WEIGHTS['copy']}, opens "
            f"×{USE_WEIGHTS['open']}, previews ×{USE_WEIGHTS['preview']}. Engaged: an open, "
            f"copy or send, or a preview of 10 s or more. Assets used by fewer than "
            f"{MIN_REPS} reps are not listed.",
        )
    ]
    # One listing per value and asset: a use under two filter values counts in both.
    filtered = Withheld("listings for reps filtering by a value", "use", "listing")
    searched = _searched_for(data, uses, filtered)
    for facet in (f for f in data.library.taxonomy.facets if f.required):
        tables.append(_by_value(data, facet, ranked, searched))
    return Section("Most used content", tables, withheld=[withheld, filtered])


def _ranked(
    data: ReportInput, uses: dict[str, list[EventRecord]], withheld: Withheld
) -> list[Scored]:
    ranked = [
        _scored(data, asset_id, events)
        for asset_id, events in uses.items()
        if withheld.shown(events)
    ]
    ranked.sort(key=lambda s: (-s.score, -s.engaged, s.title.casefold(), s.asset_id))
    return ranked


def _scored(data: ReportInput, asset_id: str, events: list[EventRecord]) -> Scored:
    kinds = Counter(e.kind for e in events)
    return Scored(
        asset_id=asset_id,
        title=data.assets.get(asset_id, NO_ASSET).title or asset_id,
        uses=len(events),
        score=data.weighted(events),
        engaged=len(data.engaged(events)),
        opens=kinds["open"],
        sent=sum(kinds[k] for k in SENT),
        previews=kinds["preview"],
        reps=len({e.user_id for e in events}),
    )


def _searched_for(
    data: ReportInput, uses: dict[str, list[EventRecord]], withheld: Withheld
) -> dict[tuple[str, str], list[Scored]]:
    """(facet, value) -> the assets reps used after a search filtered by that value, best
    first, each from at least `MIN_REPS` reps' uses."""
    searches = data.searches_by_id
    picked: dict[tuple[str, str], dict[str, list[EventRecord]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for asset_id, events in uses.items():
        for event in events:
            search = searches.get(event.search_event_id or "")
            if search is None:
                continue
            for facet, values in search.filters.items():
                for value in values:
                    picked[(facet, value)][asset_id].append(event)
    found = {}
    for key, by_asset in picked.items():
        scored = [
            _scored(data, asset_id, events)
            for asset_id, events in by_asset.items()
            if withheld.shown(events)
        ]
        scored.sort(key=lambda s: (-s.score, s.title.casefold(), s.asset_id))
        found[key] = scored
    return found


def _by_value(
    data: ReportInput,
    facet: Facet,
    ranked: list[Scored],
    searched: dict[tuple[str, str], list[Scored]],
) -> Table:
    rows = []
    for value in facet.values:
        tagged = [
            s
            for s in ranked
            if value.name in data.assets.get(s.asset_id, NO_ASSET).tags.get(facet.name, ())
        ][:PER_VALUE]
        sought = searched.get((facet.name, value.name), [])[:PER_VALUE]
        for rank in range(max(len(tagged), len(sought))):
            mine = tagged[rank] if rank < len(tagged) else None
            theirs = sought[rank] if rank < len(sought) else None
            rows.append(
                (
                    value.name,
                    rank + 1,
                    mine.title if mine else None,
                    mine.score if mine else None,
                    theirs.title if theirs else None,
                    theirs.score if theirs else None,
                )
            )
    label = facet.label.lower()
    return Table(
        name=f"Top by {label}",
        columns=(
            facet.label,
            "Rank",
            "Top tagged with it",
            "Score (tagged)",
            "Top for reps filtering by it",
            "Score (filtered)",
        ),
        rows=tuple(rows),
        note=f"Left: the top assets tagged with the {label}. Right: the top assets reps used "
        f"after a search filtered by it (whatever the asset's own tags), from the search each "
        f"use came from. Weighted scores; entries from fewer than {MIN_REPS} reps left out.",
    )
