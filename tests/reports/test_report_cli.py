"""`contentfinder report` as marketing runs it, on a real index and a real usage log: the CSV
forms BI tools load (one table, a folder, another delimiter), and every bad input an error
naming the input and its cause, never a traceback, never a temporary file, never a report
of nothing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from contentfinder.cli import main
from contentfinder.config import Settings
from contentfinder.usage.events import UsageEvent
from indexer.pipeline import update_index
from tests.factories import write_text
from tests.usage_events import days_ago, made, put, rep

KINDS_USING_EVENTS = ("unused", "top", "gaps", "coverage")


def rep_events(now_days: float = 1) -> list[UsageEvent]:
    """Four reps each searching twice, opening and sharing what they found: enough for
    every report to show rows past the 3-rep rule."""
    from datetime import UTC, datetime

    events: list[UsageEvent] = []
    now = datetime.now(UTC)
    for n in range(4):
        who = rep(n, team="EMEA retail")
        search = made(who, "search", at=days_ago(now_days, now=now), query="roi", hit_count=2)
        events += [
            search,
            made(
                who,
                "open",
                at=days_ago(now_days - 0.01, now=now),
                came_from=search,
                rank=1,
                asset_id="roi.txt",
            ),  # fmt: skip
            made(
                who,
                "share",
                at=days_ago(now_days - 0.02, now=now),
                came_from=search,
                rank=1,
                asset_id="roi.txt",
            ),  # fmt: skip
            made(who, "search", at=days_ago(now_days, now=now), query="dental", hit_count=0),
        ]
    return events


@pytest.fixture
def reporting(make_library, settings_for) -> Settings:
    """An indexed library and a local log holding four reps' events."""
    library = make_library(
        {
            "roi.txt": lambda p: write_text(p, "ROI calculator for manufacturing plants."),
            "security.txt": lambda p: write_text(p, "SOC 2 and encryption answers for CISOs."),
        },
        catalog="path,persona,stage,pain\nroi.txt,CFO,decision,cost reduction\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    put(settings.usage_db, rep_events())
    return settings


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def report(reporting: Settings, capfd: pytest.CaptureFixture[str]) -> Run:
    """`contentfinder report ARGS…` in this process; (exit status, stdout, stderr). An
    exception escaping `main` fails the test: it would be a traceback on the user's screen."""

    def run(
        *args: str, library: Path | None = None, home: Path | None = None
    ) -> tuple[int, str, str]:
        where = [
            "--library",
            str(library or reporting.library),
            "--home",
            str(home or reporting.home),
        ]
        capfd.readouterr()
        try:
            status = main(["report", *args, *where])
        except SystemExit as exit_:  # argparse and usage errors exit through the parser
            status = int(exit_.code or 0)
        out, err = capfd.readouterr()
        return status, out, err

    return run


def csv_rows(data: bytes | str, delimiter: str = ",") -> list[list[str]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


# -- CSV for BI tools --------------------------------------------------------------------------


def test_one_table_is_plain_csv_with_its_header_first(report: Run, tmp_path: Path) -> None:
    out = tmp_path / "top.csv"
    status, _, err = report("top", "--table", "  top ASSETS ", "--out", str(out))
    assert status == 0, err
    assert "'Top assets' table" in err and str(out) in err
    rows = csv_rows(out.read_bytes())
    assert rows[0][:3] == ["Title", "Asset", "Uses"]  # no title lines above the header
    assert rows[1][1] == "roi.txt"
    assert len({len(row) for row in rows}) == 1  # rectangular: a pivot table loads it


def test_a_folder_gets_a_csv_per_table_and_about(report: Run, tmp_path: Path) -> None:
    folder = tmp_path / "new-folder"
    status, _, err = report("top", "--out", f"{folder}/")
    assert status == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == "about.csv" and "top-assets.csv" in names and len(names) >= 3
    about = dict(row for row in csv_rows((folder / "about.csv").read_bytes())[1:])
    assert about["Kind"] == "top"
    assert about["File top-assets.csv"].startswith("Top assets")
    assert csv_rows((folder / "top-assets.csv").read_bytes())[0][0] == "Title"
    again, _, err = report("gaps", "--out", str(folder))  # an existing folder, no slash
    assert again == 0, err
    assert dict(csv_rows((folder / "about.csv").read_bytes())[1:])["Kind"] == "gaps"


@pytest.mark.parametrize(("given", "written"), [(";", ";"), ("tab", "\t"), ("TAB", "\t")])
def test_the_csv_delimiter_can_be_changed(report: Run, given: str, written: str) -> None:
    status, out, err = report("top", "--table", "Top assets", "--csv-delimiter", given)
    assert status == 0, err
    header = out.lstrip("\ufeff").splitlines()[0]
    assert header.split(written)[:3] == ["Title", "Asset", "Uses"]


def test_one_csv_file_of_a_report_of_several_tables_is_refused(report: Run, tmp_path: Path) -> None:
    out = tmp_path / "top.csv"
    status, _, err = report("top", "--out", str(out))
    assert status == 2
    assert str(out) in err and "--table" in err and "Top assets" in err and "folder" in err
    assert not out.exists()


def test_standard_output_keeps_the_whole_report_stacked(report: Run) -> None:
    status, out, err = report("top")
    assert status == 0, err
    assert out.lstrip("\ufeff").startswith("Most used content")


def test_table_works_for_every_format(report: Run, tmp_path: Path) -> None:
    status, out, err = report("top", "--table", "top by persona", "--format", "json")
    assert status == 0, err
    assert [t["name"] for t in json.loads(out)["tables"]] == ["Top by persona"]


# -- bad input ---------------------------------------------------------------------------------


def clean(err: str) -> None:
    assert "Traceback" not in err and ".tmp" not in err and "s3cret" not in err


@pytest.mark.parametrize(
    ("args", "named", "cause"),
    [
        (("--from", "mysql://u:s3cret@h/db"), "mysql://u:***@h/db", "postgresql://"),
        (("--from", "http://u:s3cret@example.com/x"), "http://", "sqlite:///"),
        (("--from", "postgresql+asyncpg://u:s3cret@h/db"), "asyncpg", "postgresql://"),
        (("--from", "sqlite+pysqlcipher://:s3cret@/x.db"), "pysqlcipher", "sqlite://"),
        (("--from", "postgresql://u:s3cret@h:port/db"), "postgresql://u:***@h:port/db", "URL"),
        (("--since", "9999999999"), "9999999999", "1 to 36500"),
        (("--since", "800000"), "800000", "1 to 36500"),
        (("--since", "0"), "0 days", "1 to 36500"),
        (("--since", "a week"), "a week", "whole number"),
        (("--table", "nope"), "nope", "Top assets"),
        (("--csv-delimiter", ":"), "':'", "';'"),
        (("--format", "html", "--csv-delimiter", ";"), "--csv-delimiter", "csv"),
    ],
)
def test_bad_arguments_name_the_input_and_the_cause(
    report: Run, args: tuple[str, ...], named: str, cause: str
) -> None:
    status, out, err = report("top", *args)
    assert status in (1, 2), err
    assert named in err and cause in err, err
    assert out == ""
    clean(err)


def test_out_into_a_missing_folder_names_it(report: Run, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "top.html"
    status, _, err = report("top", "--format", "html", "--out", str(out))
    assert status == 2
    assert str(out) in err and "does not exist" in err
    assert not out.parent.exists()  # a typo is not made into a folder
    clean(err)


def test_out_under_a_file_names_it(report: Run, tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_text("x", encoding="utf-8")
    out = tmp_path / "plain-file" / "top.json"
    status, _, err = report("top", "--format", "json", "--out", str(out))
    assert status == 2 and str(out) in err and "not a folder" in err
    clean(err)


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_out_onto_a_folder_for_a_one_file_format_names_it(
    report: Run, tmp_path: Path, fmt: str
) -> None:
    status, _, err = report("top", "--format", fmt, "--out", str(tmp_path))
    assert status == 2
    assert str(tmp_path) in err and "a folder" in err and f"top.{fmt}" in err
    assert not list(tmp_path.glob(".*.tmp"))
    clean(err)


def test_a_write_the_system_refuses_names_the_out_not_a_temporary_file(
    report: Run, tmp_path: Path
) -> None:
    out = tmp_path / ("x" * 250 + ".html")  # the name fits; the temporary one beside it not
    status, _, err = report("top", "--format", "html", "--out", str(out))
    assert status == 1
    assert str(out) in err and "File name too long" in err
    assert not list(tmp_path.glob("*.html")) and not list(tmp_path.glob(".*"))
    clean(err)


@pytest.mark.parametrize("kind", KINDS_USING_EVENTS)
def test_an_empty_store_is_an_error_not_an_empty_report(
    report: Run, tmp_path: Path, kind: str
) -> None:
    share = tmp_path / "share"
    (share / "events").mkdir(parents=True)
    status, out, err = report(kind, "--from", str(share))
    assert status == 1 and out == ""
    assert str(share) in err and "no usage events" in err
    clean(err)


def test_a_store_of_only_unreadable_files_is_an_error(report: Run, tmp_path: Path) -> None:
    device = tmp_path / "share" / "events" / "device-9"
    device.mkdir(parents=True)
    (device / "garbage.jsonl").write_text("not json\n", encoding="utf-8")
    (device / "000000000001-000000000002.jsonl").write_bytes(b"\x00\xff{{")
    status, out, err = report("top", "--from", str(tmp_path / "share"))
    assert status == 1 and out == ""
    assert "no usage event could be read" in err and "2 unreadable entries" in err
    clean(err)


def test_an_empty_local_log_is_an_error_that_says_where_to_look(
    report: Run, reporting: Settings, tmp_path: Path
) -> None:
    home = tmp_path / "marketing-home"
    update_index(Settings(library=reporting.library, home=home), workers=1)
    status, out, err = report("unused", home=home)
    assert status == 1 and out == ""
    assert "no usage events yet" in err and "--from" in err
    clean(err)


def test_tagging_needs_no_events(report: Run, tmp_path: Path) -> None:
    share = tmp_path / "share"
    (share / "events").mkdir(parents=True)
    status, out, err = report("tagging", "--from", str(share), "--format", "json")
    assert status == 0, err
    assert json.loads(out)["kind"] == "tagging"


def test_a_library_that_does_not_exist_is_an_error(report: Run, tmp_path: Path) -> None:
    nowhere = tmp_path / "no-such-library"
    status, out, err = report("top", library=nowhere)
    assert status == 1 and out == ""
    assert str(nowhere) in err and "does not exist" in err
    clean(err)


def test_a_library_never_indexed_is_an_error_naming_it(
    report: Run, make_library, tmp_path: Path
) -> None:
    other = make_library({"a.txt": lambda p: write_text(p, "Text.")}, name="other")
    status, out, err = report("top", library=other, home=tmp_path / "fresh-home")
    assert status == 1 and out == ""
    assert str(other) in err and "no index yet" in err and "contentfinder index" in err
    clean(err)


def test_team_counts_that_team_and_an_unknown_team_lists_those_there_are(report: Run) -> None:
    status, out, err = report("top", "--team", "EMEA retail", "--format", "json")
    assert status == 0, err
    about = {line["label"]: line["text"] for line in json.loads(out)["about"]}
    assert "EMEA retail" in about["Counted"]
    status, out, err = report("top", "--team", "Mars", "--format", "json")
    assert status == 2 and out == ""
    assert "Mars" in err and "EMEA retail" in err, err
    clean(err)
