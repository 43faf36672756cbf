"""Reading usage back for reports, from a real SQLite central store, a real shared folder and
the local log: empty filters agree, old rows read, and `since` is applied where the events
are, so older events are not even read."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from contentfinder.usage.store import load_events
from contentfinder.usage.sync import open_target, sync
from contentfinder.usage.sync_folder import FolderTarget, read_folder
from contentfinder.usage.targets import SyncError

ME = Identity(device_id="device-1", user_id="user-1")
NOW = datetime.now(UTC)
SINCE = NOW - timedelta(days=30)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(library=None, home=tmp_path / "rep")


def central(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'central.sqlite'}"


def raw_rows(url: str, sql: str) -> list[tuple]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def test_both_stores_keep_empty_filters_as_empty_and_absent_ones_as_null(
    settings: Settings, tmp_path: Path
) -> None:
    with UsageLog(settings.usage_db, identity=ME) as log:
        log.record_search("roi", {}, 3)
        log.record_open("roi.pdf")
        target = open_target(central(tmp_path))
        sync(log, target)
        target.close()
    sql = "SELECT kind, filters, filters IS NULL, detail IS NULL FROM usage_events ORDER BY kind"
    expected = [("open", None, 1, 1), ("search", "{}", 0, 1)]
    assert raw_rows(central(tmp_path), sql) == expected
    assert raw_rows(f"sqlite:///{settings.usage_db}", sql) == expected
    for source in (None, central(tmp_path)):
        loaded = load_events(settings, source)
        assert {e.kind: e.filters for e in loaded.events} == {"search": {}, "open": {}}


def test_old_central_rows_of_either_form_and_version_1_stores_read_back(
    settings: Settings, tmp_path: Path
) -> None:
    url = central(tmp_path)
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:  # version 1: no `detail`
        conn.execute(
            "CREATE TABLE usage_events (event_id VARCHAR(36) PRIMARY KEY, occurred_at DATETIME, "
            "device_id VARCHAR, user_id VARCHAR, kind VARCHAR, asset_id VARCHAR, query VARCHAR, "
            "filters JSON, hit_count INTEGER)"
        )
        for number, filters in enumerate((None, "null", "{}", '{"persona": ["CFO"]}')):
            conn.execute(
                "INSERT INTO usage_events VALUES (?, '2026-01-02 03:04:05.000000', 'd', 'u', "
                "'search', NULL, 'roi', ?, 2)",
                (f"old-{number}", filters),
            )
    conn.close()
    loaded = load_events(settings, url)
    assert loaded.problems == ()
    assert [e.filters for e in sorted(loaded.events, key=lambda e: e.event_id)] == [
        {},
        {},
        {},
        {"persona": ("CFO",)},
    ]
    assert {e.detail for e in loaded.events} == {None}
    assert loaded.events[0].occurred_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_a_database_without_usage_events_is_named(settings: Settings, tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "central.sqlite").close()
    with pytest.raises(SyncError, match="no usage events here"):
        load_events(settings, central(tmp_path))


def aged(log: UsageLog, days_ago: list[int]) -> list:
    """Events recorded now, then dated `days_ago` (oldest first), as a sync would send them."""
    events = [log.record_search(f"query {n}", {}, n) for n in range(len(days_ago))]
    return [
        replace(e, occurred_at=NOW - timedelta(days=d))
        for e, d in zip(events, days_ago, strict=True)
    ]


def test_since_is_applied_in_the_query_of_a_database(settings: Settings, tmp_path: Path) -> None:
    url = central(tmp_path)
    with UsageLog(settings.usage_db, identity=ME) as log:
        target = open_target(url)
        target.send(aged(log, [90, 60, 29, 1]))
        target.close()
    # A damaged old row: reading it would report it; the query never returns it.
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        old = (NOW - timedelta(days=100)).strftime("%Y-%m-%d %H:%M:%S.%f")
        conn.execute(
            "INSERT INTO usage_events (event_id, occurred_at, device_id, user_id, kind, "
            "hit_count) VALUES ('damaged', ?, 'd', 'u', 'search', 'many')",
            (old,),
        )
    conn.close()
    everything = load_events(settings, url)
    assert len(everything.events) == 4 and "damaged" in everything.problems[0]
    recent = load_events(settings, url, since=SINCE)
    assert recent.problems == ()
    assert sorted(e.query for e in recent.events) == ["query 2", "query 3"]
    assert all(e.occurred_at >= SINCE for e in recent.events)


def test_since_skips_a_folders_older_batches_unread(settings: Settings, tmp_path: Path) -> None:
    shared = tmp_path / "share"
    with UsageLog(settings.usage_db, identity=ME) as log:
        events = aged(log, [300, 200, 100, 90, 45, 31, 29, 10, 2, 1])
    folder = FolderTarget(shared)
    for first in range(0, 10, 2):  # five batches of two, oldest first: three wholly old
        folder.send(events[first : first + 2])
    batches = sorted((shared / "events" / ME.device_id).iterdir())
    # Damage the start of the oldest batch: a reader that opened it would say so.
    oldest = batches[0].read_text(encoding="utf-8").splitlines()
    batches[0].write_text("not json\n" + oldest[1] + "\n", encoding="utf-8")

    contents = read_folder(shared, since=SINCE)
    assert contents.batches_skipped == 3 and contents.problems == []
    assert [e["query"] for e in contents.events] == ["query 6", "query 7", "query 8", "query 9"]
    loaded = load_events(settings, str(shared), since=SINCE)
    assert sorted(e.query for e in loaded.events) == ["query 6", "query 7", "query 8", "query 9"]
    assert loaded.problems == ()

    everything = read_folder(shared)
    assert everything.batches_skipped == 0 and len(everything.events) == 9
    assert any("line 1: not JSON" in p for p in everything.problems)


def test_a_folder_batch_whose_age_cannot_be_told_is_read_whole(
    settings: Settings, tmp_path: Path
) -> None:
    shared = tmp_path / "share"
    with UsageLog(settings.usage_db, identity=ME) as log:
        events = aged(log, [100, 90, 1])
    FolderTarget(shared).send(events[:2])
    FolderTarget(shared).send(events[2:])
    first = sorted((shared / "events" / ME.device_id).iterdir())[0]
    with first.open("a", encoding="utf-8") as file:
        file.write('{"event_id": "torn"\n')  # a last line that is not an event
    contents = read_folder(shared, since=SINCE)
    assert contents.batches_skipped == 0
    assert [e["query"] for e in contents.events] == ["query 2"]
    assert any("not JSON" in p for p in contents.problems)


def test_since_on_the_local_log_and_the_default_reads_everything(settings: Settings) -> None:
    with UsageLog(settings.usage_db, identity=ME) as log:
        log.record_search("old", {}, 1)
        log.record_search("new", {}, 1)
    with sqlite3.connect(settings.usage_db) as conn:
        long_ago = (NOW - timedelta(days=60)).replace(tzinfo=None).isoformat(sep=" ")
        conn.execute("UPDATE usage_events SET occurred_at = ? WHERE query = 'old'", (long_ago,))
    conn.close()
    assert [e.query for e in load_events(settings, None).events] == ["old", "new"]
    assert [e.query for e in load_events(settings, None, since=SINCE).events] == ["new"]
    with pytest.raises(ValueError, match="timezone-aware"):
        load_events(settings, None, since=SINCE.replace(tzinfo=None))


def test_a_folder_line_written_today_is_read_as_before(settings: Settings, tmp_path: Path) -> None:
    shared = tmp_path / "share"
    line = {
        "event_id": "e-1",
        "occurred_at": "2026-01-02T03:04:05.000000Z",
        "device_id": "d",
        "user_id": "u",
        "kind": "search",
        "asset_id": None,
        "query": "roi",
        "filters": None,  # an old writer's form of "no filters"
        "hit_count": 1,
    }
    (shared / "events" / "d").mkdir(parents=True)
    (shared / "events" / "d" / "000000000001-000000000001.jsonl").write_text(json.dumps(line))
    (record,) = load_events(settings, shared.as_uri()).events
    assert record.filters == {} and record.detail is None and record.hit_count == 1


# -- the password never leaves the URL ---------------------------------------------------------

SECRET = "s3cret"


def _with_password(url: str) -> str:
    """The test server's URL as a user would give it, with a password (the socket's trust
    authentication ignores it, as a server accepting it would)."""
    return url.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:{SECRET}@", 1)


def _every_text_written(folder: Path) -> dict[str, bytes]:
    """Each file under `folder` as bytes; an XLSX's zip members unpacked, as compression
    would hide the password from a plain search of the file."""
    import zipfile

    found: dict[str, bytes] = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as workbook:
                for member in workbook.namelist():
                    found[f"{path}!{member}"] = workbook.read(member)
        else:
            found[str(path)] = path.read_bytes()
    return found


@pytest.mark.parametrize("store", ["postgresql", "folder"])
def test_a_password_in_from_appears_in_no_output_of_any_report(
    store: str,
    make_library,
    settings_for,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    from contentfinder.cli import main
    from contentfinder.reports.build import KINDS
    from contentfinder.reports.export import FORMATS
    from indexer.pipeline import update_index
    from tests.factories import write_text
    from tests.reports.test_report_cli import rep_events
    from tests.usage_events import put

    library = make_library(
        {"roi.txt": lambda p: write_text(p, "ROI calculator for manufacturing plants.")},
        catalog="path,persona,stage,pain\nroi.txt,CFO,decision,cost reduction\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    put(tmp_path / "rep.sqlite", rep_events())
    if store == "postgresql":
        source = _with_password(request.getfixturevalue("postgres_url"))
        broken = source.replace("/t_", "/no_such_database_", 1)
    else:  # the same events through a shared folder; the password only in a failing URL
        source = str(tmp_path / "share")
        broken = f"postgresql://user:{SECRET}@/nowhere?host=/nonexistent&password={SECRET}"
    target = open_target(source)
    with UsageLog(tmp_path / "rep.sqlite", identity=ME) as log:
        assert sync(log, target).sent == 16
    target.close()
    out = tmp_path / "reports"
    out.mkdir()
    where = ["--library", str(library), "--home", str(settings.home), "--from", source]
    capfd.readouterr()
    for kind in KINDS:
        for fmt in FORMATS:
            target = out / f"{kind}-{fmt}" if fmt == "csv" else out / f"{kind}.{fmt}"
            suffix = "/" if fmt == "csv" else ""
            assert (
                main(["report", kind, "--format", fmt, "--out", f"{target}{suffix}", *where]) == 0
            )
            if fmt != "xlsx":
                assert main(["report", kind, "--format", fmt, *where]) == 0  # to stdout
    assert main(["report", "top", "--from", broken, *where[:4]]) == 1
    printed = capfd.readouterr()
    written = _every_text_written(out)
    assert len(written) > 5 * 4
    for name, data in written.items():
        assert SECRET.encode() not in data, name
    assert SECRET not in printed.out and SECRET not in printed.err
    assert "Traceback" not in printed.err
    if store == "postgresql":
        assert b"postgres:***@" in written[str(out / "top.json")]  # the source, masked
