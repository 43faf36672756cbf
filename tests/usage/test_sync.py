"""Usage sync, exactly once, to a real shared folder and real databases (SQLite here,
PostgreSQL in test_sync_postgres.py): interrupted, repeated, killed, concurrent."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from contentfinder.usage.central_schema import CENTRAL_SCHEMA_VERSION
from contentfinder.usage.identity import load_identity
from contentfinder.usage.log import UsageLog
from contentfinder.usage.outcomes import SearchOutcome
from contentfinder.usage.sync import open_target, sync
from contentfinder.usage.sync_folder import FolderTarget, read_folder
from tests.conftest import REPO
from tests.factories import run_cli


def make_log(home: Path) -> UsageLog:
    return UsageLog(home / "usage.sqlite", identity=load_identity(home))


def record(log: UsageLog, count: int) -> None:
    for number in range(count):
        log.record_search(f"query {number}", {"persona": ["CFO"]}, number)


def central_ids(where: str) -> list[str]:
    if "://" not in where:
        return [e["event_id"] for e in read_folder(Path(where)).events]
    database = where.removeprefix("sqlite:///")
    with sqlite3.connect(database) as conn:
        return [row[0] for row in conn.execute("SELECT event_id FROM usage_events")]


def test_a_folder_gets_each_event_once_however_often_synced(tmp_path: Path) -> None:
    shared = tmp_path / "share"
    with make_log(tmp_path / "rep") as log:
        record(log, 3)
        first = sync(log, FolderTarget(shared))
        again = sync(log, FolderTarget(shared))
        log.record_open("Decks/roi.pptx")
        third = sync(log, FolderTarget(shared))
        device = log.identity.device_id
    assert (first.sent, again.sent, third.sent) == (3, 0, 1)
    assert sorted(p.name for p in (shared / "events" / device).iterdir()) == [
        "000000000001-000000000003.jsonl",
        "000000000004-000000000004.jsonl",
    ]
    contents = read_folder(shared)
    assert contents.problems == []
    assert [e["kind"] for e in contents.events] == ["search"] * 3 + ["open"]
    assert set(contents.events[0]) >= {
        "event_id",
        "occurred_at",
        "device_id",
        "user_id",
        "kind",
        "asset_id",
        "query",
        "filters",
        "hit_count",
    }
    assert contents.events[0]["filters"] == {"persona": ["CFO"]}


def test_a_batch_left_half_written_or_sent_without_its_watermark_is_not_doubled(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "share"
    with make_log(tmp_path / "rep") as log:
        record(log, 4)
        device_folder = shared / "events" / log.identity.device_id
        device_folder.mkdir(parents=True)
        # A writer killed mid-batch leaves only its temporary file: readers skip it.
        (device_folder / ".000000000001-000000000004.jsonl.999.tmp").write_text('{"event_id"')
        assert read_folder(shared).events == []
        # A sync killed after the rename, before the watermark moved.
        FolderTarget(shared).send(log.events_after(0, limit=2))
        result = sync(log, FolderTarget(shared))
    assert result.sent == 2
    assert len(central_ids(str(shared))) == 4 == len(set(central_ids(str(shared))))


def test_a_foreign_or_damaged_file_in_the_folder_is_reported_and_skipped(tmp_path: Path) -> None:
    shared = tmp_path / "share"
    with make_log(tmp_path / "rep") as log:
        record(log, 2)
        sync(log, FolderTarget(shared))
        device_folder = shared / "events" / log.identity.device_id
    (device_folder / "notes.txt").write_text("hello")
    (device_folder / "000000000100-000000000101.jsonl").write_text('{"event_id": 1}\nnot json\n')
    contents = read_folder(shared)
    assert len(contents.events) == 2
    assert any("notes.txt: not a batch" in p for p in contents.problems)
    assert any("line 2: not JSON" in p for p in contents.problems)
    assert any("line 1: not a usage event" in p for p in contents.problems)


def test_a_database_refuses_duplicates_and_creates_its_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    with make_log(tmp_path / "rep") as log:
        record(log, 5)
        target = open_target(url)
        first = sync(log, target, batch_size=2)
        # Sent again as if the watermark had been lost: the primary key refuses them all.
        assert target.send(log.events_after(0, limit=10)) == 0
        target.close()
    assert (first.sent, first.batches, first.waiting) == (5, 3, 0)
    assert len(central_ids(url)) == 5
    with sqlite3.connect(tmp_path / "central.sqlite") as conn:
        assert conn.execute("SELECT version FROM contentfinder_schema").fetchall() == [
            (CENTRAL_SCHEMA_VERSION,)
        ]


def test_an_older_central_schema_is_brought_up_to_date(tmp_path: Path) -> None:
    database = tmp_path / "central.sqlite"
    with sqlite3.connect(database) as conn:  # version 1: no `detail`, no version table
        conn.execute(
            "CREATE TABLE usage_events (event_id VARCHAR(36) PRIMARY KEY, occurred_at DATETIME, "
            "device_id VARCHAR, user_id VARCHAR, kind VARCHAR, asset_id VARCHAR, query VARCHAR, "
            "filters JSON, hit_count INTEGER)"
        )
        conn.execute(
            "INSERT INTO usage_events VALUES ('old-1', '2026-01-01', 'd', 'u', 'open', 'a', "
            "NULL, NULL, NULL)"
        )
    with make_log(tmp_path / "rep") as log:
        log.record_feedback("kubernetes", {}, "nothing found")
        target = open_target(f"sqlite:///{database}")
        assert sync(log, target).sent == 1
        target.close()
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT event_id, detail FROM usage_events ORDER BY event_id"
        ).fetchall()
        assert conn.execute("SELECT version FROM contentfinder_schema").fetchall() == [
            (CENTRAL_SCHEMA_VERSION,)
        ]
    assert "old-1" in [r[0] for r in rows] and len(rows) == 2  # what was there stays
    assert any(r[1] and json.loads(r[1]) == {"message": "nothing found"} for r in rows)


def test_search_text_can_be_sent_hashed(tmp_path: Path) -> None:
    shared = tmp_path / "share"
    # What the search found names its words too: the corrected query, the missing ones.
    found = SearchOutcome("SOC 2 report", ("soc",), False, ("a.txt",))
    with make_log(tmp_path / "rep") as log:
        log.record_search("SOC 2  report", {}, 3)
        log.record_search("soc 2 reprot", {}, 3, found)
        sync(log, FolderTarget(shared), redact_queries=True)
        assert log.events()[0].query == "SOC 2  report"  # the local log keeps the text
    sent = read_folder(shared).events
    queries = [e["query"] for e in sent]
    assert queries[0].startswith("sha256:") and queries[0] == sent[1]["detail"]["corrected"]
    assert "soc" not in json.dumps(sent).lower().replace("sha256", "")
    assert sent[1]["detail"]["full_result"] is False and sent[1]["detail"]["shown"] == ["a.txt"]
    assert sent[1]["detail"]["missing_concepts"] == []  # a word hashed alone is no secret


SYNC_FOREVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from contentfinder.usage.sync import open_target, sync
    from contentfinder.usage.identity import load_identity
    from contentfinder.usage.log import UsageLog
    home, where = Path(sys.argv[1]), sys.argv[2]
    log = UsageLog(home / "usage.sqlite", identity=load_identity(home))
    print("ready", flush=True)
    while True:
        for number in range(7):
            log.record_search(f"q{number}", {}, number)
        target = open_target(where)
        sync(log, target, batch_size=3)
        target.close()
    """
)


def sync_process(home: Path, where: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SYNC_FOREVER, str(home), where],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def kill_at_random_points(home: Path, where: str, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(kills):
        child = sync_process(home, where)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.05, 0.6))
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(10)
            child.stdout.close()


def sqlite_or_folder(kind: str, tmp_path: Path) -> str:
    return str(tmp_path / "share") if kind == "folder" else f"sqlite:///{tmp_path / 'c.sqlite'}"


@pytest.mark.parametrize("kind", ["folder", "sqlite"])
def test_killed_at_random_points_then_synced_the_store_has_every_event_once(
    tmp_path: Path, kind: str
) -> None:
    where = sqlite_or_folder(kind, tmp_path)
    home = tmp_path / "rep"
    kill_at_random_points(home, where, kills=6, seed=11)
    with make_log(home) as log:
        target = open_target(where)
        sync(log, target)
        target.close()
        local = [e.event_id for e in log.events()]
    central = central_ids(where)
    assert len(local) > 7
    assert sorted(central) == sorted(local)  # every event, once


def three_devices_at_once(tmp_path: Path, where: str) -> list[str]:
    """Three reps' apps syncing to one store at the same time, killed, then synced once
    more; the event ids of all three local logs."""
    homes = [tmp_path / f"rep{n}" for n in range(3)]
    children = [sync_process(home, where) for home in homes]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "ready"
        time.sleep(1.5)
    finally:
        for child in children:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(10)
            child.stdout.close()
    local: list[str] = []
    for home in homes:
        with make_log(home) as log:
            target = open_target(where)
            sync(log, target)
            target.close()
            local += [e.event_id for e in log.events()]
    assert len({load_identity(h).device_id for h in homes}) == 3
    return local


@pytest.mark.parametrize("kind", ["folder", "sqlite"])
def test_three_devices_sync_to_one_store_at_once(tmp_path: Path, kind: str) -> None:
    where = sqlite_or_folder(kind, tmp_path)
    local = three_devices_at_once(tmp_path, where)
    assert sorted(central_ids(where)) == sorted(local)


def cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--home", str(home))


def test_the_sync_command(tmp_path: Path) -> None:
    home = tmp_path / "rep"
    with make_log(home) as log:
        record(log, 3)
    missing = cli("sync", home=home)
    assert missing.returncode == 2 and "no sync target" in missing.stderr
    unreachable = cli("sync", "--to", "postgresql://nobody@/nowhere?host=/nonexistent", home=home)
    assert unreachable.returncode == 1
    assert "cannot use the database" in unreachable.stderr and "wait here" in unreachable.stderr
    assert "Traceback" not in unreachable.stderr
    shared = tmp_path / "share"
    sent = cli("sync", "--to", shared.as_uri(), "--json", home=home)
    assert sent.returncode == 0, sent.stderr
    assert json.loads(sent.stdout)["sent"] == 3 and json.loads(sent.stdout)["waiting"] == 0
    assert len(read_folder(shared).events) == 3


def test_a_note_to_marketing_is_withheld_when_search_text_is_sent_hashed(tmp_path: Path) -> None:
    shared, plain = tmp_path / "share", tmp_path / "plain"
    with make_log(tmp_path / "rep") as log:
        log.record_feedback("dental hipaa", {}, "a HIPAA one-pager for dental practices")
        log.record_feedback("", {"persona": ["CFO"]}, "anything for dentists")  # filters only
        sync(log, FolderTarget(shared), redact_queries=True)
        sync(log, FolderTarget(plain))
    sent = read_folder(shared).events
    assert [e["detail"] for e in sent] == [{"message": "", "message_withheld": True}] * 2
    assert "dental" not in json.dumps(sent).lower() and "dentists" not in json.dumps(sent)
    assert sent[0]["query"].startswith("sha256:")
    kept = [e["detail"]["message"] for e in read_folder(plain).events]
    assert kept == ["a HIPAA one-pager for dental practices", "anything for dentists"]
