"""Sending the local usage log to the central store, exactly once: a shared folder (small
teams, no server) or a database (PostgreSQL for a large team, SQLite for a try).

Exactly once, however a sync is interrupted or repeated:
- events go in batches in `seq` order; the watermark (the last `seq` the target holds) moves
  only after the target has the whole batch;
- a folder batch is named by its `seq` range and appears whole or not at all (written to a
  temporary name, then renamed); a device's batch files are also the watermark's truth, so a
  sync killed between the rename and the watermark update does not write those events again;
- a database refuses a second row with one event id (the primary key), so a batch sent twice
  inserts once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

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
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from contentfinder.files import atomic_write
from contentfinder.usage.log import UsageEvent, UsageLog

BATCH_SIZE = 500
CENTRAL_SCHEMA_VERSION = 2  # 2 added `detail`
EVENT_FIELDS = (
    "event_id",
    "occurred_at",
    "device_id",
    "user_id",
    "kind",
    "asset_id",
    "query",
    "filters",
    "hit_count",
    "detail",
)
_BATCH_NAME = re.compile(r"^(\d{12})-(\d{12})\.jsonl$")


class SyncError(Exception):
    """The target cannot be reached or used; the message names it and the cause."""


@dataclass(frozen=True)
class SyncResult:
    target: str
    sent: int  # events the target did not have before
    batches: int
    waiting: int  # events still waiting (0 after a complete sync)
    seconds: float


class Target(Protocol):
    key: str  # what the watermark is kept under: the target, normalised

    def has_through(self, device_id: str) -> int:
        """The highest seq of this device the target is known to hold whole (0: unknown)."""
        ...

    def send(self, events: Sequence[UsageEvent]) -> int:
        """Stores the batch; returns how many events were new. Raises SyncError."""
        ...

    def close(self) -> None: ...


def open_target(where: str) -> Target:
    """A folder (a plain path or a file:// URL) or a database URL."""
    if "://" not in where or where.startswith("file://"):
        path = Path(unquote(urlparse(where).path)) if where.startswith("file://") else Path(where)
        return FolderTarget(path.expanduser())
    if where.startswith(("postgresql://", "postgres://")):  # SPEC's form: the psycopg driver
        where = "postgresql+psycopg://" + where.split("://", 1)[1]
    return DatabaseTarget(where)


def sync(
    log: UsageLog,
    target: Target,
    *,
    redact_queries: bool = False,
    batch_size: int = BATCH_SIZE,
) -> SyncResult:
    started = time.perf_counter()
    device = log.identity.device_id
    watermark = max(log.sent_seq(target.key), target.has_through(device))
    sent = batches = 0
    while True:
        batch = log.events_after(watermark, limit=batch_size)
        if not batch:
            break
        outgoing = [redacted(e) for e in batch] if redact_queries else batch
        sent += target.send(outgoing)
        watermark = batch[-1].seq
        log.mark_sent(target.key, watermark)
        batches += 1
    if not batches:
        log.mark_sent(target.key, watermark)  # nothing new: still a successful sync
    waiting, _ = log.sync_status(target.key)
    return SyncResult(target.key, sent, batches, waiting, time.perf_counter() - started)


def redacted(event: UsageEvent) -> UsageEvent:
    """The event with its search text hashed: reports can still group equal searches."""
    if not event.query:
        return event
    digest = hashlib.sha256(" ".join(event.query.casefold().split()).encode()).hexdigest()
    return _replace(event, query=f"sha256:{digest[:32]}")


def event_record(event: UsageEvent) -> dict[str, object]:
    """SPEC §3's fields (and `detail`), JSON-ready."""
    return event.to_json()


# -- a shared folder ---------------------------------------------------------------------------


@dataclass
class FolderTarget:
    root: Path
    key: str = ""

    def __post_init__(self) -> None:
        self.key = f"folder:{self.root.resolve()}"

    def _device_folder(self, device_id: str) -> Path:
        return self.root / "events" / device_id

    def has_through(self, device_id: str) -> int:
        folder = self._device_folder(device_id)
        highest = 0
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return 0
        except OSError as exc:
            raise SyncError(f"{folder}: cannot read the shared folder ({exc.strerror})") from exc
        for name in names:
            match = _BATCH_NAME.match(name)
            if match:
                highest = max(highest, int(match.group(2)))
        return highest

    def send(self, events: Sequence[UsageEvent]) -> int:
        device = events[0].device_id
        folder = self._device_folder(device)
        name = f"{events[0].seq:012d}-{events[-1].seq:012d}.jsonl"
        lines = "".join(json.dumps(event_record(e), ensure_ascii=False) + "\n" for e in events)
        try:
            # The batch appears whole or not at all, and once: a name taken means it was sent.
            if not atomic_write(folder / name, lines, replace=False):
                return 0
        except OSError as exc:
            raise SyncError(
                f"{folder}: cannot write to the shared folder ({exc.strerror})"
            ) from exc
        return len(events)

    def close(self) -> None:
        pass


@dataclass
class FolderContents:
    events: list[dict[str, object]] = field(default_factory=list)  # each event once
    problems: list[str] = field(default_factory=list)  # files skipped, and why


def read_folder(root: Path) -> FolderContents:
    """Every device's batches merged, each event once; anything that is not a whole batch
    (a foreign file, a damaged line) is reported and skipped, never fatal."""
    contents = FolderContents()
    seen: set[str] = set()
    events_root = root / "events"
    for path in sorted(events_root.glob("*/*")):
        if path.name.startswith("."):
            continue  # a batch still being written (or left by a killed writer)
        if not _BATCH_NAME.match(path.name):
            contents.problems.append(f"{path}: not a batch of usage events; skipped")
            continue
        for number, record in _records(path, contents.problems):
            event_id = record.get("event_id")
            if not isinstance(event_id, str) or not all(f in record for f in EVENT_FIELDS[:5]):
                contents.problems.append(f"{path}, line {number}: not a usage event; skipped")
                continue
            if event_id not in seen:
                seen.add(event_id)
                contents.events.append(record)
    return contents


def _records(path: Path, problems: list[str]) -> Iterator[tuple[int, dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read ({exc}); skipped")
        return
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"{path}, line {number}: not JSON; skipped")
            continue
        if isinstance(record, dict):
            yield number, record


# -- a database --------------------------------------------------------------------------------

_central = MetaData()
usage_events = Table(
    "usage_events",
    _central,
    Column("event_id", String(36), primary_key=True),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("user_id", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("asset_id", String),
    Column("query", String),
    Column("filters", JSON),
    Column("hit_count", Integer),
    Column("detail", JSON),
)
schema_versions = Table(
    "contentfinder_schema",
    _central,
    Column("version", Integer, primary_key=True),
)


class DatabaseTarget:
    def __init__(self, url: str) -> None:
        self.key = f"database:{_without_password(url)}"
        try:
            self.engine = create_engine(url, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise SyncError(f"{_without_password(url)}: not a usable database URL ({exc})") from exc
        self._ready = False

    def has_through(self, device_id: str) -> int:
        return 0  # the primary key refuses duplicates; the local watermark is enough

    def ensure_schema(self) -> None:
        """Creates the central tables on first use; brings an older version up to date."""
        try:
            with self.engine.begin() as conn:
                names = set(inspect(conn).get_table_names())
                if "usage_events" not in names:
                    _central.create_all(conn)
                    conn.execute(schema_versions.insert().values(version=CENTRAL_SCHEMA_VERSION))
                    return
                version = 1  # the first central tables had no version table
                if "contentfinder_schema" in names:
                    version = conn.execute(select(schema_versions.c.version)).scalar() or 1
                if version > CENTRAL_SCHEMA_VERSION:
                    raise SyncError(
                        f"{self.key}: the central store was made by a newer contentfinder "
                        f"(schema {version}); update contentfinder to sync to it"
                    )
                if version < 2:
                    columns = {c["name"] for c in inspect(conn).get_columns("usage_events")}
                    if "detail" not in columns:
                        type_name = "JSONB" if conn.dialect.name == "postgresql" else "JSON"
                        conn.execute(
                            text(f"ALTER TABLE usage_events ADD COLUMN detail {type_name}")
                        )
                    if "contentfinder_schema" not in names:
                        schema_versions.create(conn)
                    conn.execute(schema_versions.delete())
                    conn.execute(schema_versions.insert().values(version=CENTRAL_SCHEMA_VERSION))
        except SQLAlchemyError as exc:
            raise SyncError(f"{self.key}: cannot use the database ({_cause(exc)})") from exc

    def send(self, events: Sequence[UsageEvent]) -> int:
        if not self._ready:
            self.ensure_schema()
            self._ready = True
        rows = [_row(e) for e in events]
        try:
            with self.engine.begin() as conn:
                statement = _insert_new_only(conn.dialect.name).values(rows)
                # The ids that went in: rowcount is -1 for some drivers' multi-row inserts.
                return len(conn.execute(statement.returning(usage_events.c.event_id)).all())
        except SQLAlchemyError as exc:
            raise SyncError(f"{self.key}: cannot write the events ({_cause(exc)})") from exc

    def close(self) -> None:
        self.engine.dispose()


def _insert_new_only(dialect: str):  # noqa: ANN202 - a dialect's insert construct
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise SyncError(f"databases of kind '{dialect}' are not supported: use PostgreSQL")
    return insert(usage_events).on_conflict_do_nothing(index_elements=["event_id"])


def _row(event: UsageEvent) -> dict[str, object]:
    return {
        "event_id": event.event_id,
        "occurred_at": event.occurred_at,
        "device_id": event.device_id,
        "user_id": event.user_id,
        "kind": event.kind,
        "asset_id": event.asset_id,
        "query": event.query,
        "filters": {k: list(v) for k, v in event.filters.items()} if event.filters else None,
        "hit_count": event.hit_count,
        "detail": event.detail,
    }


def _replace(event: UsageEvent, **changes: object) -> UsageEvent:
    from dataclasses import replace

    return replace(event, **changes)


def _without_password(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _cause(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return str(original or exc).strip().splitlines()[0]
