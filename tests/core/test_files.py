"""The one atomic write: whole files or none, never over a name another writer took."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from contentfinder.files import atomic_write, atomic_write_json


def test_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "prefs.json"
    atomic_write_json(target, {"a": 1})
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["prefs.json"]


def test_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    atomic_write(target, b"one")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    atomic_write(target, b"two")
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_rename_keeps_the_old_content(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "catalog.csv"
    target.write_text("old")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("contentfinder.files.os.replace", fail)
    with pytest.raises(OSError):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.csv"]


@pytest.mark.parametrize("hard_links", [True, False])
def test_never_overwrites_when_asked_not_to(tmp_path: Path, monkeypatch, hard_links: bool) -> None:
    if not hard_links:  # a share without hard links

        def no_link(*_args: object) -> None:
            raise OSError(1, "Operation not permitted")

        monkeypatch.setattr("contentfinder.files.os.link", no_link)
    target = tmp_path / "000000000001-000000000002.jsonl"
    assert atomic_write(target, "first", replace=False) is True
    assert atomic_write(target, "second", replace=False) is False
    assert target.read_text() == "first"
    assert sorted(os.listdir(tmp_path)) == [target.name]
