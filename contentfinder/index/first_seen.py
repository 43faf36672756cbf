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
import re
import time
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from contentfinder.files import atomic_write

LEDGER_FILE = "first-seen.json"
_VERSION = 1
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Writing the ledger of a large library takes a while (100,000 contents: 0.4 s, 5.5 MB),
# so a run writes it at most this often, and at its end. A run killed in between loses nothing:
# the days are in the index too, and the next run writes them into the ledger.
SAVE_EVERY_SECONDS = 60.0


class FirstSeenLedger:
    """content hash -> the first day the index saw it; the earliest day wins. Days are kept
    as ISO strings, which sort as the days do (a large ledger loads without parsing each).

    The file is read only when a day is asked for or saved (an index run that changes ten
    files of a large library asks for none: their ids have days in the index), and written
    only when what the run learnt changes it."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / LEDGER_FILE
        self._days: dict[str, str] | None = None  # the file's, once read
        self._learnt: dict[str, str] = {}  # since the last save
        self._later: list[tuple[str, date]] = []  # to learn when asked (see `learn_later`)
        self._saved = time.monotonic()

    def learn_later(self, days: Iterable[tuple[str, date]]) -> None:
        """Learns these (content hash, day) pairs, but only when a day is asked for or the
        ledger saved: an index run passes every day the index holds (50,000 at a large
        library), and one that changes ten files asks for none of them."""
        self._later.extend(days)

    def _learn_pending(self) -> None:
        later, self._later = self._later, []
        for digest, day in later:
            self.learn(digest, day)

    def day(self, digest: str) -> date | None:
        self._learn_pending()
        iso = min(filter(None, (self._learnt.get(digest), self._known().get(digest))), default="")
        return _date(iso) if iso else None

    def learn(self, digest: str, day: date) -> None:
        if not digest:
            return
        iso = _iso(day)
        known = self._learnt.get(digest)
        if self._days is not None:
            known = min(filter(None, (known, self._days.get(digest))), default=None)
        if known is None or iso < known:
            self._learnt[digest] = iso

    def save(self, *, unless_saved_within: float = 0.0) -> None:
        """Writes what this run learnt, merged into the file as it is now (another run of the
        same home may have written it since this one read it)."""
        if not (self._learnt or self._later):
            return
        if time.monotonic() - self._saved < unless_saved_within:
            return
        days = _read(self.path)
        changed = False
        later, self._later = self._later, []
        for digest, day in later:  # as `learn` would, against the file as it is now
            if not digest:
                continue
            iso = _iso(day)
            known = days.get(digest)
            if known is None or iso < known:
                days[digest] = iso
                changed = True
        for digest, iso in self._learnt.items():
            known = days.get(digest)
            if known is None or iso < known:
                days[digest] = iso
                changed = True
        if changed:
            data = {"version": _VERSION, "first_seen": dict(sorted(days.items()))}
            atomic_write(self.path, json.dumps(data, separators=(",", ":")) + "\n")
        self._days = days
        self._learnt.clear()
        self._saved = time.monotonic()

    def _known(self) -> dict[str, str]:
        if self._days is None:
            self._days = _read(self.path)
        return self._days


@lru_cache(maxsize=4096)
def _iso(day: date) -> str:
    return day.isoformat()


@lru_cache(maxsize=4096)
def _date(iso: str) -> date:
    return date.fromisoformat(iso)


def read_ledger(path: Path) -> dict[str, date]:
    """The ledger's days; empty when it is missing or unreadable (dates then start afresh)."""
    return {digest: _date(iso) for digest, iso in _read(path).items()}


def _read(path: Path) -> dict[str, str]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["first_seen"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {
        str(digest): iso
        for digest, iso in entries.items()
        if isinstance(iso, str) and _ISO_DAY.fullmatch(iso)
    }


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
        rows = [row for row in indexed if row[2] is not None]
        self.by_id: dict[str, date] = {asset_id: day for asset_id, _, day in rows}
        ledger.learn_later((digest, day) for _, digest, day in rows)

    def day_for(self, asset_id: str, digest: str) -> date:
        day = self.by_id.get(asset_id) or self.ledger.day(digest) or self.today
        self.ledger.learn(digest, day)
        self.by_id[asset_id] = day
        return day
