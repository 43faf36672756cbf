"""The local usage log (SPEC §3): what the rep searched for and which assets they used, in an
SQLite file in their home folder, on disk before each `record…` call returns; the favorites
and recently used assets drawn from it, and each sync target's watermark.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Select, delete, func, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from contentfinder.config import Settings
from contentfinder.preferences import Preferences
from contentfinder.usage import local_db
from contentfinder.usage.events import (
    USED_KINDS,
    UsageEvent,
    check_kind,
    from_fields,
    new_event,
    to_row,
)
from contentfinder.usage.identity import (
    Identity,
    identity_for,
)
from contentfinder.usage.log_error import UsageLogError
from contentfinder.usage.outcomes import SearchLink, SearchOutcome

__all__ = ["UsageLog", "UsageLogError", "open_usage_log"]

_events = local_db.events
_favorites = local_db.favorites
_sync_state = local_db.sync_state
_IMPORT_CHUNK = 1000
Link = SearchLink | None  # the search a use came from
Id = str | None


class UsageLog:
    """The usage database of one home. Safe to share between threads (one lock serialises
    all access); every write is committed before the call returns, so a process killed or
    crashing right after loses nothing: the commit is in the write-ahead log, which the
    operating system holds. `synchronous=NORMAL`, not FULL: an fsync per event took 150-230 ms
    while an index run was writing, and it runs on the app's GUI thread. Only a power cut or a
    kernel crash in the next moments could cost the last events."""

    def __init__(self, database: Path, *, identity: Identity) -> None:
        self.database = database
        self.identity = identity
        self._lock = threading.RLock()
        try:
            database.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageLogError(
                f"{database.parent}: cannot create the folder for the usage log "
                f"({exc.strerror or exc})"
            ) from exc
        self._engine = local_db.engine_for(database)
        try:
            self._create_schema()
        except BaseException:
            self._engine.dispose()
            raise

    def __enter__(self) -> UsageLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._engine.dispose()

    # --- recording --------------------------------------------------------------------------

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
        with self._transaction(write=True) as conn:
            return _insert(conn, event)

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

    # A use's `deal_id`: the CRM deal the rep chose to prepare for (SPEC §3), None: no deal.

    def record_open(self, asset_id: str, came_from: Link = None, deal_id: Id = None) -> UsageEvent:
        return self.record("open", asset_id=asset_id, came_from=came_from, deal_id=deal_id)

    def record_preview(
        self,
        asset_id: str,
        seconds: float | None = None,
        came_from: Link = None,
        deal_id: Id = None,
    ) -> UsageEvent:
        """The rep looked at the asset in the preview for `seconds` (up to the time that
        makes it an engaged use; None: not measured)."""
        detail = None if seconds is None else {"seconds": round(float(seconds), 1)}
        return self.record(
            "preview", asset_id=asset_id, detail=detail, came_from=came_from, deal_id=deal_id
        )

    def record_copy(self, asset_id: str, came_from: Link = None, deal_id: Id = None) -> UsageEvent:
        return self.record("copy", asset_id=asset_id, came_from=came_from, deal_id=deal_id)

    def record_share(self, asset_id: str, came_from: Link = None, deal_id: Id = None) -> UsageEvent:
        """The asset was dragged out of the app (into a mail, a chat, a folder)."""
        return self.record("share", asset_id=asset_id, came_from=came_from, deal_id=deal_id)

    def record_feedback(
        self, query: str, filters: Mapping[str, Sequence[str]], message: str = ""
    ) -> UsageEvent:
        """The rep said this search did not find what they needed."""
        return self.record("feedback", query=query, filters=filters, detail={"message": message})

    def set_favorite(self, asset_id: str, on: bool) -> UsageEvent:
        event = new_event(self.identity, "favorite", asset_id, detail={"on": bool(on)})
        with self._transaction(write=True) as conn:
            stored = _insert(conn, event)
            if on:
                upsert = sqlite_insert(_favorites).values(asset_id=asset_id, seq=stored.seq)
                newest = {"seq": stored.seq}  # favored again: back to the top
                conn.execute(upsert.on_conflict_do_update(index_elements=["asset_id"], set_=newest))
            else:
                conn.execute(delete(_favorites).where(_favorites.c.asset_id == asset_id))
        return stored

    # --- reading ----------------------------------------------------------------------------

    def favorites(self) -> list[str]:
        """Favorite asset ids, the most recently favored first."""
        with self._transaction() as conn:
            rows = conn.execute(select(_favorites.c.asset_id).order_by(_favorites.c.seq.desc()))
            return list(rows.scalars())

    def is_favorite(self, asset_id: str) -> bool:
        with self._transaction() as conn:
            found = conn.execute(select(_favorites.c.seq).where(_favorites.c.asset_id == asset_id))
            return found.first() is not None

    def recent(self, limit: int = 20) -> list[str]:
        """Assets last opened, previewed, copied or shared, each once, the newest first."""
        last = func.max(_events.c.seq).label("last")
        newest = (
            select(_events.c.asset_id, last)
            .where(_events.c.kind.in_(USED_KINDS), _events.c.asset_id.is_not(None))
            .group_by(_events.c.asset_id)
            .order_by(last.desc())
            .limit(limit)
        )
        with self._transaction() as conn:
            return [row.asset_id for row in conn.execute(newest)]

    def events(
        self, *, kinds: Iterable[str] | None = None, since: datetime | None = None
    ) -> list[UsageEvent]:
        """Recorded events in the order they were recorded; only those that occurred at or
        after `since` (aware) when it is given."""
        chosen = select(_events).order_by(_events.c.seq)
        if kinds is not None:
            chosen = chosen.where(_events.c.kind.in_([check_kind(kind) for kind in kinds]))
        if since is not None:
            chosen = chosen.where(_events.c.occurred_at >= since)
        return self._read(chosen)

    def import_events(self, events: Iterable[UsageEvent]) -> int:
        """Adds events made elsewhere (another tool, a demo, a test), keeping their ids,
        times and identities, in one transaction; an id the log already holds is skipped, so
        importing a file twice adds it once. Returns how many were new. They sync on like
        the log's own."""
        statement = sqlite_insert(_events).on_conflict_do_nothing()
        count = select(func.count()).select_from(_events)
        rows = [to_row(event) for event in events]
        with self._transaction(write=True) as conn:
            before = conn.execute(count).scalar_one()
            # Many rows a statement: one at a time, 50,000 events took 22 s; in chunks, under 2 s.
            for start in range(0, len(rows), _IMPORT_CHUNK):
                conn.execute(statement, rows[start : start + _IMPORT_CHUNK])
            return conn.execute(count).scalar_one() - before

    # --- sync -------------------------------------------------------------------------------

    def events_after(self, seq: int, *, limit: int) -> list[UsageEvent]:
        """Up to `limit` events recorded after the one numbered `seq`, in order."""
        return self._read(
            select(_events).where(_events.c.seq > seq).order_by(_events.c.seq).limit(limit)
        )

    def sent_seq(self, target: str) -> int:
        """The watermark: every event up to this number is in `target`."""
        chosen = select(_sync_state.c.sent_seq).where(_sync_state.c.target == target)
        with self._transaction() as conn:
            return conn.execute(chosen).scalar_one_or_none() or 0

    def mark_sent(self, target: str, seq: int, *, succeeded_at: datetime | None = None) -> None:
        """Moves the watermark of `target` forward (never back)."""
        at = succeeded_at or datetime.now(UTC)
        with self._transaction(write=True) as conn:
            current = conn.execute(
                select(_sync_state.c.sent_seq).where(_sync_state.c.target == target)
            ).scalar_one_or_none()
            if current is None:
                conn.execute(
                    _sync_state.insert().values(target=target, sent_seq=seq, succeeded_at=at)
                )
            else:
                conn.execute(
                    _sync_state.update()
                    .where(_sync_state.c.target == target)
                    .values(sent_seq=max(seq, current), succeeded_at=at)
                )

    def sync_status(self, target: str) -> tuple[int, datetime | None]:
        """(events waiting to be sent to `target`, when a sync to it last succeeded)."""
        with self._transaction() as conn:
            row = conn.execute(
                select(_sync_state.c.sent_seq, _sync_state.c.succeeded_at).where(
                    _sync_state.c.target == target
                )
            ).first()
            sent = row.sent_seq if row else 0
            waiting = conn.execute(
                select(func.count()).select_from(_events).where(_events.c.seq > sent)
            ).scalar_one()
        return waiting, (row.succeeded_at if row else None)

    # --- inside -----------------------------------------------------------------------------

    def _read(self, chosen: Select) -> list[UsageEvent]:
        with self._transaction() as conn:
            return [from_fields(row._mapping, seq=row.seq) for row in conn.execute(chosen)]

    def _create_schema(self) -> None:
        with self._transaction(write=True) as conn:
            version = local_db.stored_version(conn)
            if version > local_db.SCHEMA_VERSION:
                raise UsageLogError(
                    f"{self.database}: written by a newer contentfinder (usage schema "
                    f"{version}); update contentfinder to use it"
                )
            if version < local_db.SCHEMA_VERSION:
                local_db.create_schema(conn)

    @contextmanager
    def _transaction(self, *, write: bool = False) -> Iterator[Connection]:
        """One transaction, committed when the block ends; database errors become
        `UsageLogError`s naming the file."""
        try:
            with self._lock, self._engine.connect() as conn:
                # A writer takes the write lock at BEGIN, so two processes creating the schema
                # (or recording) wait for each other instead of failing on a stale snapshot.
                conn.execution_options(contentfinder_begin="BEGIN IMMEDIATE" if write else "BEGIN")
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            cause = exc.orig if isinstance(exc, DBAPIError) else exc
            raise UsageLogError(f"{self.database}: cannot use the usage log ({cause})") from exc


def _insert(conn: Connection, event: UsageEvent) -> UsageEvent:
    result = conn.execute(insert(_events).values(to_row(event)))
    return replace(event, seq=result.inserted_primary_key[0])


def open_usage_log(settings: Settings, *, preferences: Preferences) -> UsageLog:
    """The log in the settings' home, recording under the rep's name only if they opted in.
    The preferences are the caller's, read once per command: this never reads them again."""
    identity = identity_for(settings.home, preferences)
    return UsageLog(settings.usage_db, identity=identity)
