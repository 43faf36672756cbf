"""The usage log on real SQLite files: events, favorites, recent assets, and events that
survive the process being killed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from contentfinder.usage import local_db
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog, UsageLogError

REPO = Path(__file__).resolve().parents[2]
ME = Identity(device_id="device-1", user_id="user-0123456789abcdef")


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "home" / "usage.sqlite"


@pytest.fixture
def log(database: Path) -> Iterator[UsageLog]:
    with UsageLog(database, identity=ME) as opened:
        yield opened


def test_an_event_comes_back_with_every_field(database: Path) -> None:
    before = datetime.now(UTC)
    with UsageLog(database, identity=ME) as log:
        recorded = log.record(
            "search",
            asset_id="Decks/roi.pptx",
            query="roi calculator",
            filters={"persona": ["CFO", "CISO"], "stage": ("decision",), "pain": []},
            hit_count=7,
            detail={"note": "x", "n": 2},
        )
    with UsageLog(database, identity=ME) as reopened:
        (stored,) = reopened.events()
    assert stored == recorded
    assert stored.seq == 1 and stored.kind == "search"
    assert stored.device_id == "device-1" and stored.user_id == ME.user_id
    assert stored.filters == {"persona": ("CFO", "CISO"), "stage": ("decision",)}
    assert stored.detail == {"note": "x", "n": 2}
    assert stored.occurred_at.tzinfo == UTC
    assert before <= stored.occurred_at <= datetime.now(UTC) + timedelta(seconds=1)

    as_json = stored.to_json()
    assert set(as_json) == {
        "event_id",
        "occurred_at",
        "device_id",
        "user_id",
        "kind",
        "asset_id",
        "query",
        "filters",
        "hit_count",
        "search_event_id",
        "rank",
        "role",
        "team",
        "deal_id",
        "detail",
    }
    assert as_json["role"] == "rep" and as_json["search_event_id"] is None
    assert as_json["occurred_at"].endswith("Z")
    assert datetime.fromisoformat(as_json["occurred_at"]) == stored.occurred_at
    assert as_json["filters"] == {"persona": ["CFO", "CISO"], "stage": ["decision"]}
    assert json.loads(json.dumps(as_json)) == as_json


def test_each_kind_has_its_own_call_and_events_keep_their_order(log: UsageLog) -> None:
    log.record_search("roi", {"persona": ["CFO"]}, 3)
    log.record_open("a.pdf")
    log.record_preview("b.pdf")
    log.record_copy("c.pdf")
    log.record_share("d.pdf")
    log.record_feedback("pricing 2019", {}, "nothing about old prices")
    log.set_favorite("a.pdf", True)
    events = log.events()
    assert [e.kind for e in events] == [
        "search",
        "open",
        "preview",
        "copy",
        "share",
        "feedback",
        "favorite",
    ]
    assert [e.seq for e in events] == sorted(e.seq for e in events)
    assert len({e.event_id for e in events}) == len(events)
    assert events[5].query == "pricing 2019" and events[5].detail == {
        "message": "nothing about old prices"
    }
    assert events[6].detail == {"on": True}
    assert [e.asset_id for e in log.events(kinds=["copy", "share"])] == ["c.pdf", "d.pdf"]


def test_bad_events_are_refused(log: UsageLog) -> None:
    with pytest.raises(ValueError, match="unknown usage event kind 'download'"):
        log.record("download", asset_id="a.pdf")
    with pytest.raises(ValueError, match="needs an asset id"):
        log.record("open")
    with pytest.raises(ValueError, match="unknown usage event kind"):
        log.events(kinds=["opened"])
    assert log.events() == []


def test_favorites_newest_first_and_removable(log: UsageLog) -> None:
    for asset in ("a.pdf", "b.pdf", "c.pdf"):
        log.set_favorite(asset, True)
    log.set_favorite("b.pdf", False)
    log.set_favorite("a.pdf", True)  # again: back to the top
    assert log.favorites() == ["a.pdf", "c.pdf"]
    assert log.is_favorite("c.pdf") and not log.is_favorite("b.pdf")
    assert [e.detail for e in log.events(kinds=["favorite"])] == [
        {"on": True},
        {"on": True},
        {"on": True},
        {"on": False},
        {"on": True},
    ]


def test_recent_is_distinct_newest_first_and_only_what_was_used(log: UsageLog) -> None:
    log.record_open("a.pdf")
    log.record_preview("b.pdf")
    log.record_search("c", {}, 1)
    log.set_favorite("fav.pdf", True)  # favoring is not using
    log.record_copy("c.pdf")
    log.record_share("a.pdf")
    assert log.recent() == ["a.pdf", "c.pdf", "b.pdf"]
    assert log.recent(limit=2) == ["a.pdf", "c.pdf"]


def test_the_database_is_versioned_and_in_wal_mode(log: UsageLog, database: Path) -> None:
    log.record_open("a.pdf")
    with sqlite3.connect(database) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (local_db.SCHEMA_VERSION,)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()


def test_a_newer_or_damaged_database_is_named_not_overwritten(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite"
    raw = sqlite3.connect(newer)
    raw.execute("PRAGMA user_version = 9")
    raw.close()
    with pytest.raises(UsageLogError, match=f"{newer}: written by a newer contentfinder"):
        UsageLog(newer, identity=ME)

    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database " * 500)
    with pytest.raises(UsageLogError, match=f"{damaged}: .*not a database"):
        UsageLog(damaged, identity=ME)
    assert damaged.read_bytes() == b"not a database " * 500


def test_made_in_one_thread_used_in_another(log: UsageLog) -> None:
    failures: list[BaseException] = []

    def use() -> None:
        try:
            for n in range(20):
                log.record_open(f"{n}.pdf")
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)

    workers = [threading.Thread(target=use) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert len(log.events(kinds=["open"])) == 60


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_event_survives_the_process_being_killed_right_after(database: Path) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from contentfinder.usage.identity import Identity\n"
        "from contentfinder.usage.log import UsageLog\n"
        "log = UsageLog(Path(sys.argv[1]), identity=Identity('d', 'u'))\n"
        "event = log.record_open('Decks/roi.pptx')\n"
        "print('recorded', event.event_id, flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(database)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline().split()
        assert line[:1] == ["recorded"]
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    with UsageLog(database, identity=ME) as reopened:
        events = reopened.events()
    assert [(e.event_id, e.kind, e.asset_id) for e in events] == [
        (line[1], "open", "Decks/roi.pptx")
    ]


def test_open_usage_log_records_as_the_preferences_handed_to_it(tmp_path: Path) -> None:
    from contentfinder.config import Settings
    from contentfinder.preferences import PREFERENCES_FILE, Preferences
    from contentfinder.usage.log import open_usage_log

    settings = Settings(library=None, home=tmp_path / "home")
    settings.home.mkdir()
    # What is on disk is not read again: the caller read it once for the whole command.
    (settings.home / PREFERENCES_FILE).write_text(
        json.dumps({"display_name": "On Disk", "share_name": True}), encoding="utf-8"
    )
    named = Preferences(display_name=" Dana Rep ", share_name=True)
    with open_usage_log(settings, preferences=named) as log:
        assert log.identity.user_id == "Dana Rep"
        device = log.identity.device_id
    unnamed = Preferences(display_name="Dana Rep", share_name=False)
    with open_usage_log(settings, preferences=unnamed) as log:
        assert log.identity.user_id.startswith("user-") and log.identity.device_id == device
