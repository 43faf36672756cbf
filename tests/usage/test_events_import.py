"""Events made elsewhere, in SPEC §3's JSON lines: a file read all or nothing, each bad line
named; and imported events (other devices', backdated) synced on to a real shared folder, a
real SQLite and the real PostgreSQL, read back through `load_events` with every field."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.usage.event_file import EventFileError, event_lines, read_event_file
from contentfinder.usage.events import UsageEvent, to_record
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from contentfinder.usage.store import EventRecord, load_events
from contentfinder.usage.sync import open_target, redacted, sync
from contentfinder.usage.sync_folder import FolderTarget, read_folder
from tests.usage_events import made, rep

NOW = datetime.now(UTC)
ME = Identity("device-me", "user-me")
LINK_FIELDS = ("search_event_id", "rank", "role", "team", "deal_id")


def history(now: datetime = NOW) -> list[UsageEvent]:
    """A search and the uses that came from it, by reps of two teams and a marketer."""
    dana, lee = rep(1, "EMEA retail"), rep(2, "US public sector")
    searched = made(
        dana,
        "search",
        at=now - timedelta(days=3),
        query="iso 27001",
        filters={"persona": ["CISO"]},
        hit_count=2,
        detail={"corrected": None, "missing_concepts": ["dental"], "shown": ["a.pdf", "b.pdf"]},
    )
    return [
        searched,
        made(
            dana, "open", at=now - timedelta(days=3), came_from=searched, rank=2, asset_id="b.pdf"
        ),
        made(
            dana,
            "share",
            at=now - timedelta(days=2),
            came_from=searched,
            rank=1,
            asset_id="a.pdf",
            deal_id="006Dn000004",
        ),
        made(
            lee, "preview", at=now - timedelta(days=1), asset_id="a.pdf", detail={"seconds": 12.5}
        ),
        made(rep(3, role="marketing"), "copy", at=now - timedelta(hours=5), asset_id="b.pdf"),
    ]


def write_lines(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def without_seq(events: list[UsageEvent]) -> list[UsageEvent]:
    return [replace(e, seq=0) for e in events]


# --- the file ---------------------------------------------------------------------------------


def test_a_file_of_events_reads_back_as_written(tmp_path: Path) -> None:
    events = history()
    path = tmp_path / "events.jsonl"
    path.write_text("".join(event_lines(events)) + "\n\n", encoding="utf-8")  # blank lines: fine
    read = read_event_file(path)
    assert list(read.events) == events and read.repeated == 0


def test_a_line_written_twice_is_one_event_and_one_id_with_two_meanings_is_refused(
    tmp_path: Path,
) -> None:
    first, second = (to_record(e) for e in history()[:2])
    read = read_event_file(write_lines(tmp_path / "twice.jsonl", [first, second, first]))
    assert len(read.events) == 2 and read.repeated == 1
    clash = {**second, "event_id": first["event_id"]}
    with pytest.raises(EventFileError, match="line 2: event_id .* is on line 1 too"):
        read_event_file(write_lines(tmp_path / "clash.jsonl", [first, clash]))


BAD_LINES = [
    ("not json", "not JSON"),
    ("[1, 2]", "not a JSON object"),
    ({"kind": "search"}, "no event_id, occurred_at, device_id, user_id"),
    ({"kind": "click"}, "unknown usage event kind 'click'; known: search, open"),
    ({"role": "boss"}, "unknown role 'boss'; roles: rep, marketing"),
    ({"hit_count": "2"}, "hit_count is not a count: '2'"),
    ({"hit_count": -1}, "hit_count must be 0 or more"),
    ({"occurred_at": "yesterday"}, "occurred_at is not a time: 'yesterday'"),
    ({"event_id": "e-1"}, "event_id is not a UUID: 'e-1'"),
    ({"device_id": "d" * 65}, "device_id is longer than 64 characters"),
    ({"filters": {"persona": [1]}}, "filters must map facet names to text values"),
    ({"filters": ["CFO"]}, "filters are not facet -> values"),
    ({"detail": "note"}, "detail is not a JSON object"),
    ({"serach_event_id": "x"}, "unknown field 'serach_event_id'; an event has event_id"),
    ({"rank": 1}, "a search event does not come from a search"),
]


@pytest.mark.parametrize(("change", "cause"), BAD_LINES)
def test_a_bad_line_is_named_with_its_cause_and_nothing_is_read(
    tmp_path: Path, change: object, cause: str
) -> None:
    search = to_record(history()[0])
    bad = change if isinstance(change, str) else {**search, **change}  # type: ignore[dict-item]
    if isinstance(change, dict) and change.get("kind") == "search":
        bad = {"kind": "search"}
    path = tmp_path / "events.jsonl"
    lines = [json.dumps(search), bad if isinstance(bad, str) else json.dumps(bad)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(EventFileError) as raised:
        read_event_file(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: nothing imported; 1 bad line:")
    assert f"line 2: {cause}" in message


def test_an_asset_use_without_an_asset_and_a_file_without_events_are_refused(
    tmp_path: Path,
) -> None:
    opened = {**to_record(history()[1]), "asset_id": None}
    with pytest.raises(EventFileError, match="line 1: a open event needs an asset_id"):
        read_event_file(write_lines(tmp_path / "a.jsonl", [opened]))
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(EventFileError, match="empty.jsonl: no events in this file"):
        read_event_file(tmp_path / "empty.jsonl")


def test_many_bad_lines_show_the_first_twenty_and_how_many_more(tmp_path: Path) -> None:
    path = tmp_path / "junk.jsonl"
    path.write_text("junk\n" * 50, encoding="utf-8")
    message = str(pytest.raises(EventFileError, read_event_file, path).value)
    assert "50 bad lines" in message and "line 20: not JSON" in message
    assert "line 21:" not in message and "… and 30 more bad lines" in message


def test_a_missing_unreadable_or_binary_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(EventFileError, match=r"nope\.jsonl: no such file"):
        read_event_file(tmp_path / "nope.jsonl")
    with pytest.raises(EventFileError, match="is a folder"):
        read_event_file(tmp_path)
    (tmp_path / "latin.jsonl").write_bytes(b"\xff\xfe{}\n")
    with pytest.raises(EventFileError, match="line 1: not UTF-8 text"):
        read_event_file(tmp_path / "latin.jsonl")


def test_importing_keeps_ids_times_and_identities_and_twice_adds_once(tmp_path: Path) -> None:
    events = history()
    with UsageLog(tmp_path / "usage.sqlite", identity=ME) as log:
        assert log.import_events(events[:3]) == 3
        assert log.import_events(events) == 2  # only the new ones count
        assert log.import_events(events) == 0
        assert without_seq(log.events()) == events


# --- imported events synced on ----------------------------------------------------------------


def test_the_search_link_role_team_and_deal_survive_a_folder_and_sqlite(tmp_path: Path) -> None:
    settings = Settings(library=None, home=tmp_path / "me")
    folder, database = tmp_path / "share", f"sqlite:///{tmp_path / 'central.sqlite'}"
    with UsageLog(settings.usage_db, identity=ME) as log:
        log.import_events(history())
        searched = log.record_search("roi", {}, 1)
        log.record("open", asset_id="roi.pdf", came_from=None, deal_id="006-own")
        for where in (str(folder), database):
            target = open_target(where)
            sync(log, target)
            target.close()
        local = sorted((EventRecord.of(e) for e in log.events()), key=by_id)
    assert searched.role == "rep"
    for where in (str(folder), database):
        loaded = load_events(settings, where)
        assert loaded.problems == ()
        assert sorted(loaded.events, key=by_id) == local


def test_the_search_link_role_team_and_deal_survive_postgres(
    tmp_path: Path, postgres_url: str
) -> None:
    settings = Settings(library=None, home=tmp_path / "me")
    with UsageLog(settings.usage_db, identity=ME) as log:
        log.import_events(history())
        target = open_target(postgres_url)
        assert sync(log, target).sent == 5
        target.close()
        local = sorted((EventRecord.of(e) for e in log.events()), key=by_id)
    assert sorted(load_events(settings, postgres_url).events, key=by_id) == local
    share = next(e for e in local if e.kind == "share")
    assert (share.rank, share.team, share.deal_id) == (1, "EMEA retail", "006Dn000004")


def test_hashed_search_text_keeps_the_link_role_and_team(tmp_path: Path) -> None:
    events = history()
    for event in events:
        hidden = redacted(event)
        assert [getattr(hidden, f) for f in LINK_FIELDS] == [getattr(event, f) for f in LINK_FIELDS]
    assert redacted(events[0]).detail["shown"] == ["a.pdf", "b.pdf"]  # ids say nothing of words
    shared = tmp_path / "share"
    with UsageLog(tmp_path / "usage.sqlite", identity=ME) as log:
        log.import_events(events)
        sync(log, FolderTarget(shared), redact_queries=True)
    sent = {e["event_id"]: e for e in read_folder(shared).events}
    for event in events:
        assert [sent[event.event_id][f] for f in LINK_FIELDS] == [
            getattr(event, f) for f in LINK_FIELDS
        ]
    assert sent[events[0].event_id]["query"].startswith("sha256:")


def test_an_imported_event_of_another_device_does_not_take_over_its_folder(
    tmp_path: Path,
) -> None:
    """A batch goes under the folder of the device that sends it: filed under the device of
    its first (imported) event, its name told that device's own sync it had sent events it
    had not, and they never reached the store."""
    shared = tmp_path / "share"
    other = Identity("device-other", "user-other")
    with UsageLog(tmp_path / "other" / "usage.sqlite", identity=other) as theirs:
        own = [theirs.record_search(f"q{n}", {}, n) for n in range(10)]
    with UsageLog(tmp_path / "me" / "usage.sqlite", identity=ME) as mine:
        mine.import_events(own[:1])  # a demo of theirs, then my own searches
        for n in range(5):
            mine.record_search(f"mine {n}", {}, n)
        sync(mine, FolderTarget(shared))
    assert [p.name for p in (shared / "events").iterdir()] == [ME.device_id]
    with UsageLog(tmp_path / "other" / "usage.sqlite", identity=other) as theirs:
        assert sync(theirs, FolderTarget(shared)).sent == 10
    stored = {e["event_id"] for e in read_folder(shared).events}
    assert {e.event_id for e in own} <= stored and len(stored) == 15


def test_backdated_imports_do_not_hide_newer_batches_from_a_period(tmp_path: Path) -> None:
    """Batches of one device no longer run oldest to newest once old events are imported:
    a reader skipping the older ones must look at each, not bisect."""
    shared, since = tmp_path / "share", NOW - timedelta(days=30)
    old = [replace(e, occurred_at=e.occurred_at - timedelta(days=200)) for e in history()]
    with UsageLog(tmp_path / "usage.sqlite", identity=ME) as log:
        log.record_search("today 1", {}, 1)
        sync(log, FolderTarget(shared))
        log.import_events(old[:2])
        sync(log, FolderTarget(shared))
        log.record_search("today 2", {}, 1)
        log.import_events(old[2:])  # one batch: a new event first, then old ones
        sync(log, FolderTarget(shared))
    recent = read_folder(shared, since=since)
    assert sorted(e["query"] for e in recent.events) == ["today 1", "today 2"]
    assert recent.batches_skipped == 1
    assert len(read_folder(shared).events) == 7


def by_id(event: EventRecord) -> str:
    return event.event_id
