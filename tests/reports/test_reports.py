"""Marketing's reports from real usage logs and a real index."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from contentfinder.library.opened import Library
from contentfinder.reports.build import KINDS, build_report
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from contentfinder.usage.outcomes import SearchLink, SearchOutcome
from contentfinder.usage.store import load_events
from indexer.pipeline import update_index
from tests.factories import run_cli, write_text

REPS = [Identity(f"device-{n}", f"user-{n}") for n in range(4)]


@pytest.fixture
def settings(make_library, settings_for):
    library = make_library(
        {
            "roi.txt": lambda p: write_text(p, "ROI calculator for manufacturing plants."),
            "security.txt": lambda p: write_text(p, "SOC 2 and encryption answers for CISOs."),
            "forgotten.txt": lambda p: write_text(p, "Quarterly zebra migration almanac."),
            "untagged.txt": lambda p: write_text(p, "Another ROI guide for manufacturing CFOs."),
            "typo.md": lambda p: write_text(
                p, "---\npersona: CSIO\nstage: decision\npain: cost reduction\n---\nText."
            ),
        },
        catalog=(
            "path,persona,stage,pain\n"
            "roi.txt,CFO,decision,cost reduction\n"
            "security.txt,CISO,consideration,security compliance\n"
            "forgotten.txt,CFO,awareness,\n"
        ),
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def rep_log(settings, rep: Identity) -> UsageLog:  # noqa: ANN001
    return UsageLog(settings.usage_db, identity=rep)


def gap_rows(report) -> list[dict[str, object]]:  # noqa: ANN001
    table = report.tables[0]
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


def test_gaps_group_searches_and_count_what_nobody_used(settings) -> None:
    forms = ["Kubernetes helm charts", "helm chart kubernetes", "KUBERNETES HELM CHART"]
    for rep, form in zip(REPS[:3], forms, strict=True):
        with rep_log(settings, rep) as log:
            log.record_search(form, {"persona": ["CISO"]}, 0)
            log.record_feedback(form, {"persona": ["CISO"]}, "nothing found")
            log.record_search("roi", {}, 2)  # found, and used right after
            log.record_open("roi.txt")
    report = build_report("gaps", Library(settings), load_events(settings, None), days=30)
    [row] = gap_rows(report)
    assert (row["Searches"], row["Found nothing"], row["No full result (%)"]) == (3, 3, 100.0)
    assert (row["Told marketing"], row["Reps"], row["Evidence"]) == (3, 3, (3 + 3) * 3)
    assert row["Search (most common form)"].lower().startswith(("kubernetes", "helm"))
    assert row["Filters most used"] == "persona: CISO"
    assert row["What reps said"] == "nothing found"


def test_gaps_show_what_reps_told_marketing_in_their_words(settings) -> None:
    notes = ["a helm chart for on-prem", "", "helm for air-gapped sites"]
    for rep, note in zip(REPS[:3], notes, strict=True):
        with rep_log(settings, rep) as log:
            log.record_search("helm chart", {}, 4)  # found something, not the right thing
            log.record_feedback("helm chart", {}, note)
            log.record_feedback("", {"persona": ["CFO"]}, f"{rep.user_id}: anything for dentists")
    report = build_report("gaps", Library(settings), load_events(settings, None), days=30)
    rows = {row["Search (most common form)"]: row for row in gap_rows(report)}
    helm = rows["helm chart"]
    assert helm["What reps said"] == "a helm chart for on-prem; helm for air-gapped sites"
    assert helm["Told marketing"] == 3  # told marketing, with a note or without
    filters_only = rows["(no words; filters only)"]
    assert (filters_only["Told marketing"], filters_only["Reps"]) == (3, 3)
    assert filters_only["Filters most used"] == "persona: CFO"
    assert filters_only["What reps said"].count("anything for dentists") == 3


def test_gaps_count_notes_withheld_from_hashed_search_text(settings) -> None:
    withheld = {"message": "", "message_withheld": True}
    for rep in REPS[:3]:
        with rep_log(settings, rep) as log:
            log.record("feedback", query="sha256:abc", filters={}, detail=withheld)
    report = build_report("gaps", Library(settings), load_events(settings, None), days=30)
    [row] = gap_rows(report)
    assert row["What reps said"] == "3 notes withheld (search text hashed)"
    assert row["Search (most common form)"] == "(hashed search text)"
    assert any("--redact-queries" in note for note in report.notes)


def test_gaps_count_searches_with_only_partial_matches_and_what_no_asset_mentions(
    settings,
) -> None:
    # What the search itself recorded: 'dental' in no asset, so no full match, though the
    # partial matches for 'practice software' were shown (and even opened from it).
    dental = SearchOutcome(None, ("dental",), False, ("roi.txt",))
    found = SearchOutcome(None, (), True, ("roi.txt",))
    for rep in REPS[:3]:
        with rep_log(settings, rep) as log:
            searched = log.record_search("dental practice software", {}, 4, dental)
            log.record_open("roi.txt", came_from=SearchLink(searched.event_id, 1))
            searched = log.record_search("roi", {}, 2, found)
            log.record_open("roi.txt", came_from=SearchLink(searched.event_id, 1))
    report = build_report("gaps", Library(settings), load_events(settings, None), days=30)
    [row] = gap_rows(report)
    assert (row["Search (most common form)"], row["Searches"], row["Found nothing"]) == (
        "dental practice software",
        3,
        0,
    )
    assert (row["No full result (%)"], row["Nothing used (%)"]) == (100.0, 0.0)
    assert row["No asset mentions"] == "dental"
    assert row["Returned first"] == "ROI calculator for manufacturing plants."  # its title


def test_coverage_counts_current_assets_per_persona_and_stage(settings) -> None:
    report = build_report("coverage", Library(settings), load_events(settings, None), days=30)
    assets = report.tables[0]
    stages = assets.columns[1:]
    cfo = dict(zip(stages, next(r for r in assets.rows if r[0] == "CFO")[1:], strict=True))
    assert cfo["decision"] == 1 and cfo["awareness"] == 1 and cfo["consideration"] == 0
    assert assets.heatmap


def test_tagging_lists_missing_facets_with_suggestions_from_similar_assets(settings) -> None:
    report = build_report("tagging", Library(settings), load_events(settings, None), days=30)
    rows = [r for r in report.tables[0].rows if r[1] == "untagged.txt"]
    missing = {r[2]: r[3:] for r in rows}
    assert set(missing) == {"Persona", "Funnel stage", "Pain point"}
    from_text, why, from_similar, why_similar = missing["Persona"]
    assert (from_text, why) == ("CFO", "mentions 'CFO' 2×")  # title and text: "… CFOs."
    assert from_similar == "CFO" and "most similar" in why_similar
    unknown = next(t for t in report.tables if t.name == "Unknown tag values")
    assert [(r[1], r[2], r[3]) for r in unknown.rows] == [("typo.md", "CSIO", "persona: CISO")]


def test_the_report_command(settings, tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(
            "report", *args, "--library", str(settings.library), "--home", str(settings.home)
        )

    with rep_log(settings, REPS[0]) as log:
        log.record_open("roi.txt")
    as_json = cli("unused", "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["kind"] == "unused"
    assert cli("coverage", "--format", "xlsx").returncode == 2  # needs --out
    out = tmp_path / "coverage.xlsx"
    assert cli("coverage", "--format", "xlsx", "--out", str(out)).returncode == 0
    assert out.stat().st_size > 0
    missing = cli("top", "--from", str(tmp_path / "no-such-share"))
    assert missing.returncode == 1 and "no usage events here" in missing.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_uses_the_taxonomy_the_library_loaded(settings, kind: str) -> None:
    library = Library(settings)
    assert library.taxonomy.facet("persona") is not None
    # Read again, this file would fail the report: a report must not read it again.
    (settings.library / "taxonomy.toml").write_text("[facets", encoding="utf-8")
    report = build_report(kind, library, load_events(settings, None), days=30)
    assert report.kind == kind and report.tables
