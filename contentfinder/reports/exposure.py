"""Which assets reps' searches put in front of them, and which frequent searches match assets
they did not: the evidence behind the "unused" report's actions.

"Shown" is a fact where the search event recorded its first page (`detail["shown"]`); older
events are replayed on today's index and counted apart, and hashed searches (sent with
`--redact-queries`) without a recorded first page cannot be replayed at all: they make an
asset's exposure *not known*, never "never shown".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from contentfinder.reports.inputs import ReportInput, enough_reps
from contentfinder.reports.query_groups import HASHED_PREFIX, group_queries
from contentfinder.search.session import SearchRequest, SearchSession
from contentfinder.usage.store import EventRecord

SHOWN_DEPTH = 10  # an asset was "shown" by a search when it was on its first page
MAX_REPLAYED_SEARCHES = 2000  # distinct (query, filters) replayed for events without a page
FREQUENT_SEARCHES = 30  # the most frequent searches checked for assets they fail to show
DEMAND_DEPTH = 200  # how deep a frequent search is read to find where an asset ranks


@dataclass
class Exposure:
    """How often each asset was on the first page of the period's searches, and by whom."""

    times: Counter[str] = field(default_factory=Counter)
    reps: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    searches: dict[str, list[EventRecord]] = field(default_factory=lambda: defaultdict(list))
    recorded: int = 0  # searches whose event recorded its first page
    replayed: int = 0  # searches run again on today's index (recorded before pages were kept)
    hashed: int = 0  # hashed searches with no recorded page: which assets they showed is unknown
    refused: int = 0  # replays today's index refused (a filter value the taxonomy dropped)

    def add(self, asset_ids: Iterable[str], search: EventRecord) -> None:
        for asset_id in dict.fromkeys(asset_ids):
            self.times[asset_id] += 1
            self.reps[asset_id].add(search.user_id)
            self.searches[asset_id].append(search)


@dataclass(frozen=True)
class Demand:
    """A frequent search whose words an asset has although the search did not show it."""

    query: str  # the search's most common form
    searches: int
    reps: int
    filters: tuple[tuple[str, tuple[str, ...]], ...]  # the filters reps used most with it
    rank: int | None  # the asset's rank with those filters; None: the filters exclude it


def is_hashed(query: str | None) -> bool:
    return (query or "").startswith(HASHED_PREFIX)


def exposure(session: SearchSession, searches: Sequence[EventRecord], today: date) -> Exposure:
    """Which assets each of `searches` (search events) showed on its first page."""
    found = Exposure()
    to_replay: dict[tuple[str, tuple], list[EventRecord]] = defaultdict(list)
    for search in searches:
        page = ReportInput.shown_ids(search)
        if page is not None:
            found.recorded += 1
            found.add(page[:SHOWN_DEPTH], search)
        elif is_hashed(search.query):
            found.hashed += 1
        else:
            to_replay[(search.query or "", _filter_key(search.filters))].append(search)
    if not to_replay:
        return found
    ordered = sorted(to_replay.items(), key=lambda item: -len(item[1]))
    for (query, filters), events in ordered[:MAX_REPLAYED_SEARCHES]:
        try:
            results = session.search(
                SearchRequest(text=query, filters=dict(filters), limit=SHOWN_DEPTH, today=today)
            )
        except ValueError:
            found.refused += len(events)
            continue
        found.replayed += len(events)
        for event in events:
            found.add((hit.id for hit in results.hits), event)
    return found


def demand(
    session: SearchSession, searches: Sequence[EventRecord], today: date
) -> dict[str, list[Demand]]:
    """asset id -> the frequent requests (searches of at least `MIN_REPS` reps, grouped as
    the gaps report groups them, words not hashed) that match its text but did not show it on
    the first page today: below the first page, or kept out by the filters reps used. Most
    searched first."""
    worded = [e for e in searches if (e.query or "").strip()]
    frequent = [
        g for g in group_queries(worded) if not g.hashed and enough_reps(g.events)
    ]  # largest first; spellings of one request merged before the rule counts reps
    matched: dict[str, list[Demand]] = defaultdict(list)
    for group in frequent[:FREQUENT_SEARCHES]:
        query = group.label
        filters = Counter(_filter_key(e.filters) for e in group.events).most_common(1)[0][0]
        try:
            anywhere = _ranks(session, query, (), today)
            filtered = _ranks(session, query, filters, today) if filters else anywhere
        except ValueError:
            continue
        reps = len({e.user_id for e in group.events})
        for asset_id in anywhere:
            rank = filtered.get(asset_id)
            if rank is not None and rank <= SHOWN_DEPTH:
                continue  # on the first page today: nothing to fix
            matched[asset_id].append(Demand(query, len(group.events), reps, filters, rank))
    return matched


def _ranks(session: SearchSession, query: str, filters: tuple, today: date) -> dict[str, int]:
    results = session.search(
        SearchRequest(text=query, filters=dict(filters), limit=DEMAND_DEPTH, today=today)
    )
    return {hit.id: rank for rank, hit in enumerate(results.hits, start=1)}


def _filter_key(filters: dict[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((facet, tuple(values)) for facet, values in filters.items() if values))
