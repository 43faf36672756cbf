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
    about = {line["label"]: line["text"] for line in json.loads(out)["about"]}
    assert "EMEA retail" in about["Counted"]
    status, out, err = report("top", "--team", "Mars", "--format", "json")
    assert status == 2 and out == ""
    assert "Mars" in err and "EMEA retail" in err, err
    clean(err)
