"""The catalog lock with real threads and processes on real files: one holder at a time, even
when several take over a killed publisher's lock at once; a live holder's lock never broken."""

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

from contentfinder.library.catalog_writer import LOCK_FILE, CatalogBusy, catalog_lock
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


def test_publishers_taking_over_a_stale_lock_at_once_never_hold_it_together(
    tmp_path: Path, dead_pid: int
) -> None:
    holders, overlaps, failures = [], [], []
    guard = threading.Lock()

    def publisher(barrier: threading.Barrier, round_number: int) -> None:
        try:
            barrier.wait()
            with catalog_lock(tmp_path, wait=20):
                with guard:
                    holders.append(threading.get_ident())
                    if len(holders) > 1:
                        overlaps.append(round_number)
                time.sleep(0.002)
                with guard:
                    holders.remove(threading.get_ident())
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    for round_number in range(ROUNDS):
        (tmp_path / LOCK_FILE).write_text(f"{socket.gethostname()} {dead_pid} 0\n")
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
    assert overlaps == [], f"two publishers held the lock at once in rounds {overlaps}"
    assert not (tmp_path / LOCK_FILE).exists()


HOLD = """
import sys, time
from pathlib import Path
from contentfinder.library.catalog_writer import catalog_lock
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
        before = (tmp_path / LOCK_FILE).read_text()
        with pytest.raises(CatalogBusy, match=f"another publisher .*{holder.pid}"):
            with catalog_lock(tmp_path, wait=0.5):
                pass
        assert (tmp_path / LOCK_FILE).read_text() == before  # still the holder's
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
