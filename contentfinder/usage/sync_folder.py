"""The central store as a shared folder (SPEC §3): `events/<device_id>/<first>-<last>.jsonl`,
one batch per file named by its `seq` range, one event per line. Writing a batch (the sync's
folder target) and reading every device's batches back (the reports).

A batch appears whole or not at all, and once: it is written to a temporary name and renamed,
never over a name already taken. A device's batch names are also the watermark's truth, so a
sync killed between the rename and the watermark update does not write those events again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby
from pathlib import Path

from contentfinder.files import atomic_write
from contentfinder.usage.events import REQUIRED_FIELDS, UsageEvent, parse_time, to_record
from contentfinder.usage.targets import SyncError

BATCH_NAME = re.compile(r"^(\d{12})-(\d{12})\.jsonl$")
# A batch's lines run oldest to newest (batches written before that was so ran in the order
# they were recorded): only a clock set back by more than this could make its last line lie.
CLOCK_SLACK = timedelta(hours=1)
_TAIL_BYTES = 16_384  # enough for a batch's last line; a longer one means reading it all


def batch_name(events: Sequence[UsageEvent]) -> str:
    return f"{events[0].seq:012d}-{events[-1].seq:012d}.jsonl"


@dataclass
class FolderTarget:
    root: Path
    key: str = ""  # what the watermark is kept under

    def __post_init__(self) -> None:
        self.key = f"folder:{self.root.resolve()}"

    def _device_folder(self, device_id: str) -> Path:
        return self.root / "events" / device_id

    def has_through(self, device_id: str) -> int:
        """The highest seq of this device in the folder, from the batch names (0: none)."""
        folder = self._device_folder(device_id)
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return 0
        except OSError as exc:
            raise SyncError(f"{folder}: cannot read the shared folder ({exc.strerror})") from exc
        return max((int(m.group(2)) for m in map(BATCH_NAME.match, names) if m), default=0)

    def send(self, events: Sequence[UsageEvent], sender: str | None = None) -> int:
        """Writes the batch under the folder of `sender`, the device whose log it comes from
        (default: its first event's): events imported into that log may be other devices',
        and a batch under their folder would claim their `seq` numbers. The lines run oldest
        to newest, so that a batch's last line says how recent it is (see `read_folder`)."""
        folder = self._device_folder(sender or events[0].device_id)
        in_time = sorted(events, key=lambda e: e.occurred_at)
        lines = "".join(json.dumps(to_record(e), ensure_ascii=False) + "\n" for e in in_time)
        try:
            # A name taken means this batch was sent before.
            if not atomic_write(folder / batch_name(events), lines, replace=False):
                return 0
        except OSError as exc:
            raise SyncError(
                f"{folder}: cannot write to the shared folder ({exc.strerror})"
            ) from exc
        return len(events)

    def close(self) -> None:
        pass


@dataclass
class FolderContents:
    events: list[dict[str, object]] = field(default_factory=list)  # each event once
    problems: list[str] = field(default_factory=list)  # files skipped, and why
    batches_skipped: int = 0  # whole batches older than `since`, not read


def read_folder(root: Path, *, since: datetime | None = None) -> FolderContents:
    """Every device's batches merged, each event once; only events that occurred at or after
    `since` (aware) when it is given, the batches wholly before it (by their last line) not
    even read. Anything that is not a whole batch (a foreign file, a damaged line) is
    reported and skipped."""
    contents = FolderContents()
    seen: set[str] = set()
    for _device, paths in groupby(_batch_files(root / "events", contents), key=_parent):
        batches = list(paths)
        if since is not None:
            # Each batch's tail, not a bisection: events imported into a log (backdated
            # history) make a later batch older than the ones before it.
            reaching = [path for path in batches if _reaches(path, since - CLOCK_SLACK)]
            contents.batches_skipped += len(batches) - len(reaching)
            batches = reaching
        for path in batches:
            for record in _events_of(path, contents.problems):
                if since is not None and parse_time(record["occurred_at"]) < since:
                    continue
                if record["event_id"] not in seen:
                    seen.add(record["event_id"])
                    contents.events.append(record)
    return contents


def _batch_files(events_root: Path, contents: FolderContents) -> Iterator[Path]:
    """The batch files, by device and then `seq` (the names are zero-padded)."""
    for path in sorted(events_root.glob("*/*")):
        if path.name.startswith("."):
            continue  # a batch still being written (or left by a killed writer)
        if not BATCH_NAME.match(path.name):
            contents.problems.append(f"{path}: not a batch of usage events; skipped")
            continue
        yield path


def _parent(path: Path) -> Path:
    return path.parent


def _reaches(path: Path, limit: datetime) -> bool:
    """Whether the batch's last event is at or after `limit`; True when that cannot be told
    from its last line (the batch is then read whole, its problems reported)."""
    try:
        with path.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - _TAIL_BYTES))
            tail = file.read().decode("utf-8", errors="replace").rstrip("\n")
        lines = tail.split("\n")
        if len(lines) < 2 and size > _TAIL_BYTES:
            return True  # the last line does not fit in the tail
        return parse_time(json.loads(lines[-1])["occurred_at"]) >= limit
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return True


def _events_of(path: Path, problems: list[str]) -> Iterator[dict]:
    """The batch's usage events; a line that is not one is reported and skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read ({exc}); skipped")
        return
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"{path}, line {number}: not JSON; skipped")
            continue
        if not isinstance(record, dict) or not _is_event(record):
            problems.append(f"{path}, line {number}: not a usage event; skipped")
            continue
        yield record


def _is_event(record: dict) -> bool:
    if not isinstance(record.get("event_id"), str) or not all(f in record for f in REQUIRED_FIELDS):
        return False
    try:
        parse_time(record["occurred_at"])
    except (TypeError, ValueError, AttributeError):
        return False
    return True
