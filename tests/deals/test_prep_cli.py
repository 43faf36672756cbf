"""`contentfinder prep DEAL` as a rep runs it: the JSON contract, the text a person reads, the
messages and exit codes for a deal it cannot find or cannot choose, and no usage recorded."""

from __future__ import annotations

import json
import subprocess

from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from tests.deals.conftest import CASE_STUDY, HARBOR, ROI, SHOP, WON, Prepared
from tests.factories import run_cli

DEAL_KEYS = {
    "deal_id",
    "name",
    "account",
    "stage",
    "outcome",
    "amount",
    "currency",
    "close_date",
    "industry",
}


def prep(prepared: Prepared, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("prep", *args, *prepared.folders)
    assert "Traceback" not in result.stderr
    return result


def event_count(prepared: Prepared) -> int:
    with UsageLog(prepared.settings.usage_db, identity=Identity("reader", "reader")) as log:
        return len(log.events())


def test_json_is_the_deal_its_filters_and_search_form_hits_with_reasons(
    with_history: Prepared,
) -> None:
    before = event_count(with_history)
    result = prep(with_history, HARBOR.deal_id, "--json")
    assert result.returncode == 0, result.stderr
    kit = json.loads(result.stdout)
    assert set(kit) == {"deal", "filters", "hits"}
    assert kit["deal"] == {
        "deal_id": "006H1",
        "name": "Press line automation",
        "account": "Harbor Steel",
        "stage": "Proposal/Price Quote",
        "outcome": "open",
        "amount": 120000.0,
        "currency": "USD",
        "close_date": "2026-12-18",
        "industry": "Industrial Machinery",
    }
    assert kit["filters"] == {
        "stage": ["decision"],
        "industry": ["manufacturing"],
        "persona": ["CFO"],
    }
    assert [h["id"] for h in kit["hits"][:2]] == [ROI, CASE_STUDY]
    assert kit["hits"][0]["reason"].startswith("used in 1 won manufacturing deal at this stage")
    assert kit["hits"][1]["reason"] == "tagged decision, manufacturing, CFO"
    # Each hit is one of `search --json`'s, plus its reason.
    searched = run_cli("search", "Harbor Steel", "--json", "--no-log", *with_history.folders)
    assert searched.returncode == 0, searched.stderr
    search_hit = json.loads(searched.stdout)["hits"][0]
    assert search_hit["id"] == CASE_STUDY
    assert set(kit["hits"][1]) == set(search_hit) | {"reason"}
    assert kit["hits"][1]["tags"] == search_hit["tags"]
    assert (kit["hits"][1]["title"], kit["hits"][1]["path"]) == (
        search_hit["title"],
        search_hit["path"],
    )
    # A prep is not a use of any asset: nothing recorded.
    assert event_count(with_history) == before


def test_limit_and_a_deal_with_no_close_date_or_amount(with_history: Prepared) -> None:
    result = prep(with_history, WON.deal_id, "--json", "--limit", "2")
    assert result.returncode == 0, result.stderr
    kit = json.loads(result.stdout)
    assert kit["deal"]["outcome"] == "won"
    assert (kit["deal"]["close_date"], kit["deal"]["amount"], kit["deal"]["currency"]) == (
        None,
        None,
        None,
    )
    assert len(kit["hits"]) == 2


def test_text_names_the_deal_filters_and_each_asset_with_its_reason(
    with_history: Prepared,
) -> None:
    result = prep(with_history, "press line")  # a unique part of the name, any case
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Harbor Steel — Press line automation · Proposal/Price Quote · USD 120,000"
        " · closes 2026-12-18"
    )
    assert lines[1] == "Suggested filters: stage decision; industry manufacturing; persona CFO"
    assert lines[3].startswith(" 1. ROI guide")
    assert lines[4:6] == [f"    {ROI}", lines[5]]
    assert lines[5].startswith("    used in 1 won manufacturing deal at this stage")
    assert f"    {CASE_STUDY}" in lines
    assert "    tagged decision, manufacturing, CFO" in lines


def test_text_says_when_the_kit_was_relaxed(no_history: Prepared) -> None:
    result = prep(no_history, SHOP.deal_id)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "Suggested filters: stage decision; industry retail; persona CFO"
    assert lines[2] == "Nothing for retail yet: shown without it."


def test_an_ambiguous_deal_lists_each_and_fails(no_history: Prepared) -> None:
    result = prep(no_history, "harbor", "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    # By name, as the deals are listed everywhere.
    assert result.stderr.splitlines() == [
        "contentfinder: 'harbor' matches 2 deals; give its CRM id or more of its name:",
        "  006H1  Press line automation  (Harbor Steel)",
        "  006R1  Store rollout  (Harbor Home Goods)",
    ]


def test_an_unknown_deal_says_how_to_import_deals(no_history: Prepared) -> None:
    result = prep(no_history, "Umbrella Corp")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "contentfinder: no deal matches 'Umbrella Corp'; import the CRM's export with "
        "`contentfinder deals import FILE`\n"
    )


def test_no_deals_imported_at_all_says_the_same(tmp_path) -> None:
    result = run_cli("prep", "006H1", "--home", str(tmp_path / "home"))
    assert result.returncode == 1
    assert "no deal matches '006H1'; import the CRM's export" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_limit_is_bad_usage(no_history: Prepared) -> None:
    result = prep(no_history, HARBOR.deal_id, "--limit", "0")
    assert result.returncode == 2
    assert "--limit" in result.stderr
