"""The central store as a database (SPEC §3; PostgreSQL for a team, SQLite for a try): the
sync's database target, which stores a batch of events, each once. The database refuses a
second row with one event id (the primary key), so a batch sent twice inserts once."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Insert, create_engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from contentfinder.usage import central_schema
from contentfinder.usage.central_schema import cause_of, usage_events
from contentfinder.usage.events import UsageEvent, to_row
from contentfinder.usage.targets import DatabaseAddress, SyncError

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class DatabaseTarget:
    def __init__(self, address: DatabaseAddress) -> None:
        self.key = f"database:{address.shown}"  # what the watermark is kept under
        try:
            self.engine = create_engine(address.url, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise SyncError(f"{address.shown}: not a usable database URL ({exc})") from exc
        self._ready = False

    def has_through(self, device_id: str) -> int:
        return 0  # the primary key refuses duplicates; the local watermark is enough

    def ensure_schema(self) -> None:
        """Creates the central tables on first use; brings an older version up to date."""
        try:
            with self.engine.begin() as conn:
                central_schema.ensure_schema(conn, where=self.key)
        except SQLAlchemyError as exc:
            raise SyncError(f"{self.key}: cannot use the database ({cause_of(exc)})") from exc

    def send(self, events: Sequence[UsageEvent], sender: str | None = None) -> int:
        if not self._ready:
            self.ensure_schema()
            self._ready = True
        rows = [to_row(e) for e in events]
        try:
            with self.engine.begin() as conn:
                statement = _insert_new_only(conn.dialect.name).values(rows)
                # The ids that went in: rowcount is -1 for some drivers' multi-row inserts.
                return len(conn.execute(statement.returning(usage_events.c.event_id)).all())
        except SQLAlchemyError as exc:
            raise SyncError(f"{self.key}: cannot write the events ({cause_of(exc)})") from exc

    def close(self) -> None:
        self.engine.dispose()


def _insert_new_only(dialect: str) -> Insert:
    insert = _INSERTS.get(dialect)
    if insert is None:  # the address parser admits only these; a guard, not a path
        raise SyncError(f"databases of kind '{dialect}' are not supported: use PostgreSQL")
    return insert(usage_events).on_conflict_do_nothing(index_elements=["event_id"])
