"""Sending the local usage log to the central store, exactly once, however a sync is
interrupted or repeated: events go in batches in `seq` order, and the watermark (the last
`seq` the target holds) moves only after the target has the whole batch. The targets, a
shared folder and a database, each make a batch sent twice count once (see their modules).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from contentfinder.usage.events import UsageEvent
from contentfinder.usage.log import UsageLog
from contentfinder.usage.sync_database import DatabaseTarget
from contentfinder.usage.sync_folder import FolderTarget
from contentfinder.usage.targets import FolderAddress, SyncError, parse_address

# SyncError is raised by every target.
__all__ = [
    "BATCH_SIZE",
    "DatabaseTarget",
    "FolderTarget",
    "SyncError",
    "SyncResult",
    "Target",
    "open_target",
    "redacted",
    "sync",
]

BATCH_SIZE = 500


@dataclass(frozen=True)
class SyncResult:
    target: str
    sent: int  # events the target did not have before
    batches: int
    waiting: int  # events still waiting (0 after a complete sync)
    seconds: float


class Target(Protocol):
    key: str  # what the watermark is kept under: the target, normalised

    def has_through(self, device_id: str) -> int:
        """The highest seq of this device the target is known to hold whole (0: unknown)."""
        ...

    def send(self, events: Sequence[UsageEvent], sender: str | None = None) -> int:
        """Stores the batch of the log of device `sender` (its events may be other devices',
        imported); returns how many events were new. Raises SyncError."""
        ...

    def close(self) -> None: ...


def open_target(where: str) -> Target:
    """The folder or database `where` names (see `targets.parse_address`). Raises SyncError."""
    address = parse_address(where)
    if isinstance(address, FolderAddress):
        return FolderTarget(address.path)
    return DatabaseTarget(address)


def sync(
    log: UsageLog,
    target: Target,
    *,
    redact_queries: bool = False,
    batch_size: int = BATCH_SIZE,
) -> SyncResult:
    started = time.perf_counter()
    device = log.identity.device_id
    watermark = max(log.sent_seq(target.key), target.has_through(device))
    sent = batches = 0
    while True:
        batch = log.events_after(watermark, limit=batch_size)
        if not batch:
            break
        outgoing = [redacted(e) for e in batch] if redact_queries else batch
        sent += target.send(outgoing, sender=device)
        watermark = batch[-1].seq
        log.mark_sent(target.key, watermark)
        batches += 1
    if not batches:
        log.mark_sent(target.key, watermark)  # nothing new: still a successful sync
    waiting, _ = log.sync_status(target.key)
    return SyncResult(target.key, sent, batches, waiting, time.perf_counter() - started)


def redacted(event: UsageEvent) -> UsageEvent:
    """The event with its search text hashed, and its corrected query: reports can still
    group equal searches. The words no asset mentions are left out: one word, hashed alone,
    is found again by hashing a dictionary. A note to marketing is left out too (free text
    says what the search said); that the rep told marketing still goes."""
    detail = event.detail
    if event.kind == "feedback" and detail and detail.get("message"):
        detail = {**detail, "message": "", "message_withheld": True}
    if not event.query:
        return replace(event, detail=detail)
    if event.kind == "search" and detail:
        detail = dict(detail)
        if detail.get("corrected"):
            detail["corrected"] = _hashed(str(detail["corrected"]))
        if "missing_concepts" in detail:
            detail["missing_concepts"] = []
    return replace(event, query=_hashed(event.query), detail=detail)


def _hashed(text: str) -> str:
    digest = hashlib.sha256(" ".join(text.casefold().split()).encode()).hexdigest()
    return f"sha256:{digest[:32]}"
