"""The "gaps" report: what reps searched for and did not find, one row per request (its
spellings merged by `query_groups`), ranked by the evidence: how many searches came away
without a full result or without a use, times the reps who made them; with the concepts no
asset mentions, what the search returned first, the filters used and what reps said."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from contentfinder.reports.inputs import USE_KINDS, ReportInput, Section, Withheld, plural
from contentfinder.reports.model import Chart, Table
from contentfinder.reports.query_groups import GROUPING_NOTE, HASHED_NOTE, QueryGroup, group_queries
from contentfinder.usage.outcomes import full_result_of
from contentfinder.usage.store import EventRecord

# For searches recorded before uses named their search: no use on the same device this soon
# after counts as "nothing used" (whichever search the use really came from).
GAP_FOLLOW_UP = timedelta(minutes=10)
COLUMNS = (
    "Search (most common form)",
    "Variants",
    "Evidence",
    "Searches",
    "Reps",
    "Found nothing",
    "No full result (%)",
    "Nothing used (%)",
    "No asset mentions",
    "Returned first",
    "Filters most used",
    "Told marketing",
    "What reps said",
)


@dataclass(frozen=True)
class _Searched:
    """One search as the gap counts see it."""

    event: EventRecord
    full: bool  # a full result existed (a search before events said so: had any hit)
    used: bool  # a use followed, by its link or (older events) the device window
    linked: bool  # measured by the search -> use link, not the window


def build(data: ReportInput) -> Section:
    chosen = [
        e
        for e in data.events
        if e.kind == "feedback" or (e.kind == "search" and (e.query or "").strip())
    ]
    searched = _searched(data, [e for e in chosen if e.kind == "search"])
    withheld = Withheld("other searches", "search")
    groups = group_queries(chosen)
    rows, windowed = [], 0
    for group in groups:
        searches = [searched[e.event_id] for e in group.events if e.kind == "search"]
        feedback = [e for e in group.events if e.kind == "feedback"]
        unmet = sum(1 for s in searches if not s.full or not s.used)
        if not (unmet or feedback):
            continue
        if not withheld.shown(group.events, count=len(searches) or len(feedback)):
            continue
        windowed += sum(1 for s in searches if not s.linked)
        rows.append(_row(data, group, searches, feedback, unmet))
    rows.sort(key=lambda r: (-r[2], -(r[6] or 0), -(r[7] or 0), r[0].casefold()))
    table = Table(
        name="Content gaps",
        columns=COLUMNS,
        rows=tuple(rows),
        chart=Chart(title="Strongest evidence of a gap", label_column=0, value_columns=(2,)),
        note="Evidence: searches that found no full result or led to no use, plus notes to "
        "marketing, times the reps who made them. 'No full result': no asset had every word "
        "that counts (all of a short query's, half the rarity of a sentence's). 'Nothing "
        "used': of the searches that found something, those no open, preview, copy or send of "
        "one of its results followed. 'Returned first': the top result reps were shown most.",
    )
    notes = [GROUPING_NOTE]
    if windowed:
        notes.append(
            f"{plural(windowed, 'search')} shown here were recorded before searches kept "
            f"their results and uses their search: for those, 'nothing used' means no use on "
            f"the same device within {GAP_FOLLOW_UP.seconds // 60} minutes, and 'returned "
            f"first' is not known."
        )
    if any(g.hashed for g in groups):
        notes.append(HASHED_NOTE)
    return Section(
        "Content gaps: what reps looked for and did not find", [table], notes, [withheld]
    )


def _searched(data: ReportInput, searches: list[EventRecord]) -> dict[str, _Searched]:
    uses_by_device: dict[str, list[datetime]] = defaultdict(list)
    for event in data.events:
        if event.kind in USE_KINDS:
            uses_by_device[event.device_id].append(event.occurred_at)
    found = {}
    for event in searches:
        full = bool(event.hit_count) and full_result_of(event.detail) is not False
        linked = data.shown_ids(event) is not None
        if linked:
            used = bool(data.uses_from(event))
        else:
            moment = event.occurred_at
            used = any(
                moment <= t <= moment + GAP_FOLLOW_UP for t in uses_by_device[event.device_id]
            )
        found[event.event_id] = _Searched(event, full, used, linked)
    return found


def _row(
    data: ReportInput,
    group: QueryGroup,
    searches: list[_Searched],
    feedback: list[EventRecord],
    unmet: int,
) -> tuple[object, ...]:
    reps = len({e.user_id for e in group.events})
    with_results = [s for s in searches if s.event.hit_count]
    missing = Counter(
        str(word) for s in searches for word in (s.event.detail or {}).get("missing_concepts") or ()
    )
    first = Counter(shown[0] for s in searches if (shown := data.shown_ids(s.event)))
    first_title = ""
    if first:
        top = first.most_common(1)[0][0]
        asset = data.assets.get(top)
        first_title = asset.title if asset and asset.title else top
    filters = Counter(_filters_text(e) for e in group.events)
    return (
        group.label,
        "; ".join(group.variants),
        (unmet + len(feedback)) * reps,
        len(searches),
        reps,
        sum(1 for s in searches if not s.event.hit_count),
        _percent(sum(1 for s in searches if not s.full), len(searches)),
        _percent(sum(1 for s in with_results if not s.used), len(with_results)),
        ", ".join(word for word, _ in missing.most_common(3)),
        first_title,
        filters.most_common(1)[0][0],
        len(feedback),
        "; ".join(_said(feedback)),
    )


def _filters_text(event: EventRecord) -> str:
    chosen = sorted(event.filters.items())
    return "; ".join(f"{facet}: {', '.join(values)}" for facet, values in chosen) or "none"


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _said(feedback: list[EventRecord]) -> list[str]:
    """What reps told marketing, each note once; notes sent with hashed search text were
    withheld (free text says what the search said), and only their number is known."""
    said = sorted({str((e.detail or {}).get("message") or "") for e in feedback} - {""})
    withheld = sum(1 for e in feedback if (e.detail or {}).get("message_withheld"))
    if withheld:
        said.append(f"{plural(withheld, 'note')} withheld (search text hashed)")
    return said
