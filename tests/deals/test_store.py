"""The deals table: idempotent by the CRM's id, updated in place, all rows or none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from contentfinder.deals.model import Deal
from contentfinder.deals.store import (
    DealStoreError,
    SavedDeals,
    find_deals,
    load_deals,
    save_deals,
    stage_history,
)


def test_a_reimport_updates_deals_in_place_and_keeps_their_stages(tmp_path: Path) -> None:
    database = tmp_path / "usage.db"
    first = [
        Deal("006A", "Acme line 4", account="Acme Tools", stage="Proposal", amount=1200.5),
        Deal("006B", "Beta renewal", account="Beta Bank", stage="Qualification"),
    ]
    assert save_deals(database, first) == SavedDeals(added=2, updated=0)
    won = Deal(
        "006A", "Acme line 4", stage="Closed Won", outcome="won", close_date=date(2026, 11, 3)
    )
    assert save_deals(database, [won]) == SavedDeals(added=0, updated=1)

    deals = {deal.deal_id: deal for deal in load_deals(database)}
    assert len(deals) == 2
    assert deals["006A"].outcome == "won" and deals["006A"].close_date == date(2026, 11, 3)
    assert [stage for _, stage in stage_history(database)["006A"]] == ["Proposal", "Closed Won"]


def test_a_deal_is_found_by_its_id_or_a_part_of_its_name_or_account(tmp_path: Path) -> None:
    deals = [Deal("006A", "Acme line 4", account="Acme Tools"), Deal("7", "Béta renewal")]
    assert [d.deal_id for d in find_deals(deals, "006A")] == ["006A"]
    assert [d.deal_id for d in find_deals(deals, "beta")] == ["7"]
    assert [d.deal_id for d in find_deals(deals, "TOOLS")] == ["006A"]
    assert find_deals(deals, "nobody") == []


def test_nothing_is_saved_when_one_row_cannot_be(tmp_path: Path) -> None:
    database = tmp_path / "usage.db"
    bad = Deal("006C", None)  # type: ignore[arg-type]  # a name is required
    with pytest.raises(DealStoreError, match="usage.db: cannot save the deals"):
        save_deals(database, [Deal("006A", "Acme"), bad])
    assert load_deals(database) == []
