"""The one-shot commands' sqlite3 writer (`QuickLog`) writes the rows `UsageLog` writes, on
real SQLite files, and leaves a database to create or migrate to `UsageLog`."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from contentfinder.usage import local_db, local_file
from contentfinder.usage.events import EVENT_FIELDS
from contentfinder.usage.identity import Identity
from contentfinder.usage.local_file import NotCurrent, QuickLog
from contentfinder.usage.log import UsageLog
from contentfinder.usage.outcomes import SearchLink

REPO = Path(__file__).resolve().parents[2]
ME = Identity(device_id="device-1", user_id="user-0123456789abcdef", role="marketing", team="EMEA")


def _rows(database: Path) -> list[dict[str, object]]:
    with sqlite3.connect(database) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM usage_events ORDER BY seq").fetchall()
    return [{k: row[k] for k in row.keys() if k not in ("seq", "event_id")} for row in rows]


def test_the_schema_version_and_table_are_local_dbs() -> None:
    assert local_file.SCHEMA_VERSION == local_db.SCHEMA_VERSION
    assert local_file.TABLE == local_db.events.name
    assert set(EVENT_FIELDS) == {c.name for c in local_db.events.columns} - {"seq"}


def test_rows_are_the_ones_usage_log_writes(tmp_path: Path) -> None:
    database = tmp_path / "usage.sqlite"
    with UsageLog(database, identity=ME) as log:
        log.record_search("roi calculator", {"persona": ["cfo"]}, 3)
        log.record_search("", {}, 0)
        log.record_open("Sales/deck.pptx", SearchLink("search-id", 2))
    slow = _rows(database)
    with sqlite3.connect(database) as conn:
        conn.execute("DELETE FROM usage_events")
    with QuickLog(database, identity=ME) as quick:
        quick.record_search("roi calculator", {"persona": ["cfo"]}, 3)
        quick.record_search("", {}, 0)
        opened = quick.record_open("Sales/deck.pptx", SearchLink("search-id", 2))
    fast = _rows(database)
    for row in (*slow, *fast):
        row.pop("occurred_at")  # a moment apart; its form is compared below
    assert fast == slow
    with UsageLog(database, identity=ME) as log:
        events = log.events()
    assert [e.kind for e in events] == ["search", "search", "open"]
    assert events[0].filters == {"persona": ("cfo",)} and events[1].filters == {}
    assert events[2] == opened  # every field, the aware time and the seq included


def test_the_time_is_stored_as_usage_log_stores_it(tmp_path: Path) -> None:
    database = tmp_path / "usage.sqlite"
    with UsageLog(database, identity=ME) as log:
        log.record_search("a", {}, 1)
    with QuickLog(database, identity=ME) as quick:
        quick.record_search("b", {}, 1)
    with sqlite3.connect(database) as conn:
        slow, fast = [r[0] for r in conn.execute("SELECT occurred_at FROM usage_events")]
    assert len(slow) == len(fast) == len("2026-01-02 03:04:05.123456")
    assert slow[10] == fast[10] == " "


def test_a_missing_or_older_database_is_left_to_usage_log(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    with pytest.raises(NotCurrent):
        QuickLog(missing, identity=ME)
    assert not missing.exists()
    older = tmp_path / "old.sqlite"
    with sqlite3.connect(older) as conn:
        conn.execute("PRAGMA user_version = 2")
    with pytest.raises(NotCurrent):
        QuickLog(older, identity=ME)


def test_a_one_shot_search_records_without_sqlalchemy(tmp_path: Path) -> None:
    """The CLI's search records its event through sqlite3 alone once the log exists."""
    database = tmp_path / "usage.sqlite"
    UsageLog(database, identity=ME).close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from contentfinder.usage.identity import Identity\n"
        "from contentfinder.usage.local_file import QuickLog\n"
        f"with QuickLog(Path({str(database)!r}), identity=Identity('d', 'u')) as log:\n"
        "    log.record_search('roi', {}, 1)\n"
        "print(any(m.startswith('sqlalchemy') for m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert done.stdout.strip() == "False"
    assert len(_rows(database)) == 1


def test_a_damaged_file_is_an_sqlite_error_left_to_usage_log(tmp_path: Path) -> None:
    """`record_usage` then asks UsageLog, whose error names the file (tests/cli)."""
    junk = tmp_path / "usage.sqlite"
    junk.write_bytes(b"not a database, not at all" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        QuickLog(junk, identity=ME)
