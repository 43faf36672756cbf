"""Running a command with a folder mounted read-only, in a mount namespace of its own.

The tests run as root, and root writes through any permission bits, so `chmod` cannot make a
share read-only for them. A read-only bind mount can, and `unshare --mount` keeps it private to
the one command: nothing is left mounted when the command ends, whatever happens.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def run_with_read_only(
    folder: Path, command: list[str], *, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`command` run while `folder` is a read-only bind mount of itself."""
    place = shlex.quote(str(folder))
    script = (
        f"mount --bind {place} {place} && mount -o remount,bind,ro {place} {place} && "
        f"exec {shlex.join(command)}"
    )
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def read_only_mounts_work() -> bool:
    if shutil.which("unshare") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    with tempfile.TemporaryDirectory() as folder:
        return run_with_read_only(Path(folder), ["true"]).returncode == 0


needs_read_only_mounts = pytest.mark.skipif(
    not read_only_mounts_work(),
    reason="needs root and unshare --mount to make a folder read-only (chmod does not stop root)",
)
