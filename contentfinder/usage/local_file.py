"""Recording one use in the local usage log with the standard library's sqlite3, for a
one-shot command: importing SQLAlchemy and building its engine cost a `contentfinder search`
more than the search itself. Only appending is done here; `local_db` stays the one truth of
the schema (a database not at its version, or new, is left to `UsageLog`, which creates and
migrates it), and the row is the one `UsageLog` writes: the same columns, `occurred_at` as
naive UTC in SQLAlchemy's SQLite form, JSON columns as SQLAlchemy's JSON type dumps them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC
from pathlib import Path

from contentfinder.usage.events import EVENT_FIELDS, UsageEvent, new_event, to_row
from contentfinder.usage.identity import Identity
from contentfinder.usage.outcomes import SearchLink, SearchOutcome

# local_db.SCHEMA_VERSION, which this module must not import (it brings SQLAlchemy);
# tests/usage/test_local_file.py checks that the two agree.
SCHEMA_VERSION = 4
TABLE = "usage_events"  # local_db.events.name
JSON_FIELDS = frozenset({"filters", "detail"})
_INSERT = (
    f"INSERT INTO {TABLE} ({', '.join(EVENT_FIELDS)}) "
    f"VALUES ({', '.join('?' for _ in EVENT_FIELDS)})"
)


class NotCurrent(Exception):
    """The database is missing or not at this version: `UsageLog` must create or migrate it."""


class QuickLog:
    """Appends events to an existing usage database of the current version, as `UsageLog`'s
    `record…` methods do (the same rows, committed before the call returns)."""

    def __init__(self, database: Path, *, identity: Identity) -> None:
        self.database = database
        self.identity = identity
        if not database.is_file():
            raise NotCurrent(str(database))
        # The same connection set-up as local_db.engine_for: autocommit (BEGIN IMMEDIATE
        # below), WAL, synchronous=NORMAL, a busy database waited for.
        self._conn = sqlite3.connect(database, timeout=30.0, isolation_level=None)
        try:
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise NotCurrent(f"{database}: usage schema {version}")
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        except BaseException:
            self._conn.close()
            raise

    def __enter__(self) -> QuickLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def record(
        self,
        kind: str,
        *,
        asset_id: str | None = None,
        query: str | None = None,
        filters: Mapping[str, Sequence[str]] | None = None,
        hit_count: int | None = None,
        detail: Mapping[str, object] | None = None,
        came_from: SearchLink | None = None,
        deal_id: str | None = None,
    ) -> UsageEvent:
        event = new_event(
            self.identity, kind, asset_id, query, filters, hit_count, detail, came_from, deal_id
        )
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            cursor = self._conn.execute(_INSERT, stored_values(event))
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        return replace(event, seq=cursor.lastrowid)

    def record_search(
        self,
        query: str,
        filters: Mapping[str, Sequence[str]],
        hit_count: int,
        outcome: SearchOutcome | None = None,
    ) -> UsageEvent:
        detail = outcome.detail() if outcome is not None else None
        return self.record(
            "search", query=query, filters=filters, hit_count=hit_count, detail=detail
        )

    def record_open(self, asset_id: str, came_from: SearchLink | None = None) -> UsageEvent:
        return self.record("open", asset_id=asset_id, came_from=came_from)


def stored_values(event: UsageEvent) -> tuple[object, ...]:
    """The event's row in `EVENT_FIELDS` order, as SQLAlchemy binds it for SQLite."""
    row = to_row(event)
    row["occurred_at"] = (
        event.occurred_at.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    )
    for name in JSON_FIELDS:
        if row[name] is not None:
            row[name] = json.dumps(row[name])
    return tuple(row[name] for name in EVENT_FIELDS)
