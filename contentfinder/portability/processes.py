"""Processes on every platform: lowering this process's priority, asking whether another
process (a lock's owner) is still alive, and whether a child can be asked to stop, without the
POSIX calls Windows lacks or misreads.

On Windows `os.kill(pid, 0)` is not a probe: any signal but the two console events becomes
TerminateProcess, so asking whether a publisher is alive would kill it. And there is no
`os.nice`: priority is a class, set through psutil where it is installed and through the
kernel's SetPriorityClass (ctypes, standard library) where it is not.
"""

from __future__ import annotations

import ctypes
import os
import sys

WINDOWS_BELOW_NORMAL = 0x00004000  # BELOW_NORMAL_PRIORITY_CLASS
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5


def lower_priority(niceness: int, *, below_normal_on_windows: bool) -> None:
    """Adds `niceness` to this process's nice value where there is one (Linux, macOS); on
    Windows, which has classes, puts it in the below-normal class if `below_normal_on_windows`.
    Child processes inherit either. A refusal (a sandbox, a policy) leaves it as it was."""
    if sys.platform == "win32":
        if below_normal_on_windows:
            _below_normal_on_windows()
        return
    try:
        os.nice(niceness)
    except OSError:
        pass


def _below_normal_on_windows() -> None:
    try:
        import psutil  # type: ignore[import-not-found]  # optional: not a dependency
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            psutil.Process().nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
        except (OSError, psutil.Error):
            pass
        return
    kernel = _kernel32()
    kernel.SetPriorityClass(kernel.GetCurrentProcess(), WINDOWS_BELOW_NORMAL)


def cap_memory(limit: int) -> bool:
    """Caps this process's address space at `limit` bytes (or its hard limit, if lower), so
    that a runaway reader dies alone; whether it could. Windows has no rlimits (the caller's
    time limit still applies), and macOS refuses RLIMIT_AS with ValueError or EINVAL."""
    try:
        import resource
    except ImportError:
        return False
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limit if hard == resource.RLIM_INFINITY else min(hard, limit)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        return False
    return True


def can_ask_to_stop() -> bool:
    """Whether a child process can be asked to stop before it is killed. Not on Windows: what
    asks there (QProcess.terminate, a WM_CLOSE) never reaches a console child without a window,
    and waiting for it only keeps the window waiting; TerminateProcess (kill) is the way."""
    return sys.platform != "win32"


def process_alive(pid: int) -> bool | None:
    """Whether process `pid` on this machine is still running: True, False, or None when the
    system will not say (another user's process elsewhere than Windows is True: it exists)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _alive_on_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0: a probe, nothing is sent (POSIX only)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, as another user's
    except OSError:
        return None
    return True


def _alive_on_windows(pid: int) -> bool | None:
    try:
        import psutil  # type: ignore[import-not-found]
    except ImportError:
        psutil = None
    if psutil is not None:
        return bool(psutil.pid_exists(pid))
    kernel = _kernel32()
    handle = kernel.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # Access denied: it exists, as a process we may not query. Anything else (invalid
        # parameter, mostly): no such process.
        return True if _last_error() == _ERROR_ACCESS_DENIED else False
    try:
        status = ctypes.c_ulong()
        if not kernel.GetExitCodeProcess(handle, ctypes.byref(status)):
            return None
        return status.value == _STILL_ACTIVE
    finally:
        kernel.CloseHandle(handle)


def _kernel32():  # noqa: ANN202 - a ctypes library (or, in tests, its recording stand-in)
    """Windows' kernel32, keeping each call's last error for `_last_error` (Windows only)."""
    return ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]


def _last_error() -> int:
    return ctypes.get_last_error()  # type: ignore[attr-defined]
