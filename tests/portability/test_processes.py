"""Priority and process liveness on every platform: the real calls here on Linux, and the
Windows branches forced (sys.platform) with the OS call replaced by a recording stand-in at the
boundary (psutil, or kernel32 through ctypes), checking that no POSIX call is made there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import types
from pathlib import Path

import pytest

from contentfinder.library import catalog_lock as lock_module
from contentfinder.library.catalog_lock import LOCK_FILE, OWNER_FILE, catalog_lock
from contentfinder.portability import processes
from contentfinder.portability.processes import WINDOWS_BELOW_NORMAL, lower_priority, process_alive
from tests.conftest import REPO


class Kernel32:
    """Records the calls made of kernel32, answering as Windows would for `alive` pids."""

    def __init__(self, *, alive: set[int] = frozenset(), denied: set[int] = frozenset()) -> None:
        self.calls: list[tuple[object, ...]] = []
        self.alive, self.denied = alive, denied
        self.last_error = 0

    def GetCurrentProcess(self) -> int:  # noqa: N802 - kernel32's names
        return -1  # the pseudo-handle Windows gives

    def SetPriorityClass(self, handle: int, priority: int) -> int:  # noqa: N802
        self.calls.append(("SetPriorityClass", handle, priority))
        return 1

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:  # noqa: N802
        self.calls.append(("OpenProcess", access, pid))
        if pid in self.denied:
            self.last_error = 5  # ERROR_ACCESS_DENIED
            return 0
        self.last_error = 0 if pid in self.alive or pid > 1000 else 87  # INVALID_PARAMETER
        return 0 if self.last_error else 100 + pid

    def GetExitCodeProcess(self, handle: int, status) -> int:  # noqa: ANN001, N802
        status._obj.value = 259 if handle - 100 in self.alive else 0  # STILL_ACTIVE, or ended
        return 1

    def CloseHandle(self, handle: int) -> int:  # noqa: N802
        self.calls.append(("CloseHandle", handle))
        return 1


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> Kernel32:
    """sys.platform is "win32", no psutil, kernel32 a recorder, and the POSIX calls that would
    misbehave there (os.kill would be TerminateProcess) fail the test if made."""
    kernel = Kernel32()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "psutil", None)  # not installed
    monkeypatch.setattr(processes, "_kernel32", lambda: kernel)
    monkeypatch.setattr(processes, "_last_error", lambda: kernel.last_error)

    def posix_only(*_args: object) -> None:
        raise AssertionError("a POSIX call made on Windows")

    monkeypatch.setattr(os, "kill", posix_only)
    monkeypatch.setattr(os, "nice", posix_only)
    return kernel


def fake_psutil(calls: list[tuple[object, ...]], *, alive: set[int]) -> types.ModuleType:
    module = types.ModuleType("psutil")
    module.BELOW_NORMAL_PRIORITY_CLASS = WINDOWS_BELOW_NORMAL
    module.Error = type("Error", (Exception,), {})

    class Process:
        def nice(self, value: int) -> None:
            calls.append(("nice", value))

    module.Process = Process
    module.pid_exists = lambda pid: calls.append(("pid_exists", pid)) or pid in alive
    return module


def test_on_posix_the_nice_value_goes_up(tmp_path: Path) -> None:
    script = (
        "import os\n"
        "from contentfinder.portability.processes import lower_priority\n"
        "before = os.nice(0)\n"
        "lower_priority(5, below_normal_on_windows=True)\n"
        "print(os.nice(0) - before)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "5"


def test_a_refused_nice_leaves_the_priority_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_increment: int) -> int:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "nice", refuse)
    lower_priority(10, below_normal_on_windows=True)  # no exception


def test_on_windows_without_psutil_the_class_is_set_through_kernel32(windows: Kernel32) -> None:
    lower_priority(10, below_normal_on_windows=True)
    assert windows.calls == [("SetPriorityClass", -1, 0x00004000)]


def test_on_windows_a_search_stays_at_normal_priority(windows: Kernel32) -> None:
    lower_priority(5, below_normal_on_windows=False)
    assert windows.calls == []


def test_on_windows_psutil_sets_the_class_when_installed(
    windows: Kernel32, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[object, ...]] = []
    monkeypatch.setitem(sys.modules, "psutil", fake_psutil(calls, alive=set()))
    lower_priority(10, below_normal_on_windows=True)
    assert calls == [("nice", WINDOWS_BELOW_NORMAL)] and windows.calls == []


def test_the_index_and_search_policies_ask_for_their_classes(windows: Kernel32) -> None:
    from contentfinder.background import SEARCH_NICENESS
    from contentfinder.background import lower_priority as background_priority

    background_priority(SEARCH_NICENESS)
    assert windows.calls == []
    background_priority()
    assert windows.calls == [("SetPriorityClass", -1, WINDOWS_BELOW_NORMAL)]


@pytest.fixture(scope="module")
def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    return child.pid


def test_on_posix_a_live_process_is_alive_and_a_killed_one_is_not(dead_pid: int) -> None:
    assert process_alive(os.getpid()) is True
    assert process_alive(dead_pid) is False
    assert process_alive(1) is True  # init: another user's, but there
    assert process_alive(0) is False and process_alive(-5) is False


def test_on_windows_liveness_is_asked_of_the_kernel_not_of_os_kill(windows: Kernel32) -> None:
    windows.alive = {4242}
    assert process_alive(4242) is True
    assert process_alive(4343) is False  # ended: an exit code, not STILL_ACTIVE
    assert process_alive(77) is False  # no such process (invalid parameter)
    windows.denied = {8}  # a system process we may not query: it exists
    assert process_alive(8) is True
    assert ("CloseHandle", 100 + 4242) in windows.calls and ("CloseHandle", 100 + 4343) in (
        windows.calls
    )


def test_on_windows_psutil_answers_liveness_when_installed(
    windows: Kernel32, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[object, ...]] = []
    monkeypatch.setitem(sys.modules, "psutil", fake_psutil(calls, alive={4242}))
    assert process_alive(4242) is True and process_alive(4343) is False
    assert calls == [("pid_exists", 4242), ("pid_exists", 4343)] and windows.calls == []


def test_on_windows_a_killed_publishers_lock_is_taken_over_without_killing_anyone(
    windows: Kernel32, tmp_path: Path
) -> None:
    """os.kill(pid, 0) there is TerminateProcess: the lock asks the kernel instead."""
    lock = tmp_path / LOCK_FILE
    lock.mkdir()
    (lock / OWNER_FILE).write_text(f"{lock_module.socket.gethostname()} 4343 0 x\n")
    with catalog_lock(tmp_path, wait=2):
        assert lock_module.lock_holder(tmp_path).split()[1] == str(os.getpid())
    assert ("OpenProcess", 0x1000, 4343) in windows.calls


def test_on_windows_a_live_publishers_lock_is_waited_for(windows: Kernel32, tmp_path: Path) -> None:
    windows.alive = {4242}
    lock = tmp_path / LOCK_FILE
    lock.mkdir()
    (lock / OWNER_FILE).write_text(f"{lock_module.socket.gethostname()} 4242 0 x\n")
    with pytest.raises(lock_module.CatalogBusy, match="4242"):
        with catalog_lock(tmp_path, wait=0.3):
            pass
    assert lock.is_dir()


MEMORY = 3 * 1024 * 1024 * 1024


def test_on_linux_a_worker_s_address_space_is_capped() -> None:
    script = (
        "import resource\n"
        "from contentfinder.portability.processes import cap_memory\n"
        f"print(cap_memory({MEMORY}), resource.getrlimit(resource.RLIMIT_AS)[0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", str(MEMORY)]


def test_where_rlimits_are_refused_or_missing_the_worker_runs_uncapped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import resource

    def refuse(*_args: object) -> None:
        raise ValueError("current limit exceeds maximum limit")  # macOS on RLIMIT_AS

    monkeypatch.setattr(resource, "setrlimit", refuse)
    assert processes.cap_memory(MEMORY) is False
    monkeypatch.setitem(sys.modules, "resource", None)  # Windows: no such module
    assert processes.cap_memory(MEMORY) is False
