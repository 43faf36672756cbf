"""The library health check on a real library and index: one test per check, with the catalog
row or asset each finding names, and the text and JSON forms the command line prints."""

from __future__ import annotations

import json
from datetime import date

import pytest

from contentfinder.cli.render import lint_text
from contentfinder.config import Settings
from contentfinder.curation.health import CHECKS, ERROR, WARNING, Finding, LintReport, lint_library
from contentfinder.index.schema import IndexUnavailable
from contentfinder.library.opened import Library
from indexer.pipeline import update_index
from tests.factories import TEST_TAXONOMY, run_cli, touch_later, write_docx, write_pdf, write_text

TODAY = date(2026, 11, 23)
# A topic facet that also claims 'compliance', a synonym of the pain 'security compliance'.
AMBIGUOUS_TAXONOMY = (
    TEST_TAXONOMY
    + """
[facets.topic]
label = "Topic"
[[facets.topic.values]]
name = "governance"
synonyms = ["compliance"]
"""
)
CATALOG = (
    "path,persona,stage,pain,expires,owner,notes\n"  # row 1: 'notes' is not a column lint knows
    "good.docx,CFO,decision,cost reduction,,,\n"  # row 2
    "typo-catalog.txt,CSIO,awareness,tco,,,\n"  # row 3: unknown persona
    "gone.pdf,CFO,decision,tco,,,\n"  # row 4: no such file
    "../outside.pdf,CFO,decision,tco,,,\n"  # row 5: leaves the library
    "bad-date.txt,CFO,decision,tco,31/12/2026,,\n"  # row 6: not an ISO date
    "old.txt,CFO,decision,tco,2026-01-31,Dana,\n"  # row 7: expired
    "soon.txt,CFO,decision,tco,2026-12-10,,\n"  # row 8: expires in 17 days
    "copy-a.txt,VP Sales,mofu,tco,,,\n"  # row 9
    "copy-b.txt,VP Sales,mofu,tco,,,\n"  # row 10: same content as row 9
)


@pytest.fixture
def settings(make_library, settings_for) -> Settings:
    library = make_library(
        {
            "good.docx": lambda p: write_docx(p, ["Payback in six months."]),
            "typo.docx": lambda p: write_docx(
                p, ["Plant floor savings."], keywords="CFO, decision, tco, Manufacturng, tofo"
            ),
            "typo-catalog.txt": lambda p: write_text(p, "Security brief."),
            "bad-date.txt": lambda p: write_text(p, "Dated offer."),
            "old.txt": lambda p: write_text(p, "Retired calculator."),
            "soon.txt": lambda p: write_text(p, "Promotion ending soon."),
            "copy-a.txt": lambda p: write_text(p, "The same battlecard, saved twice."),
            "copy-b.txt": lambda p: write_text(p, "The same battlecard, saved twice."),
            "untagged.txt": lambda p: write_text(p, "Notes nobody tagged."),
            "broken.pdf": lambda p: write_text(p, "this is not a PDF at all"),
        },
        catalog=CATALOG,
        taxonomy=AMBIGUOUS_TAXONOMY,
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def by_check(report: LintReport, check: str) -> list[Finding]:
    return [f for f in report.findings if f.check == check]


def test_missing_required_facets_are_errors_per_asset(settings) -> None:
    report = lint_library(Library(settings), today=TODAY)
    missing = {f.asset_id: f for f in by_check(report, "missing-required")}
    assert missing["untagged.txt"].message == "missing persona, stage, pain"
    assert missing["untagged.txt"].severity == ERROR and missing["untagged.txt"].row is None
    # The catalog's persona was unknown, so the asset has none.
    assert missing["typo-catalog.txt"].message == "missing persona"
    assert "good.docx" not in missing and "typo.docx" not in missing


def test_unknown_catalog_value_names_its_row_and_the_likely_value(settings) -> None:
    report = lint_library(Library(settings), today=TODAY)
    unknown = by_check(report, "unknown-value")
    [in_catalog] = [f for f in unknown if f.row is not None]
    assert in_catalog == Finding(
        "unknown-value",
        ERROR,
        "typo-catalog.txt",
        3,
        "unknown persona 'CSIO' (did you mean CISO?)",
    )
    # The unknown cell is a free tag of the asset too; it is reported once, by its row.
    assert [f.asset_id for f in unknown].count("typo-catalog.txt") == 1


def test_free_tag_a_letter_from_a_known_value_is_an_unknown_value(settings) -> None:
    report = lint_library(Library(settings), today=TODAY)
    typos = [f for f in by_check(report, "unknown-value") if f.asset_id == "typo.docx"]
    assert all(f.severity == ERROR and f.row is None for f in typos)
    assert [f.message for f in typos] == [
        "unknown value 'Manufacturng' (did you mean industry manufacturing?)",
        "unknown value 'tofo' (did you mean 'tofu', i.e. stage awareness?)",
    ]


def test_broken_catalog_rows_keep_their_row_numbers(settings) -> None:
    report = lint_library(Library(settings), today=TODAY)
    rows = {f.row: f for f in by_check(report, "catalog-row")}
    assert rows[4].message == "no asset 'gone.pdf' in the library"
    assert rows[4].severity == ERROR
    assert rows[5].message == "path '../outside.pdf' leaves the library"
    assert rows[6].message == "bad date '31/12/2026' (expected YYYY-MM-DD)"
    assert rows[6].asset_id == "bad-date.txt"
    # An ignored column leaves every row applied: worth a warning, not a failed check.
    assert rows[1].severity == WARNING and "unknown column 'notes'" in rows[1].message
    assert set(rows) == {1, 4, 5, 6}


def test_a_term_two_facets_claim_is_a_warning(settings) -> None:
    [ambiguous] = by_check(lint_library(Library(settings), today=TODAY), "ambiguous-synonym")
    assert ambiguous.severity == WARNING and ambiguous.asset_id is None
    assert ambiguous.message.startswith("'compliance' is a value or synonym of pain and topic")


def test_assets_with_the_same_content_are_listed_together(settings) -> None:
    [duplicate] = by_check(lint_library(Library(settings), today=TODAY), "duplicate-content")
    assert duplicate.severity == WARNING and duplicate.asset_id == "copy-a.txt"
    assert duplicate.message == "same content in 2 files: copy-a.txt, copy-b.txt"


def test_expired_and_expiring_assets_are_warnings(settings) -> None:
    report = lint_library(Library(settings), today=TODAY)
    [expired] = by_check(report, "expired")
    assert (expired.asset_id, expired.severity) == ("old.txt", WARNING)
    assert expired.message.startswith("expired on 2026-01-31 (296 days ago")
    assert "owner Dana" in expired.message
    [soon] = by_check(report, "expiring-soon")
    assert (soon.asset_id, soon.message) == ("soon.txt", "expires on 2026-12-10 (in 17 days)")
    # A day after its date, the soon-expiring asset has expired.
    later = lint_library(Library(settings), today=date(2026, 12, 11))
    assert {f.asset_id for f in by_check(later, "expired")} == {"old.txt", "soon.txt"}


def test_files_the_indexer_could_not_read_are_errors(settings) -> None:
    [unreadable] = by_check(lint_library(Library(settings), today=TODAY), "unreadable")
    assert (unreadable.asset_id, unreadable.severity) == ("broken.pdf", ERROR)
    assert unreadable.message  # the indexer's reason, as the index summary gave it
    assert "changed since" not in unreadable.message


def test_clean_library_has_nothing_to_report(make_library, settings_for) -> None:
    library = make_library(
        {
            "guide.docx": lambda p: write_docx(
                p, ["Payback in six months."], keywords="CFO, decision, tco"
            ),
            "brief.md": lambda p: write_text(
                p, "---\npersona: CISO\nstage: tofu\npain: soc 2\n---\n# Brief\nControls.\n"
            ),
            "deck.pdf": lambda p: write_pdf(p, ["Security review."], keywords="CISO, mofu, tco"),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    report = lint_library(Library(settings), today=TODAY)
    assert report.findings == ()
    assert (report.errors, report.warnings, report.assets) == (0, 0, 3)
    assert lint_text(report).startswith("No problems found; 3 assets checked in ")


def test_text_groups_findings_by_problem_with_counts(settings) -> None:
    report = lint_library(Library(settings), today=TODAY)
    text = lint_text(report)
    lines = text.splitlines()
    headers = [line for line in lines if line and not line.startswith(" ")][:-1]
    assert headers == [
        "Unreadable files: 1 error",
        "Broken catalog rows: 3 errors, 1 warning",
        "Unknown tag values: 3 errors",
        "Missing required tags: 2 errors",
        "Duplicate content: 1 warning",
        "Expired assets: 1 warning",
        "Expiring within 30 days: 1 warning",
        "Terms two facets claim: 1 warning",
    ]
    assert "  catalog.csv row 4: no asset 'gone.pdf' in the library" in lines
    assert "  catalog.csv row 3: unknown persona 'CSIO' (did you mean CISO?)" in lines
    assert "  untagged.txt: missing persona, stage, pain" in lines
    assert any(line.endswith("[warning]") and "row 1" in line for line in lines)
    assert lines[-1].startswith("9 errors, 5 warnings; 9 assets checked in ")


def test_json_has_every_check_and_the_contract_fields(settings) -> None:
    report = lint_library(Library(settings), today=TODAY)
    data = json.loads(json.dumps(report.to_json()))
    assert set(data) == {"errors", "warnings", "assets", "seconds", "checks"}
    assert (data["errors"], data["warnings"], data["assets"]) == (9, 5, 9)
    assert list(data["checks"]) == list(CHECKS)
    assert {
        "severity": "error",
        "asset_id": "gone.pdf",  # the id the row names, though no such asset exists
        "row": 4,
        "message": "no asset 'gone.pdf' in the library",
    } in data["checks"]["catalog-row"]
    for findings in data["checks"].values():
        for finding in findings:
            assert set(finding) == {"severity", "asset_id", "row", "message"}
    assert sum(len(found) for found in data["checks"].values()) == len(report.findings)


def test_errors_and_warnings_are_counted_apart() -> None:
    report = LintReport(
        findings=(
            Finding("missing-required", ERROR, "a.pdf", None, "missing persona"),
            Finding("expired", WARNING, "b.pdf", None, "expired on 2020-01-01"),
            Finding("catalog-row", ERROR, None, 3, "bad date 'soon'"),
        ),
        assets=2,
        seconds=0.5,
    )
    assert (report.errors, report.warnings) == (2, 1)
    assert list(report.grouped()) == ["catalog-row", "missing-required", "expired"]
    assert lint_text(report).splitlines()[-1] == "2 errors, 1 warning; 2 assets checked in 0.50 s."


def test_lint_reads_the_index_not_the_documents(settings) -> None:
    library = settings.library
    (library / "good.docx").unlink()
    (library / "typo.docx").write_bytes(b"\x00 no longer a Word file")
    touch_later(library / "broken.pdf")
    report = lint_library(Library(settings), today=TODAY)
    # The deleted file's catalog row points nowhere now; the asset itself is not reported.
    assert "no asset 'good.docx' in the library" in {
        f.message for f in by_check(report, "catalog-row")
    }
    assert all(f.asset_id != "good.docx" for f in report.findings if f.row is None)
    # The overwritten document was not opened again: what the index holds is reported.
    assert all(f.asset_id != "typo.docx" for f in by_check(report, "unreadable"))
    assert any(f.asset_id == "typo.docx" for f in by_check(report, "unknown-value"))
    [unreadable] = by_check(report, "unreadable")
    assert "changed since" in unreadable.message
    assert report.assets == 8  # broken.pdf never made it into the index


def test_no_index_yet_says_so(make_library, settings_for) -> None:
    settings = settings_for(make_library({"a.txt": lambda p: write_text(p, "text")}))
    with pytest.raises(IndexUnavailable, match="no index yet"):
        lint_library(Library(settings), today=TODAY)


def test_the_lint_command_on_the_sample_library(tmp_path) -> None:  # noqa: ANN001
    import json as json_module
    import subprocess

    from tests.conftest import SAMPLE_LIBRARY

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, "--library", str(SAMPLE_LIBRARY), "--home", str(tmp_path / "home"))

    no_index = cli("lint")
    assert no_index.returncode == 1 and "contentfinder index" in no_index.stderr
    assert cli("index").returncode == 0
    found = cli("lint")
    assert found.returncode == 1  # two assets lack required tags: errors
    assert "Missing required tags: 2 errors" in found.stdout
    as_json = json_module.loads(cli("lint", "--json").stdout)
    assert as_json["errors"] == 2 and as_json["warnings"] == 1


def test_lint_reads_the_library_once_through_the_library(settings) -> None:
    library = Library(settings)
    first = lint_library(library, today=TODAY)
    # Read again, this file would stop the check: lint must use what the library loaded.
    (settings.library / "taxonomy.toml").write_text("[facets", encoding="utf-8")
    again = lint_library(library, today=TODAY)
    assert again.findings == first.findings and library.catalog.problems  # left as loaded
    assert [p.row for p in library.catalog.problems] == [1, 3, 5, 6]  # paths checked on a copy
