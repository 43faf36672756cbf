"""The files an index run could not read, kept beside the index (`failures.json`) so the next
run reports them again without retrying them until they change.

`{asset id: {"size", "mtime_ns", "reason"}}`. Runs change it only while holding the writer
lock, each applying its own changes to what is on disk then, so two runs' changes never
overwrite each other.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from contentfinder.files import atomic_write

FAILURES_FILE = "failures.json"

Failures = dict[str, dict[str, object]]


def load_failures(index_dir: Path) -> Failures:
    try:
        data = json.loads((index_dir / FAILURES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def apply_failure_changes(index_dir: Path, changes: Mapping[str, dict[str, object] | None]) -> None:
    """Records failures (an entry) and clears them (None) in the file as it is now. The caller
    holds the writer lock."""
    if not changes:
        return
    current = load_failures(index_dir)
    updated = dict(current)
    for asset_id, entry in changes.items():
        if entry is None:
            updated.pop(asset_id, None)
        else:
            updated[asset_id] = dict(entry)
    if updated != current:
        data = json.dumps(updated, ensure_ascii=False, sort_keys=True)
        atomic_write(index_dir / FAILURES_FILE, data, durable=False)
