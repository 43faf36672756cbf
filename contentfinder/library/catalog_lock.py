"""The catalog lock: one publisher at a time changes a library's `catalog.csv`, on this
machine or another, over whatever share holds the library.

Why a folder. The lock is taken by creating the folder `.catalog.csv.lock` (`os.mkdir`),
because making a folder is atomic at the server on everything a library lives on: a local
disk, SMB 1 to 3 (a directory CREATE with FILE_CREATE is decided by the server), every NFS
version, and FUSE mounts. An exclusive file create (O_EXCL), which the lock used before, is
not: NFSv2 (and older NFSv3 clients) and some FUSE and SMB client set-ups emulate it as "look,
then create", so two publishers could both win (why mkdir locks exist at all).
Hard links, the other classic, do not exist on FAT or many shares, and OS byte-range locks
(fcntl, msvcrt) are dropped or not forwarded by several SMB and NFS set-ups. No lock holds
across a sync client's folder (OneDrive, Dropbox): each machine has its own copy until later.

Who holds it. Inside the folder, `owner` says the holder's host, process id, start time and a
random part. A lock is stale when its holder is a process of this machine that has ended, or
when it is older than STALE_LOCK_SECONDS (a holder on another machine, or an owner file not yet
written by a publisher killed between the two steps: judged by the folder's age).

Taking over. Any lock, the holder's own included, is removed only by whoever first claims that
very lock (its owner line and time) by creating a claim folder named after it in
CLAIMS_FOLDER, again with mkdir. So of two publishers judging one lock stale, only one removes
it, and neither removes the lock the other makes after it. The lock is removed by renaming it
into its claim (the name is free at once), else file by file.

A lock that is a file is one an older version made: it is honoured and taken over the same
way, and such versions cannot create their file while the folder exists.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import socket
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from contentfinder.library.catalog import CATALOG_FILE
from contentfinder.portability.processes import process_alive

LOCK_FILE = ".catalog.csv.lock"  # a folder; hidden: the library scan skips it
OWNER_FILE = "owner"
STALE_LOCK_SECONDS = 120  # a lock this old is a killed publisher's
WAIT_SECONDS = 30.0
CLAIMS_FOLDER = ".catalog.csv.claims"  # "this lock is being removed" folders
CLAIMS_KEPT_SECONDS = 3600
# On Windows a file another process has open (a publisher reading the owner line) cannot be
# removed or moved for that moment.
REMOVE_RETRY_SECONDS = 2.0


class CatalogBusy(RuntimeError):
    """Another publisher holds the catalog for longer than we wait."""


@contextmanager
def catalog_lock(library: Path, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Holds the library's catalog lock. Raises CatalogBusy, naming the holder, when it stays
    held for longer than `wait` seconds."""
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


def lock_holder(library: Path) -> str | None:
    """The owner line of the library's catalog lock ("host pid time random"), "" while it is
    being made, None when nobody holds it."""
    seen = _look(library / LOCK_FILE)
    return None if seen is None else seen.token


@dataclass(frozen=True)
class _Seen:
    """One lock as it was seen: its owner's line and the time of its owner file (or of the
    folder, while that has none): the one lock, told from any other, since the line ends in a
    random part."""

    token: str
    mtime_ns: int

    @property
    def claim_name(self) -> str:
        return hashlib.sha1(f"{self.token}|{self.mtime_ns}".encode()).hexdigest()[:16]


def _create(lock: Path, token: str) -> bool:
    try:
        os.mkdir(lock)
    except FileExistsError:
        return False
    # Written in place, not renamed in: a looker meanwhile sees a folder without an owner,
    # which is judged by the folder's age, and this publisher's own release claims the lock as
    # it is once the line is written.
    try:
        with open(lock / OWNER_FILE, "x", encoding="utf-8") as stream:
            stream.write(token + "\n")
    except BaseException:
        shutil.rmtree(lock, ignore_errors=True)  # ours, and nobody else's yet: not a lock left
        raise
    return True


def _look(lock: Path) -> _Seen | None:
    """The lock's owner line and time; None when there is no lock."""
    try:
        info = os.stat(lock)
    except FileNotFoundError:
        return None
    except OSError:
        return _Seen("", 0)  # unreadable: judged by nothing, so never stale; waited for
    if not stat.S_ISDIR(info.st_mode):
        return _read_owner(lock) or _Seen("", 0)  # an older version's lock file
    seen = _read_owner(lock / OWNER_FILE)
    if seen is None:
        return _Seen("", info.st_mtime_ns)  # being made, or being removed
    return seen


def _read_owner(owner: Path) -> _Seen | None:
    """The line and time of an owner file, read through one descriptor so that both are of
    one file; None when it is not there."""
    try:
        descriptor = os.open(owner, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError:
        return _Seen("", 0)
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
        if process_alive(int(holder[1])) is False:
            return True  # its process is gone from this machine
    return seen.mtime_ns > 0 and time.time() - seen.mtime_ns / 1e9 > STALE_LOCK_SECONDS


def _remove_if_unchanged(lock: Path, seen: _Seen) -> bool:
    """Removes the lock if it is still the one `seen`, and only if nobody claimed it first;
    False when someone did (another publisher is removing it, or has)."""
    claims = lock.with_name(CLAIMS_FOLDER)
    claims.mkdir(exist_ok=True)
    claim = claims / seen.claim_name
    try:
        os.mkdir(claim)
    except FileExistsError:
        return False  # not ours to touch
    # Claimed: nobody else may remove this lock now, so if it is still there, it stays there.
    if _look(lock) == seen:
        _retrying(lambda: _discard(lock, claim))
    return True


def _discard(lock: Path, claim: Path) -> None:
    if not lock.is_dir():
        lock.unlink(missing_ok=True)
        return
    moved = claim / "lock"
    try:
        os.rename(lock, moved)  # the name is free at once
    except OSError:
        # A share that will not move a folder: file by file. Nobody else removes it meanwhile
        # (it is claimed), and nobody can make a lock while the folder is there.
        (lock / OWNER_FILE).unlink(missing_ok=True)
        lock.rmdir()
        return
    shutil.rmtree(moved, ignore_errors=True)


def _retrying(action: Callable[[], None]) -> None:
    deadline = time.monotonic() + REMOVE_RETRY_SECONDS
    while True:
        try:
            action()
            return
        except FileNotFoundError:
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _forget_old_claims(library: Path) -> None:
    """Claims are kept long enough that a publisher paused mid-takeover finds its lock's claim
    taken; after that they are clutter."""
    try:
        claims = list((library / CLAIMS_FOLDER).iterdir())
    except OSError:
        return
    for claim in claims:
        try:
            if time.time() - claim.stat().st_mtime <= CLAIMS_KEPT_SECONDS:
                continue
            if claim.is_dir():
                shutil.rmtree(claim)
            else:
                claim.unlink()  # an older version's claim file
        except OSError:
            pass
