"""What a usage event says beyond its kind: what a search found (`SearchOutcome`, kept in its
`detail`), which search a use came from (`SearchLink`), and how much a use weighs and whether
it was engaged (SPEC §3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # read, never imported at run time: usage does not depend on search
    from contentfinder.search.results import SearchResults

# How much a use says about an asset's value, shown in every report that weighs uses: sending
# it to a buyer says most, a glance in the preview least.
USE_WEIGHTS = {"share": 3, "copy": 3, "open": 2, "preview": 1}
ENGAGED_PREVIEW_SECONDS = 10.0  # a preview this long is read, not skimmed past


@dataclass(frozen=True)
class SearchOutcome:
    """What a search found beyond its hit count, as its event's `detail` keeps it (SPEC §3):
    the query as corrected, the concepts no asset mentions, whether any asset matched in full
    (a search with only partial matches is a gap in the library), and the first page's ids."""

    corrected: str | None = None
    missing_concepts: tuple[str, ...] = ()
    full_result: bool = True
    shown: tuple[str, ...] = ()

    def detail(self) -> dict[str, object]:
        return {
            "corrected": self.corrected,
            "missing_concepts": list(self.missing_concepts),
            "full_result": self.full_result,
            "shown": list(self.shown),
        }


def search_outcome(results: SearchResults) -> SearchOutcome:
    return SearchOutcome(
        results.corrected,
        tuple(results.missing),
        results.full_result,
        tuple(hit.id for hit in results.hits),
    )


def full_result_of(detail: Mapping[str, object] | None) -> bool | None:
    """Whether a recorded search had a full match; None for searches recorded before the
    event said so."""
    found = (detail or {}).get("full_result")
    return found if isinstance(found, bool) else None


@dataclass(frozen=True)
class SearchLink:
    """Where a use came from: the recorded search whose results it was picked from, and the
    asset's rank there (1 is the top result)."""

    search_event_id: str
    rank: int | None = None


def is_engaged(kind: str, detail: Mapping[str, object] | None) -> bool:
    """An engaged use: an open, a copy or a share, or a preview looked at for at least
    `ENGAGED_PREVIEW_SECONDS` (its `detail["seconds"]`)."""
    if kind in ("open", "copy", "share"):
        return True
    if kind != "preview":
        return False
    seconds = (detail or {}).get("seconds")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return False  # a preview recorded before its length was kept
    return seconds >= ENGAGED_PREVIEW_SECONDS
