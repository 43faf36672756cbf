"""Usage sync to a real PostgreSQL server, started for the test run: exactly once through
kills, restarts and three devices at once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

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
    assert version == 2
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
