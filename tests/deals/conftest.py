"""The sample library ready for a call kit, as a rep gets there: copied, given a deals.toml,
indexed by the real `contentfinder index`, its deals saved, and the team's history brought in
by the real `contentfinder events import FILE.jsonl`."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.deals.model import Deal
from contentfinder.deals.store import save_deals
from contentfinder.usage.event_file import event_lines
from tests.conftest import SAMPLE_LIBRARY
from tests.factories import run_cli
from tests.usage_events import days_ago, made, rep

HARBOR = Deal(
    "006H1",
    "Press line automation",
    account="Harbor Steel",
    stage="Proposal/Price Quote",
    amount=120000.0,
    currency="USD",
    close_date=date(2026, 12, 18),
    industry="Industrial Machinery",
    contact_title="VP Finance",
)
# Won at the same stage, in an industry that maps to the same facet value.
WON = Deal(
    "006W1",
    "Close revamp",
    account="Granite Works",
    stage="Proposal/Price Quote",
    industry="Industrial Machinery",
    outcome="won",
)
LOST = Deal(
    "006L1",
    "Press brake",
    account="Anvil Forge",
    stage="Proposal/Price Quote",
    industry="Industrial Machinery",
    outcome="lost",
)
WON_BANK = Deal(
    "006B1",
    "Spend controls",
    account="Bluewater Credit Union",
    stage="Proposal/Price Quote",
    industry="Banking",
    outcome="won",
)
WON_EARLIER = Deal(  # won, manufacturing, but evidence from another stage
    "006E1",
    "Pilot",
    account="Iron Mill",
    stage="Qualification",
    industry="Industrial Machinery",
    outcome="won",
)
SHOP = Deal(  # retail: the sample library has nothing for it at the decision stage
    "006R1",
    "Store rollout",
    account="Harbor Home Goods",
    stage="Proposal/Price Quote",
    industry="Consumer Goods",
    contact_title="VP Finance",
)
DEALS = [HARBOR, WON, LOST, WON_BANK, WON_EARLIER, SHOP]

ROI = "Guides/ROI Guide - Building the Business Case.pdf"
PLAYBOOK = "Guides/Month-End Close Playbook.pdf"
BATTLECARD = "Battlecards/Northwind vs Quillstone.docx"
DEMO = "Decks/Close Assist Product Demo.pptx"
CASE_STUDY = "Case Studies/Harbor Steel Fabrication - Manufacturing Case Study.pdf"

DEALS_TOML = """\
[stage]
"Proposal/Price Quote" = "decision"
"Qualification" = "awareness"

[industry]
"Industrial Machinery" = "manufacturing"
"Banking" = "financial services"
"Consumer Goods" = "retail"
"""


@dataclass(frozen=True)
class Prepared:
    library: Path
    home: Path

    @property
    def settings(self) -> Settings:
        return Settings(library=self.library, home=self.home)

    @property
    def folders(self) -> tuple[str, ...]:
        return ("--library", str(self.library), "--home", str(self.home))


def prepare(root: Path, *, with_events: bool) -> Prepared:
    library, home = root / "library", root / "home"
    shutil.copytree(SAMPLE_LIBRARY, library)
    (library / "deals.toml").write_text(DEALS_TOML, encoding="utf-8")
    prepared = Prepared(library, home)
    indexed = run_cli("index", *prepared.folders)
    assert indexed.returncode == 0, indexed.stderr
    save_deals(prepared.settings.usage_db, DEALS)
    if with_events:
        team = root / "team.jsonl"
        team.write_text("".join(event_lines(team_history())), encoding="utf-8")
        imported = run_cli("events", "import", str(team), "--home", str(home))
        assert imported.returncode == 0, imported.stderr
        assert imported.stdout == "Imported 6 events (0 already there)\n"
    return prepared


def team_history() -> list:
    """Other reps' uses with deal ids: one asset in the similar won deal (twice: one deal
    however often), the rest in deals that must not count as evidence."""
    dana, lee = rep(1, "EMEA"), rep(2, "EMEA")
    return [
        made(dana, "copy", at=days_ago(40), asset_id=ROI, deal_id=WON.deal_id),
        made(dana, "open", at=days_ago(39), asset_id=ROI, deal_id=WON.deal_id),
        made(lee, "copy", at=days_ago(30), asset_id=PLAYBOOK, deal_id=WON_BANK.deal_id),
        made(lee, "copy", at=days_ago(30), asset_id=BATTLECARD, deal_id=LOST.deal_id),
        made(lee, "copy", at=days_ago(30), asset_id=DEMO, deal_id=WON_EARLIER.deal_id),
        made(lee, "search", at=days_ago(30), query="roi", hit_count=3, deal_id=WON.deal_id),
    ]


@pytest.fixture(scope="module")
def with_history(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    return prepare(tmp_path_factory.mktemp("kit-history"), with_events=True)


@pytest.fixture(scope="module")
def no_history(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    return prepare(tmp_path_factory.mktemp("kit-bare"), with_events=False)
