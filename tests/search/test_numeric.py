"""numpy, as the search imports it, starts no thread of its own (OpenBLAS would start one
per core, spinning for tens of milliseconds of CPU), and a setting the user made is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

THREADS = "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('Threads')))"


def run(code: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="counts threads in /proc")
def test_numpy_imported_for_search_starts_no_thread() -> None:
    if (os.cpu_count() or 1) > 1:  # else OpenBLAS starts no thread either: nothing to see
        assert int(run(f"import numpy\n{THREADS}")) > 1
    assert run(f"import contentfinder.search.numeric\n{THREADS}") == "1"


def test_a_thread_count_the_user_set_is_kept() -> None:
    code = "import os, contentfinder.search.numeric\nprint(os.environ['OPENBLAS_NUM_THREADS'])"
    assert run(code, OPENBLAS_NUM_THREADS="2") == "2"
    assert run(code) == "1"
