"""`contentfinder events import/export` and `--role/--team` as a person runs them: real
processes, real homes, real files; every bad input a message naming it, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from contentfinder.preferences import Preferences, save_preferences
from contentfinder.usage.event_file import event_lines
from contentfinder.usage.events import UsageEvent
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from tests.factories import run_cli, write_text
from tests.usage.test_events_import import history
from tests.usage_events import made, rep


def recorded(home: Path) -> list[UsageEvent]:
    with UsageLog(home / "usage.sqlite", identity=Identity("reader", "reader")) as log:
        return log.events()


def events(*args: str, home: Path) -> tuple[int, str, str]:
    result = run_cli("events", *args, "--home", str(home))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


def events_file(path: Path, items: list[UsageEvent]) -> Path:
    path.write_text("".join(event_lines(items)), encoding="utf-8")
    return path


def test_export_then_import_into_another_home_is_lossless_and_idempotent(tmp_path: Path) -> None:
    first, second, made_elsewhere = tmp_path / "first", tmp_path / "second", history()
    source = events_file(tmp_path / "in.jsonl", made_elsewhere)
    assert events("import", str(source), home=first)[:2] == (
        0,
        "Imported 5 events (0 already there)\n",
    )
    exported = tmp_path / "out.jsonl"
    code, _, said = events("export", "--out", str(exported), home=first)
    assert (code, said) == (0, f"Exported 5 events to {exported}\n")
    # The data folder's option before the action works as well as after it.
    result = run_cli("events", "--home", str(second), "import", str(exported))
    assert result.returncode == 0 and result.stdout == "Imported 5 events (0 already there)\n"
    code, out, _ = events("import", str(exported), home=second)
    assert (code, out) == (0, "Imported 0 events (5 already there)\n")
    code, again, said = events("export", home=second)
    assert (code, said) == (0, "Exported 5 events\n")
    assert again == exported.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert [replace(e, seq=0) for e in recorded(second)] == made_elsewhere
    lines = [json.loads(line) for line in again.splitlines()]
    share = next(line for line in lines if line["kind"] == "share")
    assert (share["rank"], share["team"], share["deal_id"]) == (1, "EMEA retail", "006Dn000004")
    assert share["search_event_id"] == lines[0]["event_id"]


def import_piped(text: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`… | contentfinder events import - --home HOME`."""
    return subprocess.run(
        [sys.executable, "-m", "contentfinder.cli", "events", "import", "-", "--home", str(home)],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        check=False,
    )


def test_export_piped_into_import(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    events("import", str(events_file(tmp_path / "in.jsonl", history())), home=first)
    exported = events("export", home=first)[1]
    piped = import_piped(exported, second)
    assert piped.returncode == 0 and piped.stdout == "Imported 5 events (0 already there)\n"
    assert events("export", home=second)[1] == exported
    refused = import_piped("nonsense\n", second)
    assert refused.returncode == 1
    assert "standard input: nothing imported; 1 bad line:\n  line 1: not JSON" in refused.stderr


def test_a_bad_line_imports_nothing_and_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    home = tmp_path / "h"
    good = "".join(event_lines(history()[:2]))
    path = tmp_path / "mixed.jsonl"
    path.write_text(good + '{"event_id": "x", "kind": "open"}\n', encoding="utf-8")
    code, out, said = events("import", str(path), home=home)
    assert code == 1 and out == ""
    assert f"contentfinder: {path}: nothing imported; 1 bad line:" in said
    assert "line 3: no occurred_at, device_id, user_id" in said
    assert not (home / "usage.sqlite").exists()  # not a single event went in


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    code, _, said = events("import", str(tmp_path / "nope.jsonl"), home=tmp_path / "h")
    assert code == 1 and said == f"contentfinder: {tmp_path / 'nope.jsonl'}: no such file\n"
    code, _, said = events("import", str(tmp_path), home=tmp_path / "h")
    assert code == 1 and "is a folder" in said


def test_export_since_days_keeps_the_period(tmp_path: Path) -> None:
    home, me, now = tmp_path / "h", rep(1), datetime.now(UTC)
    backdated = [
        made(me, "open", at=now - timedelta(days=d), asset_id=f"{d}.pdf") for d in (400, 40, 3)
    ]
    assert events("import", str(events_file(tmp_path / "a.jsonl", backdated)), home=home)[0] == 0
    code, out, said = events("export", "--since", "30", home=home)
    assert code == 0 and said == "Exported 1 event of the last 30 days\n"
    assert [json.loads(line)["asset_id"] for line in out.splitlines()] == ["3.pdf"]
    code, out, said = events("export", "--since", "1", home=home)
    assert (code, out, said) == (0, "", "Exported 0 events of the last 1 day\n")


@pytest.mark.parametrize("days", ["0", "-3", "36501", "9999999999", "ten"])
def test_since_out_of_bounds_is_bad_usage_stating_the_bounds(tmp_path: Path, days: str) -> None:
    code, _, said = events("export", f"--since={days}", home=tmp_path / "h")
    assert code == 2 and "--since" in said
    assert "1 to 36500 days" in said or "not a whole number of days" in said


def test_out_into_a_missing_folder_or_onto_a_folder_is_named(tmp_path: Path) -> None:
    home = tmp_path / "h"
    events("import", str(events_file(tmp_path / "a.jsonl", history())), home=home)
    missing = tmp_path / "no" / "such" / "out.jsonl"
    code, _, said = events("export", "--out", str(missing), home=home)
    assert code == 2 and f"--out {missing}: the folder {missing.parent} does not exist" in said
    assert not missing.parent.exists()
    code, _, said = events("export", "--out", str(tmp_path), home=home)
    assert code == 2 and f"--out {tmp_path}: is a folder" in said and ".tmp" not in said
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_existing_out_file_is_replaced_whole(tmp_path: Path) -> None:
    home, out = tmp_path / "h", tmp_path / "events.jsonl"
    events("import", str(events_file(tmp_path / "a.jsonl", history())), home=home)
    out.write_text("x" * 100_000, encoding="utf-8")
    assert events("export", "--out", str(out), home=home)[0] == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_export_from_a_home_without_a_log_says_so(tmp_path: Path) -> None:
    home = tmp_path / "never-used"
    code, out, said = events("export", home=home)
    assert code == 1 and out == ""
    assert f"{home / 'usage.sqlite'}: no usage log here" in said and not home.exists()


def test_events_needs_an_action(tmp_path: Path) -> None:
    code, _, said = events(home=tmp_path / "h")
    assert code == 2 and "{import,export}" in said


# --- --role and --team ------------------------------------------------------------------------


@pytest.fixture
def indexed(make_library, tmp_path: Path) -> tuple[Path, Path]:
    library = make_library({"Decks/roi.txt": lambda p: write_text(p, "Return on investment.")})
    home = tmp_path / "h"
    assert run_cli("index", "--library", str(library), "--home", str(home)).returncode == 0
    return library, home


def test_role_and_team_override_the_settings_for_one_run(indexed: tuple[Path, Path]) -> None:
    library, home = indexed
    where = ("--library", str(library), "--home", str(home))
    save_preferences(home, Preferences(role="marketing", team="Content"))
    assert run_cli("search", "roi", *where).returncode == 0
    assert (
        run_cli("search", "roi", "--role", "rep", "--team", "EMEA retail", *where).returncode == 0
    )
    assert run_cli("search", "roi", "--team", "", *where).returncode == 0
    opened = run_cli(
        "open", "Decks/roi.txt", "--role", "rep", *where, env={"CONTENTFINDER_OPENER": "true"}
    )
    assert opened.returncode == 0, opened.stderr
    assert [(e.kind, e.role, e.team) for e in recorded(home)] == [
        ("search", "marketing", "Content"),
        ("search", "rep", "EMEA retail"),
        ("search", "marketing", None),
        ("open", "rep", "Content"),
    ]
    searched = recorded(home)[1]  # what the search found goes with it (SPEC §3)
    assert searched.detail is not None and searched.detail["shown"] == ["Decks/roi.txt"]
    assert searched.detail["full_result"] is True and searched.detail["missing_concepts"] == []
    saved = json.loads((home / "preferences.json").read_text(encoding="utf-8"))
    assert (saved["role"], saved["team"]) == ("marketing", "Content")  # for that run only


def test_an_unknown_role_is_bad_usage_listing_the_roles(indexed: tuple[Path, Path]) -> None:
    library, home = indexed
    result = run_cli(
        "search", "roi", "--role", "boss", "--library", str(library), "--home", str(home)
    )
    assert result.returncode == 2
    assert "invalid choice: 'boss' (choose from 'rep', 'marketing')" in result.stderr
    assert not (home / "usage.sqlite").exists()
