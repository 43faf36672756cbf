"""The deals table in the rep's local usage database (one SQLite file beside the events, so a
use's `deal_id` and its deal are read together): written all rows or none, keyed by the CRM's
id, a re-import updating stages, amounts and outcomes in place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from contentfinder.deals.model import Deal
from contentfinder.text import fold
from contentfinder.usage import local_db

_deals = local_db.deals
_stages = local_db.deal_stages


class DealStoreError(Exception):
    """The deals cannot be read or written; the message names the file and the cause."""


@dataclass(frozen=True)
class SavedDeals:
    added: int
    updated: int


def _engine(database: Path) -> Engine:
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DealStoreError(
            f"{database.parent}: cannot create the folder ({exc.strerror})"
        ) from exc
    engine = local_db.engine_for(database)
    try:
        with engine.connect().execution_options(contentfinder_begin="BEGIN IMMEDIATE") as conn:
            local_db.create_schema(conn)
            conn.commit()
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DealStoreError(f"{database}: cannot open the deals ({exc.orig or exc})") from exc
    return engine


def save_deals(database: Path, deals: Sequence[Deal]) -> SavedDeals:
    """Adds or updates `deals` in one transaction: on any error nothing is written."""
    now = datetime.now(UTC)
    rows = [_row(replace(deal, imported_at=now)) for deal in deals]
    engine = _engine(database)
    try:
        with engine.connect().execution_options(contentfinder_begin="BEGIN IMMEDIATE") as conn:
            wanted = [row["deal_id"] for row in rows]
            known = set()
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                known.update(
                    conn.execute(
                        select(_deals.c.deal_id).where(_deals.c.deal_id.in_(chunk))
                    ).scalars()
                )
            if rows:
                upsert = sqlite_insert(_deals)
                changed = {
                    c.name: upsert.excluded[c.name] for c in _deals.columns if c.name != "deal_id"
                }
                conn.execute(
                    upsert.on_conflict_do_update(index_elements=["deal_id"], set_=changed), rows
                )
                staged = [
                    {"deal_id": row["deal_id"], "stage": row["stage"], "seen_at": now}
                    for row in rows
                    if row["stage"]
                ]
                if staged:
                    conn.execute(sqlite_insert(_stages).on_conflict_do_nothing(), staged)
            conn.commit()
    except SQLAlchemyError as exc:
        raise DealStoreError(f"{database}: cannot save the deals ({exc.orig or exc})") from exc
    finally:
        engine.dispose()
    return SavedDeals(added=len(set(wanted) - known), updated=len(known))


def load_deals(database: Path) -> list[Deal]:
    """Every deal, by name; none when the database does not exist yet."""
    if not database.exists():
        return []
    engine = _engine(database)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(_deals).order_by(_deals.c.name, _deals.c.deal_id)).all()
    except SQLAlchemyError as exc:
        raise DealStoreError(f"{database}: cannot read the deals ({exc.orig or exc})") from exc
    finally:
        engine.dispose()
    return [_deal(row._mapping) for row in rows]


def stage_history(database: Path) -> dict[str, list[tuple[datetime, str]]]:
    """Per deal id, the stages it was seen at, the earliest first (as imports saw them)."""
    if not database.exists():
        return {}
    engine = _engine(database)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(_stages).order_by(_stages.c.seen_at, _stages.c.stage))
            history: dict[str, list[tuple[datetime, str]]] = {}
            for row in rows:
                history.setdefault(row.deal_id, []).append((row.seen_at, row.stage))
    except SQLAlchemyError as exc:
        raise DealStoreError(f"{database}: cannot read the deals ({exc.orig or exc})") from exc
    finally:
        engine.dispose()
    return history


def find_deals(deals: Iterable[Deal], wanted: str) -> list[Deal]:
    """The deal whose CRM id is `wanted`, else those whose name or account contains it
    (case- and accent-insensitive): one for a unique part, several to choose from, or none."""
    deals = list(deals)
    exact = [deal for deal in deals if deal.deal_id == wanted.strip()]
    if exact:
        return exact
    part = fold(wanted)
    if not part:
        return []
    return [d for d in deals if part in fold(d.name) or part in fold(d.account or "")]


def _row(deal: Deal) -> dict[str, object]:
    return {
        "deal_id": deal.deal_id,
        "name": deal.name,
        "account": deal.account,
        "stage": deal.stage,
        "outcome": deal.outcome,
        "amount": deal.amount,
        "currency": deal.currency,
        "close_date": deal.close_date,
        "industry": deal.industry,
        "contact_title": deal.contact_title,
        "owner": deal.owner,
        "source": deal.source,
        "imported_at": deal.imported_at,
    }


def _deal(row: object) -> Deal:
    return Deal(**{key: row[key] for key in _row(Deal("", "")).keys()})  # type: ignore[index]
