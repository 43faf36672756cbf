"""The local usage log (SPEC §3): what the rep searched for and which assets they used, in an
SQLite file in their home folder, on disk before each `record…` call returns.

Also owns who is recording (`Identity`: a stable device id, and a pseudonym unless the rep
opted in to their name), the favorites and recently used assets drawn from the log, and
`SearchSettler`, which turns searching as you type into one event per settled query.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Dialect,
    Engine,
    Index,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    TypeDecorator,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from contentfinder.config import Settings
from contentfinder.files import atomic_write_json
from contentfinder.preferences import Preferences, load_preferences

KINDS = ("search", "open", "preview", "copy", "share", "favorite", "feedback")
ASSET_KINDS = frozenset({"open", "preview", "copy", "share", "favorite"})  # need an asset id
USED_KINDS = ("open", "preview", "copy", "share")  # what makes an asset "recently used"
SCHEMA_VERSION = 2  # PRAGMA user_version of the database; 2 added sync_state
IDENTITY_FILE = "identity.json"

Filters = dict[str, tuple[str, ...]]


class UsageLogError(Exception):
    """The usage database cannot be opened or written; the message names the file and cause."""


@dataclass(frozen=True)
class Identity:
    device_id: str
    user_id: str


@dataclass(frozen=True)
class UsageEvent:
    event_id: str
    occurred_at: datetime  # aware, UTC
    device_id: str
    user_id: str
    kind: str
    asset_id: str | None
    query: str | None
    filters: Filters | None  # facet -> values, as the search resolved them
    hit_count: int | None
    seq: int  # this device's order of recording: the sync's watermark, never sent
    detail: dict[str, Any] | None  # extras: a feedback message, a favorite on or off

    def to_json(self) -> dict[str, object]:
        """SPEC §3's fields, `occurred_at` as ISO 8601 UTC with Z, plus `detail`."""
        filters = self.filters
        return {
            "event_id": self.event_id,
            "occurred_at": self.occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "device_id": self.device_id,
            "user_id": self.user_id,
            "kind": self.kind,
            "asset_id": self.asset_id,
            "query": self.query,
            "filters": None if filters is None else {f: list(v) for f, v in filters.items()},
            "hit_count": self.hit_count,
            "detail": self.detail,
        }


def load_identity(home: Path, *, display_name: str | None = None) -> Identity:
    """This install's device id and pseudonym, made on first use and the same ever after;
    the user id is `display_name` instead when one is given (the rep opted in)."""
    path = home / IDENTITY_FILE
    stored = _read_identity(path)
    if stored is None:
        stored = {"device_id": str(uuid.uuid4()), "pseudonym": f"user-{secrets.token_hex(8)}"}
        atomic_write_json(path, stored)
    name = (display_name or "").strip()
    return Identity(device_id=stored["device_id"], user_id=name or stored["pseudonym"])


def _read_identity(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, ValueError):
        return None  # damaged: a new identity beats no usage log at all
    if not isinstance(data, dict):
        return None
    if not all(isinstance(data.get(k), str) and data[k] for k in ("device_id", "pseudonym")):
        return None
    return data


class _UTCDateTime(TypeDecorator[datetime]):
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


_metadata = MetaData()
_events = Table(
    "usage_events",
    _metadata,
    Column("seq", Integer, primary_key=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("occurred_at", _UTCDateTime(), nullable=False),
    Column("device_id", String, nullable=False),
    Column("user_id", String, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("asset_id", String),
    Column("query", String),
    Column("filters", JSON(none_as_null=True)),
    Column("hit_count", Integer),
    Column("detail", JSON(none_as_null=True)),
    # A seq is never reused, even after rows are deleted: a watermark must only move forward.
    sqlite_autoincrement=True,
)
Index("usage_events_kind_asset", _events.c.kind, _events.c.asset_id)
_favorites = Table(
    "favorites",
    _metadata,
    Column("asset_id", String, primary_key=True),
    Column("seq", Integer, nullable=False),  # of the favoring event: an order without clock ties
)


# What was sent where: one row per sync target, the last event (by seq) it holds.
_sync_state = Table(
    "sync_state",
    _metadata,
    Column("target", String, primary_key=True),
    Column("sent_seq", Integer, nullable=False),
    Column("succeeded_at", _UTCDateTime()),
)


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
        self._engine = _engine_for(database)
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
    ) -> UsageEvent:
        event = self._new_event(kind, asset_id, query, filters, hit_count, detail)
        with self._transaction(write=True) as conn:
            return _insert(conn, event)

    def record_search(
        self, query: str, filters: Mapping[str, Sequence[str]], hit_count: int
    ) -> UsageEvent:
        return self.record("search", query=query, filters=filters, hit_count=hit_count)

    def record_open(self, asset_id: str) -> UsageEvent:
        return self.record("open", asset_id=asset_id)

    def record_preview(self, asset_id: str) -> UsageEvent:
        return self.record("preview", asset_id=asset_id)

    def record_copy(self, asset_id: str) -> UsageEvent:
        return self.record("copy", asset_id=asset_id)

    def record_share(self, asset_id: str) -> UsageEvent:
        """The asset was dragged out of the app (into a mail, a chat, a folder)."""
        return self.record("share", asset_id=asset_id)

    def record_feedback(
        self, query: str, filters: Mapping[str, Sequence[str]], message: str = ""
    ) -> UsageEvent:
        """The rep said this search did not find what they needed."""
        return self.record("feedback", query=query, filters=filters, detail={"message": message})

    def set_favorite(self, asset_id: str, on: bool) -> UsageEvent:
        event = self._new_event("favorite", asset_id, None, None, None, {"on": bool(on)})
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

    def events(self, *, kinds: Iterable[str] | None = None) -> list[UsageEvent]:
        """Recorded events in the order they were recorded."""
        chosen = select(_events).order_by(_events.c.seq)
        if kinds is not None:
            wanted = [_check_kind(kind) for kind in kinds]
            chosen = chosen.where(_events.c.kind.in_(wanted))
        with self._transaction() as conn:
            return [_event_from(row) for row in conn.execute(chosen)]

    # --- sync -------------------------------------------------------------------------------

    def events_after(self, seq: int, *, limit: int) -> list[UsageEvent]:
        """Up to `limit` events recorded after the one numbered `seq`, in order."""
        chosen = select(_events).where(_events.c.seq > seq).order_by(_events.c.seq).limit(limit)
        with self._transaction() as conn:
            return [_event_from(row) for row in conn.execute(chosen)]

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

    def _new_event(
        self,
        kind: str,
        asset_id: str | None,
        query: str | None,
        filters: Mapping[str, Sequence[str]] | None,
        hit_count: int | None,
        detail: Mapping[str, object] | None,
    ) -> UsageEvent:
        _check_kind(kind)
        if kind in ASSET_KINDS and not asset_id:
            raise ValueError(f"a {kind} event needs an asset id")
        if hit_count is not None and (isinstance(hit_count, bool) or hit_count < 0):
            raise ValueError(f"hit_count must be a count, not {hit_count!r}")
        extra = None if detail is None else dict(detail)
        json.dumps(extra)  # not JSON: a TypeError for the caller, not a database error
        return UsageEvent(
            event_id=str(uuid.uuid4()),
            occurred_at=datetime.now(UTC),
            device_id=self.identity.device_id,
            user_id=self.identity.user_id,
            kind=kind,
            asset_id=asset_id,
            query=query,
            filters=_normalize_filters(filters),
            hit_count=hit_count,
            seq=0,
            detail=extra,
        )

    def _create_schema(self) -> None:
        with self._transaction(write=True) as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version > SCHEMA_VERSION:
                raise UsageLogError(
                    f"{self.database}: written by a newer contentfinder (usage schema "
                    f"{version}); update contentfinder to use it"
                )
            if version < SCHEMA_VERSION:
                _metadata.create_all(conn)
                conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")

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


def _engine_for(database: Path) -> Engine:
    engine = create_engine(
        URL.create("sqlite", database=str(database)),
        # Made in one thread, used in another (the lock keeps it to one at a time); a busy
        # database (a sync reading it) is waited for, not failed on.
        connect_args={"check_same_thread": False, "timeout": 30.0},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        # The driver's own implicit transactions would defeat BEGIN IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # see the class docstring
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("contentfinder_begin", "BEGIN"))

    return engine


def _insert(conn: Connection, event: UsageEvent) -> UsageEvent:
    row = {
        "event_id": event.event_id,
        "occurred_at": event.occurred_at,
        "device_id": event.device_id,
        "user_id": event.user_id,
        "kind": event.kind,
        "asset_id": event.asset_id,
        "query": event.query,
        "filters": None
        if event.filters is None
        else {f: list(v) for f, v in event.filters.items()},
        "hit_count": event.hit_count,
        "detail": event.detail,
    }
    result = conn.execute(insert(_events).values(row))
    return replace(event, seq=result.inserted_primary_key[0])


def _event_from(row: Row[Any]) -> UsageEvent:
    filters = row.filters
    return UsageEvent(
        event_id=row.event_id,
        occurred_at=row.occurred_at,
        device_id=row.device_id,
        user_id=row.user_id,
        kind=row.kind,
        asset_id=row.asset_id,
        query=row.query,
        filters=None if filters is None else {f: tuple(v) for f, v in filters.items()},
        hit_count=row.hit_count,
        seq=row.seq,
        detail=row.detail,
    )


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown usage event kind {kind!r}; known: {', '.join(KINDS)}")
    return kind


def _normalize_filters(filters: Mapping[str, Sequence[str]] | None) -> Filters | None:
    """Filters as stored: facets without values dropped; a bare string is one value."""
    if filters is None:
        return None
    normal: Filters = {}
    for facet, values in filters.items():
        chosen = (values,) if isinstance(values, str) else tuple(values)
        if not all(isinstance(v, str) for v in (facet, *chosen)):
            raise TypeError(f"filters must map facet names to strings, not {filters!r}")
        if chosen:
            normal[facet] = chosen
    return normal


def open_usage_log(settings: Settings, *, preferences: Preferences | None = None) -> UsageLog:
    """The log in the settings' home, recording under the rep's name only if they opted in."""
    prefs = load_preferences(settings.home) if preferences is None else preferences
    name = prefs.display_name if prefs.share_name else None
    return UsageLog(settings.usage_db, identity=load_identity(settings.home, display_name=name))


# --- searching as you type ------------------------------------------------------------------


@dataclass
class _Pending:
    query: str
    filters: Filters
    hit_count: int
    since: float  # when the query or filters last changed


class SearchSettler:
    """Records a search once the rep has settled on it, not at every keystroke.

    The app calls `typed` on each change of the search box or filters, `poll` from a timer,
    and `settle` before an open, preview, copy or feedback and on exit. A query that edits
    the pending one (either is a prefix of the other) replaces it; any other query first
    records the pending one. Errors of the log reach the caller.
    """

    def __init__(
        self,
        log: UsageLog,
        *,
        settle_seconds: float = 1.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._log = log
        self._settle_seconds = settle_seconds
        self._clock = clock
        self._pending: _Pending | None = None
        self._last_recorded: tuple[object, ...] | None = None

    def typed(self, query: str, filters: Mapping[str, Sequence[str]], hit_count: int) -> None:
        now = self._clock()
        normal = _normalize_filters(filters) or {}
        pending = self._pending
        if pending is not None:
            if pending.query == query and pending.filters == normal:
                pending.hit_count = hit_count  # results arriving for it: the wait goes on
                return
            settled = now - pending.since >= self._settle_seconds
            if settled or not _edits(pending.query, query):
                self._record(pending)
        self._pending = _Pending(query, normal, hit_count, now)

    def poll(self) -> UsageEvent | None:
        """Records the pending search if it has not changed for `settle_seconds`."""
        pending = self._pending
        if pending is None or self._clock() - pending.since < self._settle_seconds:
            return None
        return self._record(pending)

    def settle(self) -> UsageEvent | None:
        """Records the pending search now."""
        return None if self._pending is None else self._record(self._pending)

    def _record(self, pending: _Pending) -> UsageEvent | None:
        self._pending = None
        query = pending.query.strip()
        if not query and not pending.filters:
            return None
        key = (
            " ".join(query.split()).casefold(),
            sorted((facet, sorted(values)) for facet, values in pending.filters.items()),
        )
        if key == self._last_recorded:
            return None
        event = self._log.record_search(query, pending.filters, pending.hit_count)
        self._last_recorded = key
        return event


def _edits(before: str, after: str) -> bool:
    a, b = before.strip().casefold(), after.strip().casefold()
    return a.startswith(b) or b.startswith(a)
