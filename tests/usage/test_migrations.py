"""Both stores made by an older contentfinder, for real: a local log of schema 2 written by hand
opens, gains the columns and keeps its rows; central stores of versions 1 and 2, on SQLite and
on the real PostgreSQL, migrate to 3 and then carry the search link, role, team and deal."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    inspect,
    text,
)

from contentfinder.config import Settings
from contentfinder.usage import central_schema, local_db
from contentfinder.usage.central_schema import CENTRAL_SCHEMA_VERSION
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from contentfinder.usage.store import EventRecord, load_events
from contentfinder.usage.sync import open_target, sync
from contentfinder.usage.sync_folder import FolderTarget
from tests.usage.test_events_import import history

ME = Identity("device-me", "user-me", role="marketing", team="Content")
OLD_ID = "0b9f3c1e-8a51-4f5e-9a43-3c2b1d0e9f11"

# --- the local log ----------------------------------------------------------------------------

# The local log as schema 2 made it (contentfinder before issue 13), word for word.
LOCAL_V2 = """
CREATE TABLE usage_events (
    seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    event_id VARCHAR(36) NOT NULL UNIQUE,
    occurred_at DATETIME NOT NULL,
    device_id VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL,
    kind VARCHAR(16) NOT NULL,
    asset_id VARCHAR,
    query VARCHAR,
    filters JSON,
    hit_count INTEGER,
    detail JSON
);
CREATE INDEX usage_events_kind_asset ON usage_events (kind, asset_id);
CREATE TABLE favorites (asset_id VARCHAR NOT NULL PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE sync_state (
    target VARCHAR NOT NULL PRIMARY KEY, sent_seq INTEGER NOT NULL, succeeded_at DATETIME
);
INSERT INTO usage_events VALUES
    (1, '0b9f3c1e-8a51-4f5e-9a43-3c2b1d0e9f11', '2026-05-04 10:00:00.000000', 'device-me',
     'user-me', 'search', NULL, 'roi', '{"persona": ["CFO"]}', 3, NULL),
    (2, '6a1c8d2e-0b3f-4e6a-8c9d-1e2f3a4b5c6d', '2026-05-04 10:01:00.000000', 'device-me',
     'user-me', 'open', 'roi.pdf', NULL, NULL, NULL, NULL),
    (3, '7b2d9e3f-1c4a-4f7b-9d0e-2f3a4b5c6d7e', '2026-05-05 09:00:00.000000', 'device-me',
     'user-me', 'favorite', 'roi.pdf', NULL, NULL, NULL, '{"on": true}');
INSERT INTO favorites VALUES ('roi.pdf', 3);
INSERT INTO sync_state VALUES ('folder:/somewhere', 2, '2026-05-04 11:00:00.000000');
PRAGMA user_version = 2;
"""


def local_v2(database: Path) -> None:
    database.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(database)
    conn.executescript(LOCAL_V2)
    conn.close()


def test_a_local_log_of_schema_2_gains_the_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    database = tmp_path / "me" / "usage.sqlite"
    local_v2(database)
    with UsageLog(database, identity=ME) as log:
        old = log.events()
        assert [(e.seq, e.kind, e.asset_id) for e in old] == [
            (1, "search", None),
            (2, "open", "roi.pdf"),
            (3, "favorite", "roi.pdf"),
        ]
        search = old[0]
        assert (search.event_id, search.query, search.filters, search.hit_count) == (
            OLD_ID,
            "roi",
            {"persona": ("CFO",)},
            3,
        )
        assert search.occurred_at == datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
        # Recorded before roles: a rep's, from no known search.
        assert {(e.role, e.team, e.search_event_id, e.rank, e.deal_id) for e in old} == {
            ("rep", None, None, None, None)
        }
        assert log.favorites() == ["roi.pdf"] and log.sent_seq("folder:/somewhere") == 2
        new = log.record_open("deck.pptx")
        assert (new.seq, new.role, new.team) == (4, "marketing", "Content")
    raw = sqlite3.connect(database)
    columns = {row[1] for row in raw.execute("PRAGMA table_info(usage_events)")}
    indexes = {row[1] for row in raw.execute("PRAGMA index_list(usage_events)")}
    version = raw.execute("PRAGMA user_version").fetchone()[0]
    raw.close()
    assert set(local_db.ADDED_COLUMNS) <= columns and "usage_events_search" in indexes
    assert version == local_db.SCHEMA_VERSION


def test_a_migrated_local_log_syncs_its_old_rows_as_reps(tmp_path: Path) -> None:
    settings = Settings(library=None, home=tmp_path / "me")
    local_v2(settings.usage_db)
    with UsageLog(settings.usage_db, identity=ME) as log:
        log.import_events(history())
        sync(log, FolderTarget(tmp_path / "share"))
        local = {e.event_id: EventRecord.of(e) for e in log.events()}
    loaded = {e.event_id: e for e in load_events(settings, str(tmp_path / "share")).events}
    assert loaded == local and loaded[OLD_ID].role == "rep"


# --- the central store ------------------------------------------------------------------------


def central_tables(version: int) -> MetaData:
    """The central tables as version 1 (no `detail`, no version table) or 2 made them."""
    metadata = MetaData()
    columns = [
        Column("event_id", String(36), primary_key=True),
        Column("occurred_at", DateTime(timezone=True), nullable=False),
        Column("device_id", String(64), nullable=False),
        Column("user_id", String(200), nullable=False),
        Column("kind", String(16), nullable=False),
        Column("asset_id", String),
        Column("query", String),
        Column("filters", JSON(none_as_null=True)),
        Column("hit_count", Integer),
    ]
    if version >= 2:
        columns.append(Column("detail", JSON(none_as_null=True)))
        Table("contentfinder_schema", metadata, Column("version", Integer, primary_key=True))
    Table("usage_events", metadata, *columns)
    return metadata


def make_central(url: str, version: int) -> None:
    engine = create_engine(url)
    metadata = central_tables(version)
    with engine.begin() as conn:
        metadata.create_all(conn)
        row = {
            "event_id": OLD_ID,
            "occurred_at": datetime(2026, 5, 4, 10, 0, tzinfo=UTC),
            "device_id": "device-old",
            "user_id": "user-old",
            "kind": "search",
            "query": "roi",
            "filters": {"persona": ["CFO"]},
            "hit_count": 3,
        }
        if version >= 2:
            row["detail"] = {"corrected": "roi"}
            conn.execute(metadata.tables["contentfinder_schema"].insert().values(version=2))
        conn.execute(metadata.tables["usage_events"].insert().values(row))
    engine.dispose()


def migrated_through_sync(tmp_path: Path, url: str, version: int) -> None:
    make_central(url, version)
    settings = Settings(library=None, home=tmp_path / "me")
    with UsageLog(settings.usage_db, identity=ME) as log:
        log.import_events(history())
        searched = log.record_search("soc 2", {}, 1)
        log.record("open", asset_id="soc2.pdf", deal_id="006-mine")
        target = open_target(url)
        assert sync(log, target).sent == 7
        target.close()
        local = {e.event_id: EventRecord.of(e) for e in log.events()}
    engine = create_engine(url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT version FROM contentfinder_schema")).scalars().all()
        columns = central_schema.event_columns(conn)
        indexes = {index["name"] for index in inspect(conn).get_indexes("usage_events")}
    engine.dispose()
    assert stored == [CENTRAL_SCHEMA_VERSION]
    assert {"detail", "search_event_id", "rank", "role", "team", "deal_id"} <= columns
    assert "usage_events_search" in indexes
    loaded = {e.event_id: e for e in load_events(settings, url).events}
    old = loaded.pop(OLD_ID)
    assert loaded == local
    assert (old.kind, old.query, old.filters, old.hit_count) == (
        "search",
        "roi",
        {"persona": ("CFO",)},
        3,
    )
    assert (old.role, old.team, old.search_event_id, old.rank) == ("rep", None, None, None)
    assert old.detail == ({"corrected": "roi"} if version == 2 else None)
    assert loaded[searched.event_id].role == "marketing"


@pytest.mark.parametrize("version", [1, 2])
def test_a_sqlite_central_store_migrates_to_3(tmp_path: Path, version: int) -> None:
    migrated_through_sync(tmp_path, f"sqlite:///{tmp_path / 'central.sqlite'}", version)


@pytest.mark.parametrize("version", [1, 2])
def test_a_postgres_central_store_migrates_to_3(
    tmp_path: Path, postgres_url: str, version: int
) -> None:
    migrated_through_sync(tmp_path, postgres_url, version)


def test_a_migration_cut_short_is_finished_with_its_index(tmp_path: Path) -> None:
    """SQLite runs ALTER TABLE outside the migration's transaction: a migration killed after
    adding the first new column left it there, and the next one skipped the index."""
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    make_central(url, 2)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE usage_events ADD COLUMN search_event_id VARCHAR(36)"))
    with engine.begin() as conn:
        central_schema.ensure_schema(conn, where=url)
    with engine.connect() as conn:
        indexes = {index["name"] for index in inspect(conn).get_indexes("usage_events")}
        columns = central_schema.event_columns(conn)
    engine.dispose()
    assert "usage_events_search" in indexes and {"rank", "role", "team", "deal_id"} <= columns
