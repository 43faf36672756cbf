"""The "unused" report: current assets reps did not engage with in the period, each with a
recommended action and its reason (`reports.actions`), when it was last used, published and
due to expire and who owns it; then the same actions rolled up by owner."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from contentfinder.index.stored import StoredAsset
from contentfinder.reports.actions import (
    ACTIONS,
    PROMOTE,
    PROMOTE_SHOWN,
    RETAG,
    RETIRE,
    RETIRE_AFTER_DAYS,
    Action,
    AssetFacts,
    recommend,
)
from contentfinder.reports.exposure import SHOWN_DEPTH, Exposure, demand, exposure
from contentfinder.reports.inputs import MIN_REPS, ReportInput, Section, Withheld, plural
from contentfinder.reports.model import Chart, Table
from contentfinder.search.session import SearchSession
from contentfinder.usage.store import EventRecord

NEVER, PASSED_OVER, NOT_KNOWN = "never shown", "shown, not used", "not known"
USED, FEW = "used", "used by few"
NO_OWNER = "(no owner)"


def build(data: ReportInput) -> Section:
    searches = [e for e in data.events if e.kind == "search"]
    with SearchSession.for_library(data.library) as session:
        shown = exposure(session, searches, data.today)
        wanted = demand(session, searches, data.today)
    engaged = _reps_by_asset(data.engaged(data.events))
    last_used = _last_used(data, data.engaged(data.pool or data.events))
    facets = [f for f in data.library.taxonomy.facets if f.required]
    current = data.current()
    rows, actions, verdicts = [], {}, Counter()
    # How often an asset was shown, when only one or two reps' searches showed it, would tell
    # what they searched: that count is left blank, and counted for the Privacy line.
    withheld = Withheld("times shown", "search", "asset")
    for asset in current:
        facts = AssetFacts(
            asset=asset,
            published=published_of(asset),
            times_shown=shown.times[asset.id],
            shown_reps=len(shown.reps.get(asset.id, ())),
            exposure_unknown=bool(shown.hashed) and not shown.times[asset.id],
            engaged_reps=len(engaged.get(asset.id, ())),
            demand=tuple(wanted.get(asset.id, ())),
        )
        verdict = _verdict(facts)
        verdicts[verdict] += 1
        action = recommend(facts, data.today)
        if action is None:
            continue
        actions[asset.id] = action
        tags = (", ".join(asset.tags.get(facet.name, ())) for facet in facets)
        rows.append(
            (
                action.name,
                action.reason,
                asset.title,
                asset.id,
                asset.owner or NO_OWNER,
                facts.published or "unknown",
                (data.today - facts.published).days if facts.published else None,
                asset.expires,
                last_used.get(asset.id, "never"),
                _times_shown(facts, shown, withheld),
                *tags,
                verdict,
            )
        )
    order = {name: n for n, name in enumerate(ACTIONS)}
    by_row = {row[3]: actions[row[3]] for row in rows}
    rows.sort(
        key=lambda r: (order[r[0]], tuple(-e for e in by_row[r[3]].evidence), r[2].casefold())
    )
    detail = Table(
        name="Actions",
        columns=(
            "Action",
            "Reason",
            "Title",
            "Asset",
            "Owner",
            "Published",
            "Age (days)",
            "Expires",
            "Last used",
            f"Times shown (first {SHOWN_DEPTH} results)",
            *(facet.label for facet in facets),
            "In the period",
        ),
        rows=tuple(rows),
        note=_actions_note(),
    )
    return Section(
        "Content nobody used, and what to do about it",
        [_summary(verdicts), detail, _by_owner(current, actions)],
        _notes(shown),
        [withheld],
    )


def published_of(asset: object) -> date | None:
    """The asset's publication date where the index keeps one; never the file's mtime."""
    published = asset.published
    if isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)) if published else None
    except ValueError:
        return None


def _reps_by_asset(uses: list[EventRecord]) -> dict[str, set[str]]:
    reps: dict[str, set[str]] = defaultdict(set)
    for event in uses:
        if event.asset_id:
            reps[event.asset_id].add(event.user_id)
    return reps


def _last_used(data: ReportInput, uses: list[EventRecord]) -> dict[str, date]:
    """asset id -> the reader's date of its last engaged use ever loaded (any period)."""
    last: dict[str, date] = {}
    for event in uses:
        if event.asset_id:
            day = data.period.day_of(event.occurred_at)
            if day > last.get(event.asset_id, date.min):
                last[event.asset_id] = day
    return last


def _verdict(facts: AssetFacts) -> str:
    if facts.engaged_reps:
        return USED if facts.engaged_reps >= MIN_REPS else FEW
    if facts.times_shown:
        return PASSED_OVER
    return NOT_KNOWN if facts.exposure_unknown else NEVER


def _times_shown(facts: AssetFacts, shown: Exposure, withheld: Withheld) -> int | str | None:
    if facts.exposure_unknown:
        return f"not known ({plural(shown.hashed, 'search')} hashed)"
    if facts.times_shown and not withheld.shown(shown.searches[facts.asset.id]):
        return None
    return facts.times_shown


def _summary(verdicts: Counter[str]) -> Table:
    rows = [
        ("never shown (a findability or tagging problem)", verdicts[NEVER]),
        ("shown, not used (a content problem)", verdicts[PASSED_OVER]),
    ]
    if verdicts[NOT_KNOWN]:
        rows.append(("not known whether shown (searches hashed)", verdicts[NOT_KNOWN]))
    rows += [(f"used by fewer than {MIN_REPS} reps", verdicts[FEW]), (USED, verdicts[USED])]
    return Table(
        name="Summary",
        columns=("What happened", "Assets"),
        rows=tuple(rows),
        chart=Chart(title="Current assets", label_column=0, value_columns=(1,)),
        note=f"Current (not expired) assets. Used: engaged with by at least {MIN_REPS} reps.",
    )


def _by_owner(current: list[StoredAsset], actions: dict[str, Action]) -> Table:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for asset in current:
        owner = asset.owner.strip() or NO_OWNER
        counts[owner]["assets"] += 1
        action = actions.get(asset.id)
        if action is not None and action.name != PROMOTE:
            counts[owner]["unused"] += 1
        if action is not None:
            counts[owner][action.name] += 1
    rows = [
        (owner, c["assets"], c["unused"], c[RETIRE], c[RETAG], c[PROMOTE])
        for owner, c in counts.items()
    ]
    rows.sort(key=lambda r: (-(r[3] + r[4] + r[5]), -r[2], r[0] == NO_OWNER, r[0].casefold()))
    return Table(
        name="By owner",
        columns=("Owner", "Assets", "Unused", "To retire", "To re-tag", "To promote"),
        rows=tuple(rows),
        chart=Chart(title="Actions by owner", label_column=0, value_columns=(3, 4, 5)),
        note="Current assets per owner (the catalog's owner, else the file's author); unused: "
        "no engaged use in the period.",
    )


def _actions_note() -> str:
    return (
        f"Unused: no engaged use (an open, copy or share, or a preview of 10 s or more) by a "
        f"rep in the period. Retire: published over {RETIRE_AFTER_DAYS} days ago and either "
        f"shown to {MIN_REPS}+ reps and passed over or sought by no frequent search. Re-tag: "
        f"never shown, though a search made by {MIN_REPS}+ reps matches its text (below the "
        f"first page, or outside the filters they used). Promote: shown {PROMOTE_SHOWN}+ "
        f"times to {MIN_REPS}+ reps and engaged with by fewer than {MIN_REPS}; only these "
        f"were used at all. Review: none of these can be said yet. Last used: the last "
        f"engaged use ever recorded."
    )


def _notes(shown: Exposure) -> list[str]:
    notes = [
        f"Times shown: {plural(shown.recorded, 'search')} recorded their first page; "
        f"{plural(shown.replayed, 'older search')} replayed on today's index (recorded before "
        f"searches kept their first page). Blank: shown by fewer than {MIN_REPS} reps' searches."
    ]
    if shown.refused:
        notes.append(
            f"{plural(shown.refused, 'older search')} could not be replayed (a filter value "
            f"the taxonomy no longer has)."
        )
    if shown.hashed:
        notes.append(
            f"{plural(shown.hashed, 'search')} sent hashed (--redact-queries) without their "
            f"first page: which assets they showed is not known, so no asset is called 'never "
            f"shown' because of them."
        )
    return notes
