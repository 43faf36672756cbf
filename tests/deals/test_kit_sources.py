"""The call kit's three sources on the sample library: won deals at the same stage and
industry first, then the best-tagged assets, then what this rep already used with the account;
each asset once, with all its reasons."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.deals.kit import prepared_call
from contentfinder.deals.model import Deal
from contentfinder.deals.store import save_deals
from contentfinder.usage.identity import Identity, load_identity
from contentfinder.usage.log import UsageLog
from indexer.pipeline import update_index
from tests.conftest import SAMPLE_LIBRARY

HARBOR = Deal(
    "H1",
    "Press line",
    account="Harbor Steel",
    stage="Proposal/Price Quote",
    industry="Industrial Machinery",
    contact_title="VP Finance",
)
WON = Deal(
    "W1",
    "Close revamp",
    account="Granite Works",
    stage="Proposal/Price Quote",
    industry="Industrial Machinery",
    outcome="won",
    close_date=date(2026, 9, 1),
)
WON_ELSEWHERE = Deal(
    "W2",
    "Bank deal",
    account="Bluewater",
    stage="Proposal/Price Quote",
    industry="Banking",
    outcome="won",
)
EARLIER = Deal("H0", "Pilot", account="harbor steel", stage="Qualification", outcome="lost")
ROI = "Guides/ROI Guide - Building the Business Case.pdf"
PLAYBOOK = "Guides/Month-End Close Playbook.pdf"
BATTLECARD = "Battlecards/Northwind vs Quillstone.docx"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("kit")
    library = root / "library"
    shutil.copytree(SAMPLE_LIBRARY, library)
    (library / "deals.toml").write_text(
        '[stage]\n"Proposal/Price Quote" = "decision"\n"Qualification" = "awareness"\n'
        '[industry]\n"Industrial Machinery" = "manufacturing"\n',
        encoding="utf-8",
    )
    settings = Settings(library=library, home=root / "home")
    update_index(settings, workers=1)
    save_deals(settings.usage_db, [HARBOR, WON, WON_ELSEWHERE, EARLIER])
    me = load_identity(settings.home)
    other = Identity(device_id="dev-2", user_id="another-rep")
    with UsageLog(settings.usage_db, identity=other) as log:
        log.record_copy(ROI, deal_id=WON.deal_id)
        log.record_open(ROI, deal_id=WON.deal_id)  # one deal, however often
        log.record_copy(PLAYBOOK, deal_id=WON_ELSEWHERE.deal_id)  # another industry
        log.record_copy(BATTLECARD, deal_id=EARLIER.deal_id)  # not this rep
    with UsageLog(settings.usage_db, identity=me) as log:
        log.record_open(BATTLECARD, deal_id=EARLIER.deal_id)
        log.record_copy(BATTLECARD, deal_id=EARLIER.deal_id)
    return settings


def test_won_evidence_first_then_best_then_sent_each_once(settings: Settings) -> None:
    kit = prepared_call(settings, HARBOR)
    assert kit.filters == {
        "stage": ("decision",),
        "industry": ("manufacturing",),
        "persona": ("CFO",),
    }
    by_id = {k.hit.id: k for k in kit.hits}
    assert kit.hits[0].hit.id == ROI
    assert by_id[ROI].reason.startswith("used in 1 won manufacturing deal at this stage")
    assert PLAYBOOK not in by_id or "won" not in by_id[PLAYBOOK].sources
    assert kit.hits[1].hit.id == (
        "Case Studies/Harbor Steel Fabrication - Manufacturing Case Study.pdf"
    )
    sent = by_id[BATTLECARD]
    assert sent.sources[-1] == "sent"
    assert sent.reason.endswith(f"you sent this for Harbor Steel on {date.today():%d %b %Y}")
    assert len(by_id) == len(kit.hits) <= 10
    assert kit.relaxed == ""


def test_a_deal_the_library_has_nothing_for_is_relaxed_and_says_so(settings: Settings) -> None:
    odd = Deal(
        "O1",
        "Odd",
        account="Nobody",
        stage="Proposal/Price Quote",
        industry="Education",
        contact_title="Chief Information Security Officer",
    )
    kit = prepared_call(settings, odd)
    assert kit.filters["industry"] == ("education",)
    assert kit.hits and "education" in kit.relaxed
    assert all("tagged" in k.reason for k in kit.hits)


def test_an_unmapped_deal_has_no_filters(settings: Settings, tmp_path: Path) -> None:
    kit = prepared_call(settings, Deal("U1", "Unknown", stage="Stage 7"))
    assert kit.filters == {}
