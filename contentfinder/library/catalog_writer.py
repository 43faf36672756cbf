"""Changing `catalog.csv` without losing anything: every other row and column (even ones this
version does not know) stays as it was, the file is replaced whole (a kill leaves the old or
the new catalog, never half of one), Excel reads it (UTF-8 with BOM), and two marketers
publishing into one network folder at once do not lose each other's rows (a lock file next to
the catalog, the catalog re-read under it, a killed publisher's lock taken over by exactly one
of those waiting: see `catalog_lock`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import secrets
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from contentfinder.files import atomic_write
from contentfinder.library.catalog import CATALOG_FILE
from contentfinder.text import fold

LOCK_FILE = ".catalog.csv.lock"  # hidden: the library scan skips it
STALE_LOCK_SECONDS = 120  # a lock this old is a killed publisher's
WAIT_SECONDS = 30.0
CLAIMS_FOLDER = ".catalog.csv.claims"  # "this lock is being removed" files (see catalog_lock)
CLAIMS_KEPT_SECONDS = 3600


class CatalogBusy(RuntimeError):
    """Another publisher holds the catalog for longer than we wait."""


@dataclass
class CatalogRows:
    header: list[str] = field(default_factory=lambda: ["path"])
    rows: list[list[str]] = field(default_factory=list)

    def column(self, name: str) -> int:
        """The index of a column (by folded name), added at the end when missing."""
        wanted = fold(name).replace(" ", "_")
        for index, cell in enumerate(self.header):
            if fold(cell).replace(" ", "_") == wanted:
                return index
        self.header.append(name)
        return len(self.header) - 1

    def set(self, asset_id: str, values: dict[str, str]) -> None:
        """The asset's row (made when missing) with these cells set; other cells kept."""
        path_column = self.column("path")
        row = next(
            (
                r
                for r in self.rows
                if len(r) > path_column and fold(r[path_column]) == fold(asset_id)
            ),
            None,
        )
        if row is None:
            row = [""] * len(self.header)
            row[path_column] = asset_id
            self.rows.append(row)
        for name, value in values.items():
            index = self.column(name)
            while len(row) <= index:
                row.append("")
            row[index] = value


@contextmanager
def catalog_lock(library: Path, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Holds the library's catalog lock: one publisher at a time, on this machine or another.
    Raises CatalogBusy, naming the holder, when it stays held for longer than `wait` seconds.

    The lock is a file made with an exclusive create. A lock whose publisher has gone (its
    process has ended, or it is older than STALE_LOCK_SECONDS) is taken over; any lock is
    removed only by whoever first claims that very lock (its owner's line and time) with an
    exclusive create of a claim file named after it, in CLAIMS_FOLDER. So of two publishers
    judging one lock stale, only one removes it, and neither removes the lock the other makes.
    """
    lock = library / LOCK_FILE
    token = f"{socket.gethostname()} {os.getpid()} {time.time():.0f} {secrets.token_hex(6)}"
    deadline = time.monotonic() + wait
    while not _create(lock, token):
        seen = _look(lock)
        if seen is None:
            continue  # released meanwhile
        if _stale(seen) and _remove_if_unchanged(lock, seen):
            continue
        if time.monotonic() > deadline:
            _forget_old_claims(library)
            holder = " ".join(seen.token.split()[:2]) or "unknown"
            raise CatalogBusy(
                f"{library / CATALOG_FILE}: another publisher ({holder}) is writing it; "
                "try again in a moment"
            )
        time.sleep(0.05)
    try:
        yield
    finally:
        seen = _look(lock)
        if seen is not None and seen.token == token:  # not taken over as stale meanwhile
            _remove_if_unchanged(lock, seen)
        _forget_old_claims(library)


def update_catalog(library: Path, change: Callable[[CatalogRows], None]) -> None:
    """Re-reads the catalog under the lock, applies `change`, and replaces the file whole."""
    with catalog_lock(library):
        rewrite_catalog(library, change)


def rewrite_catalog(library: Path, change: Callable[[CatalogRows], None]) -> None:
    """`update_catalog` for a caller that holds the catalog lock already."""
    rows = read_rows(library)
    change(rows)
    write_rows(library, rows)


def read_rows(library: Path) -> CatalogRows:
    path = library / CATALOG_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return CatalogRows()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's plain "CSV"
    lines = list(csv.reader(io.StringIO(text, newline="")))
    if not lines:
        return CatalogRows()
    return CatalogRows(header=lines[0], rows=lines[1:])


def write_rows(library: Path, rows: CatalogRows) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(rows.header)
    width = len(rows.header)
    for row in rows.rows:
        writer.writerow(row + [""] * (width - len(row)))
    data = "\ufeff" + buffer.getvalue()
    atomic_write(library / CATALOG_FILE, data)


@dataclass(frozen=True)
class _Seen:
    """One lock as it was seen: its owner's line and its modification time (the one lock,
    told from any other: the line ends in a random part)."""

    token: str
    mtime_ns: int

    @property
    def claim_name(self) -> str:
        return hashlib.sha1(f"{self.token}|{self.mtime_ns}".encode()).hexdigest()[:16]


def _create(lock: Path, token: str) -> bool:
    try:
        descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(token + "\n")
    return True


def _look(lock: Path) -> _Seen | None:
    """The lock's line and time, read through one descriptor so that both are of one file."""
    try:
        descriptor = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError:
        return _Seen("", 0)  # unreadable: judged by nothing, so never stale; waited for
    try:
        with os.fdopen(descriptor, "rb") as stream:
            mtime_ns = os.fstat(stream.fileno()).st_mtime_ns
            token = stream.read(200).decode("utf-8", errors="replace").strip()
    except OSError:
        return _Seen("", 0)
    return _Seen(token, mtime_ns)


def _stale(seen: _Seen) -> bool:
    holder = seen.token.split()
    if len(holder) >= 2 and holder[0] == socket.gethostname() and holder[1].isdigit():
        try:
            os.kill(int(holder[1]), 0)
        except ProcessLookupError:
            return True  # its process is gone from this machine
        except OSError:
            pass  # alive, or not ours to ask (Windows, another user): judged by its age
    return seen.mtime_ns > 0 and time.time() - seen.mtime_ns / 1e9 > STALE_LOCK_SECONDS


def _remove_if_unchanged(lock: Path, seen: _Seen) -> bool:
    """Removes the lock if it is still the one `seen`, and only if nobody claimed it first;
    False when someone did (another publisher is removing it, or has)."""
    claims = lock.with_name(CLAIMS_FOLDER)
    claims.mkdir(exist_ok=True)
    try:
        os.close(os.open(claims / seen.claim_name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False  # not ours to touch
    # Claimed: nobody else may remove this lock now, so if it is still there, it stays there.
    if _look(lock) == seen:
        lock.unlink(missing_ok=True)
    return True


def _forget_old_claims(library: Path) -> None:
    """Claims are kept long enough that a publisher paused mid-takeover finds its lock's claim
    taken; after that they are clutter."""
    try:
        claims = list((library / CLAIMS_FOLDER).iterdir())
    except OSError:
        return
    for claim in claims:
        try:
            if time.time() - claim.stat().st_mtime > CLAIMS_KEPT_SECONDS:
                claim.unlink()
        except OSError:
            pass
