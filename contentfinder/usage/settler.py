"""Searching as you type, recorded as one search event per settled query, not one per
keystroke (`SearchSettler`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from contentfinder.usage.events import Filters, UsageEvent, normalize_filters
from contentfinder.usage.outcomes import SearchOutcome

if TYPE_CHECKING:  # the log re-exports this module's class: no import of it at run time
    from contentfinder.usage.log import UsageLog


@dataclass
class _Pending:
    query: str
    filters: Filters
    hit_count: int
    since: float  # when the query or filters last changed
    outcome: SearchOutcome | None = None


class SearchSettler:
    """Records a search once the rep has settled on it, not at every keystroke.

    The app calls `typed` on each change of the search box or filters, `poll` from a timer,
    and `settle` before an open, preview, copy or feedback and on exit. A query that edits
    the pending one (either is a prefix of the other) replaces it; any other query first
    records the pending one. Errors of the log reach the caller.
    """

    def __init__(
        self,
        log: UsageLog,
        *,
        settle_seconds: float = 1.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._log = log
        self._settle_seconds = settle_seconds
        self._clock = clock
        self._pending: _Pending | None = None
        self._last_recorded: tuple[object, ...] | None = None
        self._last_event: UsageEvent | None = None  # of the search the results on screen are

    def typed(
        self,
        query: str,
        filters: Mapping[str, Sequence[str]],
        hit_count: int,
        outcome: SearchOutcome | None = None,
    ) -> None:
        now = self._clock()
        normal = normalize_filters(filters) or {}
        pending = self._pending
        if pending is not None:
            if pending.query == query and pending.filters == normal:
                # Results arriving for it: the wait goes on.
                pending.hit_count, pending.outcome = hit_count, outcome
                return
            settled = now - pending.since >= self._settle_seconds
            if settled or not _edits(pending.query, query):
                self._record(pending)
        self._pending = _Pending(query, normal, hit_count, now, outcome)

    def poll(self) -> UsageEvent | None:
        """Records the pending search if it has not changed for `settle_seconds`."""
        pending = self._pending
        if pending is None or self._clock() - pending.since < self._settle_seconds:
            return None
        return self._record(pending)

    def settle(self) -> UsageEvent | None:
        """Records the pending search now."""
        return None if self._pending is None else self._record(self._pending)

    def settled_search(self) -> UsageEvent | None:
        """Records the pending search now, and returns the event of the search whose results
        are on screen (the one an open or a copy of a result came from): the pending one, or
        the last recorded when the rep came back to it. None while the box is empty."""
        self.settle()
        return self._last_event

    def _record(self, pending: _Pending) -> UsageEvent | None:
        self._pending = None
        query = pending.query.strip()
        if not query and not pending.filters:
            self._last_event = None
            return None
        key = (
            " ".join(query.split()).casefold(),
            sorted((facet, sorted(values)) for facet, values in pending.filters.items()),
        )
        if key == self._last_recorded:
            return None
        event = self._log.record_search(query, pending.filters, pending.hit_count, pending.outcome)
        self._last_recorded, self._last_event = key, event
        return event


def _edits(before: str, after: str) -> bool:
    a, b = before.strip().casefold(), after.strip().casefold()
    return a.startswith(b) or b.startswith(a)
