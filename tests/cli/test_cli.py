"""The command line as scripts and people use it: JSON contracts, exit codes, messages."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from contentfinder.preferences import Preferences, save_preferences
from contentfinder.usage.events import UsageEvent
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from tests.factories import write_docx, write_pptx, write_text

REPO = Path(__file__).resolve().parents[2]


def cli(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONTENTFINDER_HOME": str(home), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "contentfinder.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


@pytest.fixture
def library(make_library) -> Path:
    return make_library(
        {
            "Decks/roi.pptx": lambda p: write_pptx(
                p,
                ["Return on investment for manufacturing plants", "Payback in nine months"],
                title="Manufacturing ROI",
                keywords="persona: CFO; decision; factories",
            ),
            "Security/soc2.docx": lambda p: write_docx(
                p,
                ["Our SOC 2 Type II report and encryption practices."],
                title="SOC 2 Brief",
                keywords="CISO, tofu",
            ),
            "Old/pricing.txt": lambda p: write_text(p, "Old price list for manufacturing plants."),
            "broken.docx": lambda p: p.write_bytes(b"this is not a word file"),
            "legacy.doc": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"),
        },
        catalog="path,persona,expires\nOld/pricing.txt,CFO,2020-01-31\n",
    )


def test_index_json_contract(library: Path, tmp_path: Path) -> None:
    result = cli("index", "--library", str(library), "--json", home=tmp_path / "h")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == {
        "added",
        "updated",
        "removed",
        "unchanged",
        "failed",
        "partly_read",
        "unsupported",
        "seconds",
    }
    assert (summary["added"], summary["updated"], summary["removed"], summary["unchanged"]) == (
        3,
        0,
        0,
        0,
    )
    assert [f["id"] for f in summary["failed"]] == ["broken.docx"]
    assert summary["failed"][0]["reason"] == (
        "content does not match its suffix: the file is plain text, not an Office document"
    )
    assert summary["unsupported"] == ["legacy.doc"]
    assert summary["partly_read"] == []
    assert isinstance(summary["seconds"], float)


def test_index_human_summary_names_failures(library: Path, tmp_path: Path) -> None:
    result = cli("index", "--library", str(library), home=tmp_path / "h")
    assert result.returncode == 0
    assert "3 added" in result.stdout and "1 failed" in result.stdout
    assert "broken.docx:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_search_json_contract_filters_and_expiry(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert cli("index", "--library", str(library), home=home).returncode == 0
    result = cli("search", "manufacturing", "--library", str(library), "--json", home=home)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # SPEC §2's keys, and the additions this version makes (documented in the issue 3 note).
    assert set(found) == {"query", "total", "corrected", "facets", "hits", "filters"} | {
        "missing_concepts",
        "full_total",
    }
    assert found["query"] == "manufacturing" and found["total"] == 1  # the price list expired
    hit = found["hits"][0]
    assert set(hit) == {"id", "title", "path", "score", "snippet", "tags", "expires"} | {
        "location",
        "expired",
        "expiring_soon",
        "matched",
        "full",
        "missing",
    }
    assert hit["matched"] == [
        {
            "typed": "manufacturing",
            "matched": "manufacturing",
            "reason": "typed",
            "fields": ["title", "tag_text", "body"],
        }
    ]
    assert hit["id"] == "Decks/roi.pptx" and hit["title"] == "Manufacturing ROI"
    assert hit["tags"] == {"persona": ["CFO"], "stage": ["decision"], "industry": ["manufacturing"]}
    assert Path(hit["path"]) == library / "Decks/roi.pptx"
    assert "<b>" in hit["snippet"].lower()
    assert found["facets"]["persona"] == {"CFO": 1, "CISO": 0, "VP Sales": 0}

    expired = json.loads(
        cli(
            "search",
            "manufacturing",
            "--include-expired",
            "--json",
            "--library",
            str(library),
            home=home,
        ).stdout
    )
    assert {h["id"] for h in expired["hits"]} == {"Decks/roi.pptx", "Old/pricing.txt"}
    assert [h["expires"] for h in expired["hits"] if h["id"] == "Old/pricing.txt"] == ["2020-01-31"]

    browse = json.loads(
        cli("search", "--persona", "ciso", "--json", "--library", str(library), home=home).stdout
    )
    assert [h["id"] for h in browse["hits"]] == ["Security/soc2.docx"]
    by_facet = json.loads(
        cli(
            "search",
            "--facet",
            "industry=factories",
            "--json",
            "--library",
            str(library),
            home=home,
        ).stdout
    )
    assert [h["id"] for h in by_facet["hits"]] == ["Decks/roi.pptx"]


def test_search_offers_a_correction_only_when_it_finds_something(
    library: Path, tmp_path: Path
) -> None:
    home = tmp_path / "h"
    cli("index", "--library", str(library), home=home)
    found = json.loads(
        cli("search", "encryptoin", "--json", "--library", str(library), home=home).stdout
    )
    # The misspelt word finds the asset, and the search says how it read the word.
    assert found["total"] == 1 and found["corrected"] == "encryption"
    nothing = json.loads(
        cli("search", "zzzzqqq", "--json", "--library", str(library), home=home).stdout
    )
    assert nothing["corrected"] is None


def test_missing_library_is_a_failure_naming_the_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = cli("index", "--library", str(missing), home=tmp_path / "h")
    assert result.returncode == 1
    assert f"{missing}: library folder does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_library_at_all_says_how_to_give_one(tmp_path: Path) -> None:
    result = cli("index", home=tmp_path / "h")
    assert result.returncode == 1 and "--library" in result.stderr


def test_search_before_indexing_says_to_index(library: Path, tmp_path: Path) -> None:
    result = cli("search", "roi", "--library", str(library), home=tmp_path / "h")
    assert result.returncode == 1 and "contentfinder index" in result.stderr


def test_bad_usage_exits_2_with_known_values(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "h"
    cli("index", "--library", str(library), home=home)
    unknown = cli("search", "roi", "--persona", "CSIO", "--library", str(library), home=home)
    assert unknown.returncode == 2
    assert "unknown persona 'CSIO'" in unknown.stderr and "CISO" in unknown.stderr
    bad_facet = cli("search", "roi", "--facet", "industry", "--library", str(library), home=home)
    assert bad_facet.returncode == 2 and "NAME=VALUE" in bad_facet.stderr
    assert cli("search", "--limit", "0", home=home).returncode == 2


def test_malformed_catalog_is_reported_by_row_and_the_rest_applies(
    make_library, tmp_path: Path
) -> None:
    library = make_library(
        {"a.txt": lambda p: write_text(p, "alpha"), "b.txt": lambda p: write_text(p, "beta")},
        catalog="path,persona,expires\na.txt,CFO,someday\nmissing.txt,CFO,\nb.txt,Wizard,\n",
    )
    home = tmp_path / "h"
    result = cli("index", "--library", str(library), home=home)
    assert result.returncode == 0
    assert "catalog.csv row 2: bad date 'someday'" in result.stderr
    assert "catalog.csv row 3: no asset 'missing.txt' in the library" in result.stderr
    assert "catalog.csv row 4: unknown persona 'Wizard'" in result.stderr
    found = json.loads(
        cli("search", "--persona", "CFO", "--json", "--library", str(library), home=home).stdout
    )
    assert [h["id"] for h in found["hits"]] == ["a.txt"]


def test_unreadable_file_is_reported_and_the_run_goes_on(make_library, tmp_path: Path) -> None:
    library = make_library({"ok.txt": lambda p: write_text(p, "fine")})
    (library / "gone.pdf").symlink_to(library / "no-such-target.pdf")  # unreadable even as root
    result = cli("index", "--library", str(library), "--json", home=tmp_path / "h")
    assert result.returncode == 0
    summary = json.loads(result.stdout)
    assert summary["added"] == 1
    assert summary["failed"] == [
        {"id": "gone.pdf", "reason": "cannot be opened: No such file or directory"}
    ]


def test_an_unusable_data_folder_is_named_with_a_way_out(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = cli("index", "--library", str(library), home=blocker)
    assert result.returncode == 1
    assert f"{blocker / 'index'}: cannot create the index" in result.stderr
    assert "--home" in result.stderr and "Traceback" not in result.stderr


def test_search_says_how_it_read_the_query_and_why_each_asset_matched(
    library: Path, tmp_path: Path
) -> None:
    home = tmp_path / "h"
    cli("index", "--library", str(library), home=home)
    result = cli("search", "encryptoin", "--library", str(library), home=home)
    assert result.returncode == 0, result.stderr
    assert "Showing results for: encryption" in result.stdout
    assert "matched: encryptoin → encryption (spelling corrected) in text" in result.stdout
    nothing = cli("search", "zzzzqqq", "--library", str(library), home=home)
    assert nothing.returncode == 0
    assert "No asset mentions 'zzzzqqq', however spelled." in nothing.stdout


def test_a_broken_synonyms_file_is_a_warning_not_a_failure(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "h"
    cli("index", "--library", str(library), home=home)
    (library / "synonyms.toml").write_text("groups = [[", encoding="utf-8")
    result = cli("search", "soc 2", "--library", str(library), home=home)
    assert result.returncode == 0
    assert f"warning: {library / 'synonyms.toml'}: not valid TOML" in result.stderr
    assert "Security/soc2.docx" in result.stdout
    assert "Traceback" not in result.stderr


# --- usage ---------------------------------------------------------------------------------------


def recorded(home: Path) -> list[UsageEvent]:
    if not (home / "usage.sqlite").exists():
        return []
    with UsageLog(home / "usage.sqlite", identity=Identity("reader", "reader")) as log:
        return log.events()


def test_search_records_one_event_unless_told_not_to(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "h"
    cli("index", "--library", str(library), home=home)
    assert recorded(home) == []  # indexing is not a use
    result = cli(
        "search",
        "manufacturing stage:bofu",
        "--persona",
        "cfo",
        "--library",
        str(library),
        home=home,
    )
    assert result.returncode == 0, result.stderr
    (event,) = recorded(home)
    assert (event.kind, event.query, event.hit_count) == ("search", "manufacturing stage:bofu", 1)
    # Filters as the search resolved them, including the one typed in the query.
    assert event.filters == {"persona": ("CFO",), "stage": ("decision",)}
    assert event.user_id.startswith("user-")  # a pseudonym: the rep has not opted in

    assert cli("search", "roi", "--no-log", "--library", str(library), home=home).returncode == 0
    refused = cli("search", "roi", "--persona", "Wizard", "--library", str(library), home=home)
    assert refused.returncode == 2
    assert len(recorded(home)) == 1  # neither the unlogged nor the refused search


def test_search_carries_the_reps_name_only_when_they_share_it(
    library: Path, tmp_path: Path
) -> None:
    home = tmp_path / "h"
    cli("index", "--library", str(library), home=home)
    save_preferences(home, Preferences(display_name="Dana Rep", share_name=False))
    cli("search", "roi", "--library", str(library), home=home)
    save_preferences(home, Preferences(display_name="Dana Rep", share_name=True))
    cli("search", "roi", "--library", str(library), home=home)
    anonymous, named = recorded(home)
    assert anonymous.user_id.startswith("user-") and named.user_id == "Dana Rep"
    assert anonymous.device_id == named.device_id


def test_open_runs_the_viewer_and_records_it(library: Path, tmp_path: Path) -> None:
    home, seen = tmp_path / "h", tmp_path / "opened.json"
    viewer = tmp_path / "viewer.py"
    viewer.write_text(
        "import json, pathlib, sys\n"
        "pathlib.Path(sys.argv[1]).write_text(json.dumps(sys.argv[2:]))\n",
        encoding="utf-8",
    )
    opener = shlex.join([sys.executable, str(viewer), str(seen)])
    result = cli(
        "open",
        "Decks/roi.pptx",
        "--library",
        str(library),
        home=home,
        env={"CONTENTFINDER_OPENER": opener},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(seen.read_text(encoding="utf-8")) == [str(library / "Decks/roi.pptx")]
    assert [(e.kind, e.asset_id) for e in recorded(home)] == [("open", "Decks/roi.pptx")]


def test_open_of_an_id_typed_in_another_case_records_the_id_on_disk(
    library: Path, tmp_path: Path
) -> None:
    """As on Windows and macOS, where both name one file: the use is counted for the asset."""
    home, seen = tmp_path / "h", tmp_path / "opened.txt"
    opener = shlex.join(
        [sys.executable, "-c", f"import sys; open({str(seen)!r}, 'w').write(sys.argv[1])"]
    )
    result = cli(
        "open",
        "decks/ROI.PPTX",
        "--library",
        str(library),
        home=home,
        env={"CONTENTFINDER_OPENER": opener},
    )
    assert result.returncode == 0, result.stderr
    assert seen.read_text(encoding="utf-8") == str(library / "Decks/roi.pptx")
    assert [(e.kind, e.asset_id) for e in recorded(home)] == [("open", "Decks/roi.pptx")]


@pytest.mark.parametrize(
    "asset_id", ["Decks/nope.pptx", "../outside.txt", "legacy.doc", "catalog.csv", "/etc/passwd"]
)
def test_open_refuses_what_is_not_an_asset(library: Path, tmp_path: Path, asset_id: str) -> None:
    (tmp_path / "outside.txt").write_text("not in the library", encoding="utf-8")
    home = tmp_path / "h"
    result = cli(
        "open",
        asset_id,
        "--library",
        str(library),
        home=home,
        env={"CONTENTFINDER_OPENER": "true"},
    )
    assert result.returncode == 1
    assert f"no asset '{asset_id}' in the library {library}" in result.stderr
    assert "Traceback" not in result.stderr and recorded(home) == []


def test_open_without_a_viewer_says_how_to_set_one(library: Path, tmp_path: Path) -> None:
    home, missing = tmp_path / "h", tmp_path / "no-such-viewer"
    result = cli(
        "open",
        "Old/pricing.txt",
        "--library",
        str(library),
        home=home,
        env={"CONTENTFINDER_OPENER": str(missing)},
    )
    assert result.returncode == 1
    assert f"'{missing}', which is not installed" in result.stderr
    assert "CONTENTFINDER_OPENER" in result.stderr and "Traceback" not in result.stderr
    assert recorded(home) == []


def test_a_viewer_that_fails_is_a_failure_not_a_use(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "h"
    failing = shlex.join([sys.executable, "-c", "raise SystemExit(4)"])
    result = cli(
        "open",
        "Old/pricing.txt",
        "--library",
        str(library),
        home=home,
        env={"CONTENTFINDER_OPENER": failing},
    )
    assert result.returncode == 1
    failed = f"'{sys.executable}' could not open it (exit status 4)"
    assert f"{library / 'Old/pricing.txt'}: {failed}" in result.stderr
    assert recorded(home) == []


def test_search_narrows_by_format_and_names_the_known_ones(library: Path, tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert cli("index", "--library", str(library), home=home).returncode == 0
    args = ("search", "manufacturing", "--library", str(library), "--json", "--include-expired")
    decks = json.loads(cli(*args, "--format", "powerpoint", home=home).stdout)
    assert [h["id"] for h in decks["hits"]] == ["Decks/roi.pptx"]
    either = json.loads(cli(*args, "--format", "PowerPoint", "--format", "Text", home=home).stdout)
    assert {h["id"] for h in either["hits"]} == {"Decks/roi.pptx", "Old/pricing.txt"}
    unknown = cli(*args, "--format", "Keynote", home=home)
    assert unknown.returncode == 2 and "known formats: PDF, Word, PowerPoint" in unknown.stderr
