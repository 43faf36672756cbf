"""The catalog lock with real threads and processes on real files: one holder at a time, even
when several take over a killed publisher's lock at once, when processes contend, and when the
file system does not honour O_EXCL (some SMB and NFS clients); a live holder's lock never
broken; an older version's lock file honoured; a share that will not move a folder."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from contentfinder.library import catalog_lock as lock_module
from contentfinder.library.catalog_lock import (
    CLAIMS_FOLDER,
    LOCK_FILE,
    OWNER_FILE,
    STALE_LOCK_SECONDS,
    CatalogBusy,
    catalog_lock,
    lock_holder,
)
from tests.conftest import REPO

PUBLISHERS = 6
ROUNDS = 12


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The pid of a process that has been killed: its lock is a stale one."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    return child.pid


def contend(folder: Path, *, rounds: int, stale_lock: object = None) -> list[int]:
    """PUBLISHERS threads at a time take the lock, `rounds` times; the rounds in which two held
    it at once. `stale_lock(folder)` leaves a killed publisher's lock before each round."""
    holders, overlaps, failures = [], [], []
    guard = threading.Lock()

    def publisher(barrier: threading.Barrier, round_number: int) -> None:
        try:
            barrier.wait()
            with catalog_lock(folder, wait=20):
                with guard:
                    holders.append(threading.get_ident())
                    if len(holders) > 1:
                        overlaps.append(round_number)
                time.sleep(0.002)
                with guard:
                    holders.remove(threading.get_ident())
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    for round_number in range(rounds):
        if stale_lock is not None:
            stale_lock(folder)  # type: ignore[operator]
        barrier = threading.Barrier(PUBLISHERS)
        threads = [
            threading.Thread(target=publisher, args=(barrier, round_number))
            for _ in range(PUBLISHERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert failures == []
    return overlaps


def test_the_lock_is_a_folder_naming_its_holder(tmp_path: Path) -> None:
    with catalog_lock(tmp_path):
        assert (tmp_path / LOCK_FILE).is_dir()
        host, pid, *_ = lock_holder(tmp_path).split()
        assert (host, int(pid)) == (socket.gethostname(), os.getpid())
    assert lock_holder(tmp_path) is None and not (tmp_path / LOCK_FILE).exists()


def test_publishers_taking_over_a_stale_lock_at_once_never_hold_it_together(
    tmp_path: Path, dead_pid: int
) -> None:
    def killed_publishers_folder(folder: Path) -> None:
        (folder / LOCK_FILE).mkdir()
        (folder / LOCK_FILE / OWNER_FILE).write_text(f"{socket.gethostname()} {dead_pid} 0 x\n")

    overlaps = contend(tmp_path, rounds=ROUNDS, stale_lock=killed_publishers_folder)
    assert overlaps == [], f"two publishers held the lock at once in rounds {overlaps}"
    assert not (tmp_path / LOCK_FILE).exists()


def test_an_older_versions_lock_file_is_taken_over_by_one_publisher_at_a_time(
    tmp_path: Path, dead_pid: int
) -> None:
    def killed_publishers_file(folder: Path) -> None:
        (folder / LOCK_FILE).write_text(f"{socket.gethostname()} {dead_pid} 0\n")

    overlaps = contend(tmp_path, rounds=4, stale_lock=killed_publishers_file)
    assert overlaps == [], f"two publishers held the lock at once in rounds {overlaps}"
    assert not (tmp_path / LOCK_FILE).exists()


def test_without_o_excl_honoured_the_lock_still_excludes(
    tmp_path: Path, dead_pid: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A share client that emulates an exclusive create by "look, then create": O_EXCL
    silently ignored. The lock does not rely on it."""
    real_open = os.open

    def open_ignoring_excl(path, flags, *args, **kwargs):  # noqa: ANN001, ANN202
        return real_open(path, flags & ~os.O_EXCL, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_ignoring_excl)

    def killed_publishers_folder(folder: Path) -> None:
        (folder / LOCK_FILE).mkdir()
        (folder / LOCK_FILE / OWNER_FILE).write_text(f"{socket.gethostname()} {dead_pid} 0 x\n")

    overlaps = contend(tmp_path, rounds=6, stale_lock=killed_publishers_folder)
    overlaps += contend(tmp_path, rounds=6)
    assert overlaps == [], f"two publishers held the lock at once in rounds {overlaps}"


COUNT = """
import sys
from pathlib import Path
from contentfinder.library.catalog_lock import catalog_lock
folder, rounds = Path(sys.argv[1]), int(sys.argv[2])
counter = folder / "counter.txt"
for _ in range(rounds):
    with catalog_lock(folder, wait=60):
        seen = int(counter.read_text())  # read, then write: a lost update shows in the total
        counter.write_text(str(seen + 1))
"""


def test_processes_contending_for_the_lock_lose_no_update(tmp_path: Path, dead_pid: int) -> None:
    (tmp_path / "counter.txt").write_text("0")
    (tmp_path / LOCK_FILE).mkdir()  # a killed publisher's lock to begin with
    (tmp_path / LOCK_FILE / OWNER_FILE).write_text(f"{socket.gethostname()} {dead_pid} 0 x\n")
    rounds, processes = 25, 3
    children = [
        subprocess.Popen([sys.executable, "-c", COUNT, str(tmp_path), str(rounds)], cwd=REPO)
        for _ in range(processes)
    ]
    for child in children:
        assert child.wait(120) == 0
    assert (tmp_path / "counter.txt").read_text() == str(rounds * processes)
    assert not (tmp_path / LOCK_FILE).exists()


HOLD = """
import sys, time
from pathlib import Path
from contentfinder.library.catalog_lock import catalog_lock
with catalog_lock(Path(sys.argv[1])):
    print("holding", flush=True)
    sys.stdin.readline()
"""


def test_a_lock_held_by_a_live_publisher_is_waited_for_not_broken(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        before = lock_holder(tmp_path)
        assert before.split()[1] == str(holder.pid)
        with pytest.raises(CatalogBusy, match=f"another publisher .*{holder.pid}"):
            with catalog_lock(tmp_path, wait=0.5):
                pass
        assert lock_holder(tmp_path) == before  # still the holder's
        holder.stdin.write("done\n")
        holder.stdin.flush()
        assert holder.wait(10) == 0
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdin.close()
        holder.stdout.close()
    with catalog_lock(tmp_path, wait=2):  # released: free at once
        pass


def test_a_holder_on_another_machine_is_judged_by_the_age_of_its_lock(tmp_path: Path) -> None:
    lock = tmp_path / LOCK_FILE
    lock.mkdir()
    (lock / OWNER_FILE).write_text("laptop-of-ann 4242 0 abc\n")
    with pytest.raises(CatalogBusy, match=r"another publisher \(laptop-of-ann 4242\)"):
        with catalog_lock(tmp_path, wait=0.3):
            pass
    old = time.time() - STALE_LOCK_SECONDS - 5
    os.utime(lock / OWNER_FILE, (old, old))
    with catalog_lock(tmp_path, wait=2):
        assert lock_holder(tmp_path).split()[1] == str(os.getpid())


def test_a_folder_left_without_its_owner_line_is_taken_over_once_old(tmp_path: Path) -> None:
    """A publisher killed between making the folder and writing its line."""
    lock = tmp_path / LOCK_FILE
    lock.mkdir()
    assert lock_holder(tmp_path) == ""
    with pytest.raises(CatalogBusy, match=r"another publisher \(unknown\)"):
        with catalog_lock(tmp_path, wait=0.3):
            pass
    old = time.time() - STALE_LOCK_SECONDS - 5
    os.utime(lock, (old, old))
    with catalog_lock(tmp_path, wait=2):
        pass
    assert not lock.exists()


def test_a_share_that_will_not_move_a_folder_still_releases_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(lock_module.os, "rename", refuse)
    with catalog_lock(tmp_path):
        pass
    assert not (tmp_path / LOCK_FILE).exists()
    with catalog_lock(tmp_path, wait=0.5):  # and it can be taken again at once
        pass


def test_old_claims_are_forgotten(tmp_path: Path) -> None:
    with catalog_lock(tmp_path):
        pass
    claims = list((tmp_path / CLAIMS_FOLDER).iterdir())
    assert claims and all(claim.is_dir() for claim in claims)
    old = time.time() - lock_module.CLAIMS_KEPT_SECONDS - 5
    for claim in claims:
        os.utime(claim, (old, old))
    (tmp_path / CLAIMS_FOLDER / "0123456789abcdef").write_text("")  # an older version's claim
    os.utime(tmp_path / CLAIMS_FOLDER / "0123456789abcdef", (old, old))
    with catalog_lock(tmp_path):
        pass
    assert not set(claims) & set((tmp_path / CLAIMS_FOLDER).iterdir())
    assert not (tmp_path / CLAIMS_FOLDER / "0123456789abcdef").exists()
