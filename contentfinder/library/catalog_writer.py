"""Changing `catalog.csv` without losing anything: every other row and column (even ones this
version does not know) stays as it was, the file is replaced whole (a kill leaves the old or
the new catalog, never half of one), Excel reads it (UTF-8 with BOM), and two marketers
publishing into one network folder at once do not lose each other's rows (a lock file next to
the catalog, the catalog re-read under it, a stale lock from a killed process recovered).
"""

from __future__ import annotations

import csv
import io
import os
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
    lock = library / LOCK_FILE
    deadline = time.monotonic() + wait
    while True:
        try:
            descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if _stale(lock):
                _break(lock)
                continue
            if time.monotonic() > deadline:
                holder = _read_holder(lock)
                raise CatalogBusy(
                    f"{library / CATALOG_FILE}: another publisher ({holder}) is writing it; "
                    "try again in a moment"
                ) from None
            time.sleep(0.05)
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(f"{socket.gethostname()} {os.getpid()} {time.time():.0f}\n")
        break
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def update_catalog(library: Path, change: Callable[[CatalogRows], None]) -> None:
    """Re-reads the catalog under the lock, applies `change`, and replaces the file whole."""
    with catalog_lock(library):
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


def _stale(lock: Path) -> bool:
    try:
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return False
    holder = _read_holder(lock).split()
    if len(holder) >= 2 and holder[0] == socket.gethostname() and holder[1].isdigit():
        try:
            os.kill(int(holder[1]), 0)
        except ProcessLookupError:
            return True  # its process is gone from this machine
        except PermissionError:
            pass
    return age > STALE_LOCK_SECONDS


def _break(lock: Path) -> None:
    """Removes a stale lock; of two publishers breaking it at once, one rename wins."""
    aside = lock.with_name(f"{lock.name}.stale.{os.getpid()}")
    try:
        os.replace(lock, aside)
    except FileNotFoundError:
        return
    aside.unlink(missing_ok=True)


def _read_holder(lock: Path) -> str:
    try:
        return lock.read_text(encoding="utf-8").strip() or "unknown"
    except OSError:
        return "unknown"
