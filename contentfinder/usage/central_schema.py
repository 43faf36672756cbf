"""The central store's database form (SPEC §3): the `usage_events` table, its schema version
and the migration from older versions. Shared by the sync that writes it and by the reports
that read it back."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from contentfinder.usage.targets import SyncError

CENTRAL_SCHEMA_VERSION = 3  # 2 added `detail`; 3 the search link, role, team and deal

metadata = MetaData()
usage_events = Table(
    "usage_events",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("user_id", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("asset_id", String),
    Column("query", String),
    # No value is SQL NULL, as in the local log (not JSON null): `WHERE filters IS NULL` works.
    Column("filters", JSON(none_as_null=True)),
    Column("hit_count", Integer),
    Column("search_event_id", String(36)),
    Column("rank", Integer),
    Column("role", String(16), nullable=False, server_default="rep"),
    Column("team", String(200)),
    Column("deal_id", String(200)),
    Column("detail", JSON(none_as_null=True)),
)
# What each version added to `usage_events`, as the migration adds it (SQL of both backends).
_ADDED_COLUMNS = {
    2: {"detail": "{json}"},
    3: {
        "search_event_id": "VARCHAR(36)",
        "rank": "INTEGER",
        "role": "VARCHAR(16) NOT NULL DEFAULT 'rep'",
        "team": "VARCHAR(200)",
        "deal_id": "VARCHAR(200)",
    },
}
Index("usage_events_search", usage_events.c.search_event_id)
schema_versions = Table(
    "contentfinder_schema",
    metadata,
    Column("version", Integer, primary_key=True),
)


def stored_version(conn: Connection) -> int | None:
    """The version of the central tables in this database; None when there are none."""
    names = set(inspect(conn).get_table_names())
    if "usage_events" not in names:
        return None
    if "contentfinder_schema" not in names:
        return 1  # the first central tables had no version table
    return conn.execute(select(schema_versions.c.version)).scalar() or 1


def ensure_schema(conn: Connection, *, where: str) -> None:
    """Creates the central tables on first use; brings an older version up to date. `where`
    names the store in the SyncError of a store made by a newer contentfinder."""
    version = stored_version(conn)
    if version is None:
        metadata.create_all(conn)
        conn.execute(schema_versions.insert().values(version=CENTRAL_SCHEMA_VERSION))
        return
    if version > CENTRAL_SCHEMA_VERSION:
        raise SyncError(
            f"{where}: the central store was made by a newer contentfinder "
            f"(schema {version}); update contentfinder to sync to it"
        )
    if version < CENTRAL_SCHEMA_VERSION:
        json_type = "JSONB" if conn.dialect.name == "postgresql" else "JSON"
        present = event_columns(conn)
        for added in range(version + 1, CENTRAL_SCHEMA_VERSION + 1):
            for name, declared in _ADDED_COLUMNS[added].items():
                if name not in present:  # a migration cut short adds only what is missing
                    sql = declared.format(json=json_type)
                    conn.execute(text(f"ALTER TABLE usage_events ADD COLUMN {name} {sql}"))
        # Whether or not the column was there: SQLite runs ALTER TABLE outside the
        # transaction, so a migration cut short may have added it and not the index.
        conn.execute(
            text("CREATE INDEX IF NOT EXISTS usage_events_search ON usage_events (search_event_id)")
        )
        schema_versions.create(conn, checkfirst=True)
        conn.execute(schema_versions.delete())
        conn.execute(schema_versions.insert().values(version=CENTRAL_SCHEMA_VERSION))


def event_columns(conn: Connection) -> set[str]:
    """The columns `usage_events` has here: an older store lacks the newer ones."""
    return {column["name"] for column in inspect(conn).get_columns("usage_events")}


def cause_of(exc: SQLAlchemyError) -> str:
    """The driver's own first line of a database error: what a rep can act on."""
    original = getattr(exc, "orig", None)
    return str(original or exc).strip().splitlines()[0]
