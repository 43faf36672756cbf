"""The "unused" report: current assets nobody opened, previewed, copied or shared in the
period, and whether reps' searches ever showed them (a findability problem) or did and were
passed over (a content problem)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from contentfinder.library.opened import Library
from contentfinder.reports.inputs import ReportInput, Section
from contentfinder.reports.model import Chart, Table
from contentfinder.search.session import SearchRequest, SearchSession
from contentfinder.usage.store import EventRecord

SHOWN_DEPTH = 10  # an asset "surfaced" for a search when it was on its first page
MAX_REPLAYED_SEARCHES = 2000
NEVER, PASSED_OVER = "never surfaced", "surfaced, not used"


def build(data: ReportInput) -> Section:
    used = data.uses()
    shown = times_shown(data.library, data.events, data.today)
    facets = [f for f in data.library.taxonomy.facets if f.required]
    current = data.current()
    rows = []
    for asset in sorted(current, key=lambda a: a.title.casefold()):
        if asset.id in used:
            continue
        age = (data.today - asset.modified).days if asset.modified else None
        times = shown.get(asset.id, 0)
        tags = (", ".join(asset.tags.get(facet.name, ())) for facet in facets)
        rows.append(
            (asset.title, asset.id, asset.owner, age, *tags, times, PASSED_OVER if times else NEVER)
        )
    verdicts = Counter(row[-1] for row in rows)
    summary = Table(
        name="Summary",
        columns=("What happened", "Assets"),
        rows=(
            ("never surfaced (a findability or tagging problem)", verdicts[NEVER]),
            ("surfaced, not used (a content problem)", verdicts[PASSED_OVER]),
            ("used", len(current) - len(rows)),
        ),
        chart=Chart(title="Current assets", label_column=0, value_columns=(1,)),
    )
    detail = Table(
        name="Unused assets",
        columns=(
            "Title",
            "Asset",
            "Owner",
            "Age (days)",
            *(facet.label for facet in facets),
            f"Times shown (top {SHOWN_DEPTH} of reps' searches)",
            "Verdict",
        ),
        rows=tuple(rows),
        note="No open, preview, copy or share in the period. Shown: on the first page when "
        "reps' searches of the period are run again on today's index.",
    )
    return Section("Content nobody used", [summary, detail])


def times_shown(library: Library, events: Sequence[EventRecord], today: date) -> Counter[str]:
    """How often each asset is on the first page of the searches reps made, replayed on the
    current index (events record what was searched, not what was shown)."""
    searches = Counter(
        (e.query or "", tuple(sorted((k, v) for k, v in e.filters.items())))
        for e in events
        if e.kind == "search"
    )
    shown: Counter[str] = Counter()
    with SearchSession.for_library(library) as session:
        for (query, filters), times in searches.most_common(MAX_REPLAYED_SEARCHES):
            if query.startswith("sha256:"):
                continue  # sent redacted: cannot be replayed
            try:
                results = session.search(
                    SearchRequest(text=query, filters=dict(filters), limit=SHOWN_DEPTH, today=today)
                )
            except ValueError:
                continue  # a filter value the taxonomy no longer has
            for hit in results.hits:
                shown[hit.id] += times
    return shown
