"""The local usage database's form: its tables, their version (`PRAGMA user_version`) and how
a connection to the SQLite file is set up (write-ahead log, one writer at a time)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Dialect,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
    create_engine,
    event,
)
from sqlalchemy.engine import URL

SCHEMA_VERSION = 4  # PRAGMA user_version; 2 added sync_state, 3 the search link, role and team,
# 4 the deals


class UTCDateTime(TypeDecorator[datetime]):
    """Naive UTC in the database (SQLite has no time zones), aware UTC in Python."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("usage times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


metadata = MetaData()
events = Table(
    "usage_events",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("occurred_at", UTCDateTime(), nullable=False),
    Column("device_id", String, nullable=False),
    Column("user_id", String, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("asset_id", String),
    Column("query", String),
    Column("filters", JSON(none_as_null=True)),
    Column("hit_count", Integer),
    Column("search_event_id", String(36)),
    Column("rank", Integer),
    Column("role", String(16), nullable=False, server_default="rep"),
    Column("team", String),
    Column("deal_id", String),
    Column("detail", JSON(none_as_null=True)),
    # A seq is never reused, even after rows are deleted: a watermark must only move forward.
    sqlite_autoincrement=True,
)
Index("usage_events_kind_asset", events.c.kind, events.c.asset_id)
# Columns added after version 1, as `ALTER TABLE` adds them to an older database.
ADDED_COLUMNS = {
    "search_event_id": "VARCHAR(36)",
    "rank": "INTEGER",
    "role": "VARCHAR(16) NOT NULL DEFAULT 'rep'",
    "team": "VARCHAR",
    "deal_id": "VARCHAR",
}
favorites = Table(
    "favorites",
    metadata,
    Column("asset_id", String, primary_key=True),
    Column("seq", Integer, nullable=False),  # of the favoring event: an order without clock ties
)
# What was sent where: one row per sync target, the last event (by seq) it holds.
sync_state = Table(
    "sync_state",
    metadata,
    Column("target", String, primary_key=True),
    Column("sent_seq", Integer, nullable=False),
    Column("succeeded_at", UTCDateTime()),
)


# The CRM's opportunities as last imported (contentfinder.deals): the CRM's own words, mapped
# to the taxonomy when used.
deals = Table(
    "deals",
    metadata,
    Column("deal_id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("account", String),
    Column("stage", String),
    Column("outcome", String(8), nullable=False),  # open, won, lost
    Column("amount", Float),
    Column("currency", String(8)),
    Column("close_date", Date),
    Column("industry", String),
    Column("contact_title", String),
    Column("owner", String),
    Column("source", String(16), nullable=False),
    Column("imported_at", UTCDateTime(), nullable=False),
)
# Each stage a deal was seen at, from the import that first saw it there: what stage a deal
# was at when a rep used an asset for it, after the CRM has moved it on to "Closed Won".
deal_stages = Table(
    "deal_stages",
    metadata,
    Column("deal_id", String, primary_key=True),
    Column("stage", String, primary_key=True),
    Column("seen_at", UTCDateTime(), nullable=False),
)


def stored_version(conn: Connection) -> int:
    return conn.exec_driver_sql("PRAGMA user_version").scalar_one()


def create_schema(conn: Connection) -> None:
    """The tables of this version, added to an older database (they only ever grow): new
    tables are created, new columns of `usage_events` added; old rows keep their values and
    read as a rep's uses without a search link."""
    present = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(usage_events)")}
    if present:
        for name, declared in ADDED_COLUMNS.items():
            if name not in present:
                conn.exec_driver_sql(f"ALTER TABLE usage_events ADD COLUMN {name} {declared}")
    metadata.create_all(conn)
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS usage_events_search ON usage_events (search_event_id)"
    )
    conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def engine_for(database: Path) -> Engine:
    """An engine whose transactions start with the `contentfinder_begin` execution option
    (`BEGIN IMMEDIATE` for a writer), in WAL mode with `synchronous=NORMAL` (see `UsageLog`)."""
    engine = create_engine(
        URL.create("sqlite", database=str(database)),
        # Made in one thread, used in another (the log's lock keeps it to one at a time); a
        # busy database (a sync reading it) is waited for, not failed on.
        connect_args={"check_same_thread": False, "timeout": 30.0},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        # The driver's own implicit transactions would defeat BEGIN IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("contentfinder_begin", "BEGIN"))

    return engine
