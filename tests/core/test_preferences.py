"""Preferences survive a round trip, and a damaged file costs only the damaged settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contentfinder.preferences import (
    PREFERENCES_FILE,
    Preferences,
    load_preferences,
    save_preferences,
)


def test_round_trip(tmp_path: Path) -> None:
    home = tmp_path / "home"  # made by the save
    prefs = Preferences(
        library=tmp_path / "Sales Library",
        sync_target="postgresql://insights.example/usage",
        display_name="Dana Rep",
        share_name=True,
    )
    save_preferences(home, prefs)
    loaded = load_preferences(home)
    assert loaded == prefs and loaded.problem == ""
    assert [p.name for p in home.iterdir()] == [PREFERENCES_FILE]  # no temp file left behind


def test_no_file_means_defaults(tmp_path: Path) -> None:
    prefs = load_preferences(tmp_path)
    assert prefs == Preferences() and prefs.problem == ""
    assert prefs.library is None and prefs.share_name is False


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"display_name": "Dana", ', "not valid JSON, line 1"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b'["a", "list"]', "not a JSON object"),
    ],
)
def test_a_corrupt_file_gives_defaults_and_says_why(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    (tmp_path / PREFERENCES_FILE).write_bytes(content)
    prefs = load_preferences(tmp_path)
    assert prefs == Preferences()
    assert str(tmp_path / PREFERENCES_FILE) in prefs.problem and problem in prefs.problem


def test_one_bad_setting_keeps_the_others(tmp_path: Path) -> None:
    (tmp_path / PREFERENCES_FILE).write_text(
        json.dumps({"display_name": "Dana", "share_name": "yes", "from_a_newer_version": 1}),
        encoding="utf-8",
    )
    prefs = load_preferences(tmp_path)
    assert prefs == Preferences(display_name="Dana", share_name=False)
    assert "share_name" in prefs.problem


def test_saving_replaces_a_corrupt_file(tmp_path: Path) -> None:
    (tmp_path / PREFERENCES_FILE).write_text("{", encoding="utf-8")
    save_preferences(tmp_path, Preferences(display_name="Dana"))
    loaded = load_preferences(tmp_path)
    assert loaded == Preferences(display_name="Dana") and loaded.problem == ""


def test_the_name_is_shared_only_when_the_rep_opted_in() -> None:
    assert Preferences(display_name=" Dana ", share_name=True).name_to_share == "Dana"
    assert Preferences(display_name="Dana", share_name=False).name_to_share is None
    assert Preferences(display_name="  ", share_name=True).name_to_share is None
