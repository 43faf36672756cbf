"""Functions the background-work tests run in pool threads and worker processes (a module
without Qt, so a spawned worker imports it quickly)."""

from __future__ import annotations

import os
import threading
import time


def where_it_ran(value: str) -> tuple[str, int, str]:
    return value, os.getpid(), threading.current_thread().name


def slowly(value: str, seconds: float) -> str:
    time.sleep(seconds)
    return value


def broken(path: str) -> None:
    raise OSError(f"{path}: cannot be read (damaged)")
