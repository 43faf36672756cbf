"""`contentfinder report influence` and the summary's deal figures on a generated history: the
sample library indexed, deals saved as an import keeps them, backdated uses with deal ids
brought in by the real `events import`, and every figure checked against the hand computation
written beside it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from contentfinder.deals.model import Deal
from contentfinder.deals.store import save_deals
from contentfinder.preferences import Preferences, save_preferences
from contentfinder.usage.event_file import event_lines
from tests.deals.conftest import PLAYBOOK, ROI, Prepared, prepare
from tests.factories import run_cli
from tests.usage_events import days_ago, made, rep

# USD unless said; all at the decision stage in manufacturing unless said. NOW is 2026-11-30.
D1 = Deal(
    "D1",
    "Press line",
    account="Harbor Steel",
    stage="Proposal/Price Quote",
    outcome="won",
    amount=100_000,
    currency="USD",
    close_date=date(2026, 11, 20),
    industry="Industrial Machinery",
)
D2 = Deal(
    "D2",
    "Weld cell",
    account="Granite Works",
    stage="Proposal/Price Quote",
    outcome="won",
    amount=50_000,
    currency="USD",
    close_date=date(2026, 11, 10),
    industry="Industrial Machinery",
)
D3 = Deal(
    "D3",
    "Paint shop",
    account="Anvil Forge",
    stage="Proposal/Price Quote",
    outcome="lost",
    amount=30_000,
    currency="USD",
    close_date=date(2026, 11, 1),
    industry="Industrial Machinery",
)
D4 = Deal(
    "D4",
    "Fleet",
    account="Iron Mill",
    stage="Proposal/Price Quote",
    amount=80_000,
    currency="USD",
    close_date=date(2027, 1, 15),
    industry="Industrial Machinery",
)
# Closed without the ROI guide: the comparison group (D5's one use came after it closed).
D5 = Deal(
    "D5",
    "Conveyor",
    account="Forge Ltd",
    stage="Proposal/Price Quote",
    outcome="lost",
    amount=20_000,
    currency="USD",
    close_date=date(2026, 10, 20),
    industry="Industrial Machinery",
)
D6 = Deal(
    "D6",
    "Kiln",
    account="Clay Co",
    stage="Proposal/Price Quote",
    outcome="won",
    amount=40_000,
    currency="USD",
    close_date=date(2026, 11, 5),
    industry="Industrial Machinery",
)
# Another industry: never a comparison for manufacturing.
D7 = Deal(
    "D7",
    "Spend controls",
    account="Bluewater CU",
    stage="Proposal/Price Quote",
    outcome="won",
    amount=60_000,
    currency="USD",
    close_date=date(2026, 11, 15),
    industry="Banking",
)
D8 = Deal(
    "D8",
    "Lager",
    account="Nordlicht GmbH",
    stage="Proposal/Price Quote",
    amount=10_000,
    currency="EUR",
    industry="Industrial Machinery",
)  # not summed
DEALS = [D1, D2, D3, D4, D5, D6, D7, D8]


def history() -> list:
    r1, r2, r3 = rep(1), rep(2), rep(3)
    return [
        made(r1, "copy", at=days_ago(20), asset_id=ROI, deal_id="D1"),
        made(r1, "open", at=days_ago(19), asset_id=ROI, deal_id="D1"),  # one deal, once
        made(r2, "open", at=days_ago(25), asset_id=ROI, deal_id="D2"),
        made(r3, "share", at=days_ago(35), asset_id=ROI, deal_id="D3"),
        made(r1, "open", at=days_ago(5), asset_id=ROI, deal_id="D4"),
        made(r2, "copy", at=days_ago(5), asset_id=ROI, deal_id="D5"),  # after D5 closed
        made(r3, "open", at=days_ago(4), asset_id=ROI, deal_id="D8"),
        made(r3, "open", at=days_ago(3), asset_id=ROI, deal_id="006GONE"),  # not imported
        made(r1, "open", at=days_ago(10), asset_id=ROI),  # no deal chosen
        # Two reps only: never listed on its own.
        made(r1, "copy", at=days_ago(30), asset_id=PLAYBOOK, deal_id="D7"),
        made(r2, "open", at=days_ago(28), asset_id=PLAYBOOK, deal_id="D7"),
    ]


@pytest.fixture(scope="module")
def history_prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    root = tmp_path_factory.mktemp("influence")
    prepared = prepare(root, with_events=False)
    save_deals(prepared.settings.usage_db, DEALS)
    events = root / "history.jsonl"
    events.write_text("".join(event_lines(history())), encoding="utf-8")
    imported = run_cli("events", "import", str(events), "--home", str(prepared.home))
    assert imported.returncode == 0, imported.stderr
    return prepared


def report(prepared: Prepared, kind: str, role: str = "rep") -> dict:
    save_preferences(prepared.home, Preferences(role=role))
    result = run_cli("report", kind, "--since", "120", "--format", "json", *prepared.folders)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def table(found: dict, name: str) -> list[dict]:
    for shown in found["tables"]:
        if shown["name"] == name:
            return [dict(zip(shown["columns"], row, strict=True)) for row in shown["rows"]]
    raise AssertionError(f"no table {name}: {[t['name'] for t in found['tables']]}")


def test_each_assets_deals_amounts_and_win_rates(history_prepared: Prepared) -> None:
    found = report(history_prepared, "influence")
    rows = table(found, "Influence by asset")
    assert [row["Asset"] for row in rows] == [ROI]  # the playbook: two reps, withheld
    roi = rows[0]
    # D1, D2, D3, D4 and D8 (the use after D5 closed and the unknown deal do not count)
    assert (roi["Deals"], roi["Won"], roi["Lost"], roi["Open"]) == (5, 2, 1, 2)
    assert roi["Influenced pipeline (USD)"] == 100_000 + 50_000 + 30_000 + 80_000
    assert roi["Won revenue (USD)"] == 100_000 + 50_000
    assert (roi["Win rate with it (%)"], roi["Closed deals with it"]) == (66.7, 3)  # 2 of 3
    # Closed, manufacturing, at the decision stage, never used before close: D5 lost, D6 won,
    # and the kit fixture's 006W1 won and 006L1 lost (006E1 was at the awareness stage)
    assert roi["Win rate without it (%)"] == 50.0
    assert roi["Closed deals without it"] == 4
    assert roi["Reps"] == 3
    assert "Won deals" not in roi  # a rep reads no deal names
    notes = found["notes"]
    assert notes[0].startswith("Association, not proof")
    assert "Uses name 1 deal the imported export does not have" in " ".join(notes)
    assert "1 deal in other currencies count as deals but not in the amounts" in " ".join(notes)
    assert "Deals are named only for readers whose role is marketing." in notes
    privacy = dict((a["label"], a["text"]) for a in found["about"])["Privacy"]
    assert "other assets from fewer than 3 reps: 2 uses, 1 asset" in privacy


def test_marketing_reads_the_won_deals_by_name(history_prepared: Prepared) -> None:
    found = report(history_prepared, "influence", role="marketing")
    roi = table(found, "Influence by asset")[0]
    assert roi["Won deals"] == "Press line (Harbor Steel); Weld cell (Granite Works)"
    assert "Deals are named only for readers whose role is marketing." not in found["notes"]


def test_roll_ups_count_a_deal_once_per_value(history_prepared: Prepared) -> None:
    found = report(history_prepared, "influence")
    assert [t["name"] for t in found["tables"]] == [
        "Influence by asset",
        "Influence by content type",
        "Influence by persona",
        "Influence by funnel stage",
    ]
    figures = ("Assets used", "Deals", "Won", "Lost", "Open", "Won revenue (USD)", "Reps")
    # The ROI guide is a guide for CFOs and Procurement at the decision stage; the playbook
    # (two reps alone, so not listed by itself) an ebook for CFOs: the CFO row has both.
    by_type = {
        r["Content type"]: tuple(r[f] for f in figures)
        for r in table(found, "Influence by content type")
    }
    assert by_type == {"guide": (1, 5, 2, 1, 2, 150_000, 3)}
    by_persona = {r["Persona"]: r for r in table(found, "Influence by persona")}
    cfo = by_persona["CFO"]
    # D1-D4 and D8 (the guide), D7 (the playbook): six deals, D1, D2 and D7 won
    assert tuple(cfo[f] for f in figures) == (2, 6, 3, 1, 2, 100_000 + 50_000 + 60_000, 3)
    assert cfo["Influenced pipeline (USD)"] == 260_000 + 60_000
    assert (cfo["Win rate (%)"], cfo["Closed deals"]) == (75.0, 4)  # D1, D2, D7 of D1-D3, D7
    assert list(by_persona) == ["CFO", "Procurement"]  # most won revenue first


def test_the_summary_has_the_periods_pipeline_and_won_revenue(history_prepared: Prepared) -> None:
    found = report(history_prepared, "summary")
    figures = {row["Measure"]: row for row in table(found, "Key figures")}
    # Uses in the period for D1-D4 (ROI) and D7 (playbook); D8 is in EUR
    assert figures["Influenced pipeline"]["This period"] == 260_000 + 60_000
    # Won in the period and used before close: D1, D2, D7 (D6 was won without content)
    assert figures["Won revenue influenced"]["This period"] == 100_000 + 50_000 + 60_000


def test_without_deals_the_report_says_how_to_get_them(tmp_path: Path) -> None:
    prepared = prepare(tmp_path, with_events=False)
    for kept in prepared.home.glob(f"{prepared.settings.usage_db.name}*"):
        kept.unlink()  # no deals imported on this machine
    events = tmp_path / "three.jsonl"  # three reps: the privacy rule lets the figure show
    events.write_text(
        "".join(
            event_lines([made(rep(n), "open", at=days_ago(2), asset_id=ROI) for n in (1, 2, 3)])
        ),
        encoding="utf-8",
    )
    assert run_cli("events", "import", str(events), "--home", str(prepared.home)).returncode == 0
    found = report(prepared, "influence")
    assert table(found, "Influence by asset") == []
    assert any("contentfinder deals import FILE" in note for note in found["notes"])
    summary = {row["Measure"]: row for row in table(report(prepared, "summary"), "Key figures")}
    assert summary["Influenced pipeline"]["This period"] == "no deals imported"
    assert summary["Won revenue influenced"]["This period"] == "no deals imported"


@pytest.mark.parametrize("form", ["xlsx", "html", "csv"])
def test_every_format(history_prepared: Prepared, tmp_path: Path, form: str) -> None:
    out = tmp_path / f"influence.{form}"
    given = f"{out}/" if form == "csv" else str(out)  # a folder: a CSV per table
    result = run_cli(
        "report",
        "influence",
        "--since",
        "120",
        "--format",
        form,
        "--out",
        given,
        *history_prepared.folders,
    )
    assert result.returncode == 0, result.stderr
    if form == "csv":
        assert sorted(p.name for p in out.iterdir())[0] == "about.csv"
        assert ROI in (out / "influence-by-asset.csv").read_text(encoding="utf-8")
    elif form == "html":
        assert "Influence by asset" in out.read_text(encoding="utf-8")
    else:
        assert out.read_bytes().startswith(b"PK")
