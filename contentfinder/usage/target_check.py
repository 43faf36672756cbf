"""Whether a sync target can be used, asked before it is saved: a folder must exist and take a
file, a database must connect and hold (or take) the central tables. A sync target that is
saved unchecked fails later, quietly, while usage piles up on this computer.

The targets are opened the one way the sync opens them (`sync.open_target`). Each answer is a
value naming the target and the cause in words a rep can act on, never an exception.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from contentfinder.usage.sync import open_target
from contentfinder.usage.sync_database import DatabaseTarget
from contentfinder.usage.targets import FolderAddress, SyncError, mask_password, parse_address

# A driver's words -> what they mean for the rep (the driver's line follows, for whoever helps).
_UNKNOWN_NAME = "the server's name is not known: mistyped, or not on the company network?"
_NO_ANSWER = "the server did not answer: offline, or a firewall in the way?"
_UNREACHABLE = "the server cannot be reached from here: network or VPN?"
_REFUSED = "the user name or password was refused"
_CAUSES = (
    ("could not translate host name", _UNKNOWN_NAME),
    ("name or service not known", _UNKNOWN_NAME),
    ("nodename nor servname", _UNKNOWN_NAME),
    ("connection refused", "nothing answers at that address and port: is the server "
     "running, is the port right?"),
    ("no such file or directory", "no server answers there: is it running, is the port "
     "right?"),
    ("timeout expired", _NO_ANSWER),
    ("timed out", _NO_ANSWER),
    ("no route to host", _UNREACHABLE),
    ("network is unreachable", _UNREACHABLE),
    ("password authentication failed", _REFUSED),
    ("authentication failed", _REFUSED),
    ("no password supplied", "the server wants a password and the URL has none"),
    ("does not exist", "the server has no such database or user"),
    ("unable to open database file", "the database file cannot be opened or created there: "
     "does its folder exist?"),
)  # fmt: skip


@dataclass(frozen=True)
class TargetCheck:
    where: str  # as typed
    problem: str = ""  # empty: usable
    missing_folder: Path | None = None  # it does not exist but its parent does: may be made

    @property
    def ok(self) -> bool:
        return not self.problem


def check_target(where: str) -> TargetCheck:
    """Whether usage can be sent to `where` (a folder, file:// or database URL)."""
    try:
        address = parse_address(where)
    except SyncError as exc:
        return TargetCheck(where, str(exc))
    if isinstance(address, FolderAddress):
        return _check_folder(where, address.path)
    return _check_database(where)


def create_target_folder(where: str) -> TargetCheck:
    """Makes the folder `where` names (its parent must exist: a mistyped share's parent
    usually does not), then checks it as `check_target` does."""
    address = parse_address(where)
    if not isinstance(address, FolderAddress):
        return TargetCheck(where, f"{mask_password(where)} is not a folder")
    try:
        address.path.mkdir()
    except FileExistsError:
        pass
    except OSError as exc:
        return TargetCheck(where, f"{address.path}: cannot create it ({exc.strerror or exc})")
    return check_target(where)


def _check_folder(where: str, path: Path) -> TargetCheck:
    if not path.is_absolute():
        return TargetCheck(where, f"{path}: give the folder's full path, not a relative one")
    if path.is_dir():
        return _writable(where, path)
    if path.exists():
        return TargetCheck(where, f"{path} is a file, not a folder")
    if path.parent.is_dir():
        return TargetCheck(where, f"{path} does not exist", missing_folder=path)
    return TargetCheck(
        where,
        f"{path} does not exist, nor does {path.parent} (a network share that is not "
        "connected, or a typing mistake?)",
    )


def _writable(where: str, path: Path) -> TargetCheck:
    """A file really written and removed: permission bits say little on a network share."""
    try:
        handle, name = tempfile.mkstemp(dir=path, prefix=".contentfinder-check-")
        os.close(handle)
        os.unlink(name)
    except OSError as exc:
        return TargetCheck(where, f"{path}: cannot write there ({exc.strerror or exc})")
    return TargetCheck(where)


def _check_database(where: str) -> TargetCheck:
    try:
        target = open_target(where)
    except SyncError as exc:
        return TargetCheck(where, str(exc))
    try:
        if isinstance(target, DatabaseTarget):
            target.ensure_schema()  # what the first sync does: connects, and may it write?
    except SyncError as exc:
        return TargetCheck(where, _database_problem(where, exc))
    finally:
        target.close()
    return TargetCheck(where)


def _database_problem(where: str, exc: SyncError) -> str:
    shown = mask_password(where)
    cause = exc.__cause__
    if cause is None:
        return str(exc)  # ours: a store made by a newer contentfinder
    line = mask_password(str(getattr(cause, "orig", None) or cause).strip().splitlines()[0])
    lowered = line.casefold()
    for words, meaning in _CAUSES:
        if words in lowered:
            return f"{shown}: cannot connect: {meaning}\nThe database said: {line}"
    return f"{shown}: cannot use the database\nThe database said: {line}"
