"""The first-seen ledger: the day the index first saw each content, by content hash.

An asset without a catalog `published` date is dated by the day the index first saw its
content (SPEC §1), never by the file's modification time, which a copy to a new share resets.
The index stores that day per asset (`first_seen`), but an index is thrown away whenever its
schema changes or it is found damaged. So the days are kept here too: one small JSON file in
the home's cache folder, beside the text cache, keyed like it by content hash and kept like it
across rebuilds; the index run writes it atomically at each commit, while it holds the writer
lock. A moved, renamed or copied file hashes the same, so it keeps its day; a changed file
keeps its asset id's day, and the ledger learns its new hash with that day.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from contentfinder.files import atomic_write

LEDGER_FILE = "first-seen.json"
_VERSION = 1


class FirstSeenLedger:
    """content hash -> the first day the index saw it; the earliest day wins."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / LEDGER_FILE
        self.days = read_ledger(self.path)
        self._learnt: dict[str, date] = {}  # since the last save

    def day(self, digest: str) -> date | None:
        return self.days.get(digest)

    def learn(self, digest: str, day: date) -> None:
        known = self.days.get(digest)
        if digest and (known is None or day < known):
            self.days[digest] = self._learnt[digest] = day

    def save(self) -> None:
        """Writes what this run learnt, merged into the file as it is now (another run of the
        same home may have written it since this one read it)."""
        if not self._learnt:
            return
        days = read_ledger(self.path)
        for digest, day in self._learnt.items():
            days[digest] = min(day, days.get(digest, day))
        data = {
            "version": _VERSION,
            "first_seen": {digest: day.isoformat() for digest, day in sorted(days.items())},
        }
        atomic_write(self.path, json.dumps(data, separators=(",", ":")) + "\n")
        self.days.update(days)
        self._learnt.clear()


def read_ledger(path: Path) -> dict[str, date]:
    """The ledger's days; empty when it is missing or unreadable (dates then start afresh)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["first_seen"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    days: dict[str, date] = {}
    if isinstance(entries, dict):
        for digest, iso in entries.items():
            try:
                days[str(digest)] = date.fromisoformat(str(iso))
            except ValueError:
                continue
    return days


class FirstSeen:
    """The first-seen day of each asset an index run writes: the day the index holds for its
    id, else the ledger's for its content, else today; the ledger learns it either way."""

    def __init__(
        self,
        ledger: FirstSeenLedger,
        indexed: Iterable[tuple[str, str, date | None]],
        today: date,
    ) -> None:
        """`indexed`: (asset id, content hash, first-seen day) of what the index holds. The
        ledger learns those too, so a lost ledger file is written anew from the index."""
        self.ledger, self.today = ledger, today
        self.by_id: dict[str, date] = {}
        for asset_id, digest, day in indexed:
            if day is not None:
                self.by_id[asset_id] = day
                ledger.learn(digest, day)

    def day_for(self, asset_id: str, digest: str) -> date:
        day = self.by_id.get(asset_id) or self.ledger.day(digest) or self.today
        self.ledger.learn(digest, day)
        self.by_id[asset_id] = day
        return day
