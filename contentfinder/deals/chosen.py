"""The deal a rep is preparing for, remembered for an hour: reopening the app between two
calls' worth of searching keeps it, tomorrow's first search does not carry yesterday's deal
(a stale deal id on a use would credit the wrong deal in marketing's influence report)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from contentfinder.files import atomic_write_json

CHOSEN_FILE = "chosen_deal.json"  # in the rep's home folder (per user)
REMEMBERED_FOR = timedelta(hours=1)


def remember_deal(home: Path, deal_id: str | None, now: datetime | None = None) -> None:
    """Keeps `deal_id` as the rep's choice from `now` (None: the rep chose no deal)."""
    chosen_at = (now or datetime.now(UTC)).astimezone(UTC).isoformat()
    atomic_write_json(
        home / CHOSEN_FILE, {"deal_id": deal_id, "chosen_at": chosen_at}, durable=False
    )


def remembered_deal(home: Path, now: datetime | None = None) -> str | None:
    """The deal chosen less than an hour before `now`; None when none was, or it is older,
    or the file cannot be read (a lost choice is one click to make again, never an error)."""
    try:
        saved = json.loads((home / CHOSEN_FILE).read_text(encoding="utf-8"))
        deal_id = saved["deal_id"]
        chosen_at = datetime.fromisoformat(saved["chosen_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(deal_id, str) or chosen_at.tzinfo is None:
        return None
    age = (now or datetime.now(UTC)) - chosen_at
    return deal_id if timedelta(0) <= age < REMEMBERED_FOR else None
