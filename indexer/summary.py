"""What an index run reports: its progress as it goes, and its summary at the end (the
`index --json` contract of SPEC §2)."""

from __future__ import annotations

from dataclasses import dataclass, field

from contentfinder.index.shared_cache import SharedCacheCounts


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    asset_id: str


@dataclass
class IndexSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    extracted: int = 0  # files a reader actually opened (the rest came from the cache)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (asset id, reason)
    # Files indexed with what could be read of them: (asset id, what could not be read).
    partly_read: list[tuple[str, str]] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    catalog_problems: list[str] = field(default_factory=list)
    rebuilt_because: str | None = None
    seconds: float = 0.0
    extraction_seconds: float = 0.0  # CPU seconds, summed over the workers
    writing_seconds: float = 0.0
    shared_cache: SharedCacheCounts | None = None  # None: the run neither read nor wrote one

    def to_json(self) -> dict[str, object]:
        """The `index --json` contract of SPEC §2, and `shared_cache` when a run used one."""
        shared = {"shared_cache": self.shared_cache.to_json()} if self.shared_cache else {}
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": [{"id": i, "reason": r} for i, r in self.failed],
            "partly_read": [{"id": i, "reason": r} for i, r in self.partly_read],
            "unsupported": list(self.unsupported),
            "seconds": round(self.seconds, 3),
            **shared,
        }
