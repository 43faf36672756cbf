"""Usage sync to a real PostgreSQL server, started for the test run: exactly once through
kills, restarts and three devices at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from contentfinder.config import Settings
from contentfinder.usage.central_schema import CENTRAL_SCHEMA_VERSION
from contentfinder.usage.store import load_events
from contentfinder.usage.sync import open_target, sync
from tests.usage.test_sync import kill_at_random_points, make_log, record, three_devices_at_once


def central_ids(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text("SELECT event_id FROM usage_events"))]
    finally:
        engine.dispose()


def test_postgres_gets_each_event_once_with_its_schema(tmp_path: Path, postgres_url: str) -> None:
    with make_log(tmp_path / "rep") as log:
        record(log, 5)
        log.record_feedback("helm chart", {"persona": ["CISO"]}, "nothing found")
        target = open_target(postgres_url)
        assert sync(log, target, batch_size=4).sent == 6
        assert target.send(log.events_after(0, limit=10)) == 0  # resent: refused
        assert sync(log, target).sent == 0
        target.close()
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version FROM contentfinder_schema")).scalar_one()
        feedback = conn.execute(
            text("SELECT query, filters, detail FROM usage_events WHERE kind = 'feedback'")
        ).one()
    engine.dispose()
    assert version == CENTRAL_SCHEMA_VERSION
    assert feedback == ("helm chart", {"persona": ["CISO"]}, {"message": "nothing found"})
    assert len(central_ids(postgres_url)) == 6


def test_postgres_restarting_between_syncs_loses_and_doubles_nothing(
    tmp_path: Path, postgres_server, postgres_url: str
) -> None:
    with make_log(tmp_path / "rep") as log:
        record(log, 3)
        target = open_target(postgres_url)
        sync(log, target)
        postgres_server.restart()
        record(log, 2)
        assert sync(log, target).sent == 2  # the pool reconnects
        target.close()
        local = sorted(e.event_id for e in log.events())
    assert sorted(central_ids(postgres_url)) == local


def test_killed_at_random_points_postgres_has_every_event_once(
    tmp_path: Path, postgres_url: str
) -> None:
    home = tmp_path / "rep"
    kill_at_random_points(home, postgres_url, kills=5, seed=3)
    with make_log(home) as log:
        target = open_target(postgres_url)
        sync(log, target)
        target.close()
        local = sorted(e.event_id for e in log.events())
    assert len(local) > 7 and sorted(central_ids(postgres_url)) == local


def test_three_devices_sync_to_postgres_at_once(tmp_path: Path, postgres_url: str) -> None:
    local = three_devices_at_once(tmp_path, postgres_url)
    assert sorted(central_ids(postgres_url)) == sorted(local)


def test_postgres_reads_back_since_in_the_query_with_empty_filters_kept(
    tmp_path: Path, postgres_url: str
) -> None:
    now = datetime.now(UTC)
    with make_log(tmp_path / "rep") as log:
        log.record_search("roi", {}, 2)
        log.record_open("roi.pdf")
        log.record_search("old", {"persona": ["CFO"]}, 1)
        target = open_target(postgres_url)
        events = log.events()
        target.send([*events[:2], replace(events[2], occurred_at=now - timedelta(days=60))])
        target.close()
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT kind, filters::text, filters IS NULL FROM usage_events ORDER BY query")
        ).all()
    engine.dispose()
    assert sorted(stored) == [
        ("open", None, True),
        ("search", '{"persona": ["CFO"]}', False),
        ("search", "{}", False),
    ]
    settings = Settings(library=None, home=tmp_path / "reports")
    recent = load_events(settings, postgres_url, since=now - timedelta(days=30))
    assert sorted((e.kind, e.query, e.filters) for e in recent.events) == [
        ("open", None, {}),
        ("search", "roi", {}),
    ]
    assert len(load_events(settings, postgres_url).events) == 3
    # A report says where its events came from: never with the password (the server trusts).
    with_password = postgres_url.replace("postgres@", "postgres:secret@")
    loaded = load_events(settings, with_password)
    assert len(loaded.events) == 3 and "secret" not in loaded.source
    assert "postgres:***@" in loaded.source
