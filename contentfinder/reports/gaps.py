"""The "gaps" report: what reps searched for and did not find (no results, only partial
matches, results nobody used soon after, or a "tell marketing" note), grouped ignoring case,
word order and endings."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from contentfinder.index.analysis import analyze_text
from contentfinder.reports.inputs import USE_KINDS, ReportInput, Section, enough_reps
from contentfinder.reports.inputs import small_group_note as privacy_note
from contentfinder.reports.model import Chart, Table
from contentfinder.usage.outcomes import full_result_of
from contentfinder.usage.store import EventRecord

GAP_FOLLOW_UP = timedelta(minutes=10)  # a search with no use of a result this soon is a gap
NO_WORDS = "(no words; filters only)"  # what a note to marketing about the filters alone is under


def build(data: ReportInput) -> Section:
    events = data.events
    uses_by_device: dict[str, list[datetime]] = defaultdict(list)
    for event in events:
        if event.kind in USE_KINDS:
            uses_by_device[event.device_id].append(event.occurred_at)
    groups: dict[str, list[EventRecord]] = defaultdict(list)
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        query = (event.query or "").strip()
        # A note to marketing counts without words too (about a list of filters); a search
        # without words is only browsing.
        if event.kind != "feedback" and (event.kind != "search" or not query):
            continue
        terms = sorted({t.decode() for t, *_ in analyze_text(query).items})
        key = " ".join(terms) or query.casefold()
        groups[key].append(event)
        spelled[key][" ".join(query.split()) or NO_WORDS] += 1
    rows, hidden = [], 0
    for key, group in groups.items():
        searches = [e for e in group if e.kind == "search"]
        feedback = [e for e in group if e.kind == "feedback"]
        zero = sum(1 for e in searches if e.hit_count == 0)
        partial = [e for e in searches if e.hit_count and full_result_of(e.detail) is False]
        unused = sum(
            1 for e in searches if e.hit_count and not _used_soon(e, uses_by_device[e.device_id])
        )
        if not (zero or partial or unused or feedback):
            continue
        if not enough_reps(group):
            hidden += 1
            continue
        filters = Counter(
            "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(e.filters.items())) or "none"
            for e in group
        )
        messages = _notes(feedback)
        missing = Counter(
            str(word) for e in searches for word in (e.detail or {}).get("missing_concepts") or ()
        )
        rows.append(
            (
                spelled[key].most_common(1)[0][0],
                len(searches),
                zero,
                len(partial),
                ", ".join(word for word, _ in missing.most_common(3)),
                unused,
                len(feedback),
                len({e.user_id for e in group}),
                filters.most_common(1)[0][0],
                "; ".join(messages),
            )
        )
    rows.sort(key=lambda r: (-(r[2] + r[3] + r[5] + r[6]), r[0].casefold()))
    table = Table(
        name="Content gaps",
        columns=(
            "Search (most common form)",
            "Searches",
            "Found nothing",
            "Only partial matches",
            "No asset mentions",
            "Nothing used",
            "Told marketing",
            "Reps",
            "Filters most used",
            "What reps said",
        ),
        rows=tuple(rows),
        chart=Chart(
            title="Searches that found nothing useful", label_column=0, value_columns=(2, 3, 5)
        ),
        note=f"Grouped ignoring case, word order and word endings. 'Only partial matches': no "
        f"asset had every word that counts (all of a short query's, half the rarity of a "
        f"sentence's). 'No asset mentions': the words of those searches the library lacks. "
        f"'Nothing used': no asset opened, previewed, copied or sent within "
        f"{GAP_FOLLOW_UP.seconds // 60} minutes.",
    )
    return Section(
        "Content gaps: what reps looked for and did not find", [table], privacy_note(hidden)
    )


def _notes(feedback: list[EventRecord]) -> list[str]:
    """What reps told marketing, each note once; notes sent with hashed search text were
    withheld (free text says what the search said), and only their number is known."""
    said = sorted({str((e.detail or {}).get("message") or "") for e in feedback} - {""})
    withheld = sum(1 for e in feedback if (e.detail or {}).get("message_withheld"))
    if withheld:
        said.append(f"{withheld} note{'s' if withheld > 1 else ''} withheld (search text hashed)")
    return said


def _used_soon(search: EventRecord, uses: list[datetime]) -> bool:
    return any(search.occurred_at <= t <= search.occurred_at + GAP_FOLLOW_UP for t in uses)
