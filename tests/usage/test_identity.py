"""Who records usage: a stable device id and pseudonym per install, the name only when the
rep opted in to it."""

from __future__ import annotations

import json
from pathlib import Path

from contentfinder.usage.identity import IDENTITY_FILE, Identity, load_identity


def test_identity_is_stable_and_named_only_when_asked(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = load_identity(home)
    assert first == load_identity(home)
    assert first.user_id.startswith("user-") and len(first.user_id) == len("user-") + 16
    assert int(first.user_id[5:], 16) >= 0
    assert len(first.device_id) == 36
    named = load_identity(home, display_name="  Dana Rep ")
    assert named == Identity(device_id=first.device_id, user_id="Dana Rep")
    assert load_identity(home, display_name="") == first
    assert [p.name for p in home.iterdir()] == [IDENTITY_FILE]  # no temp file left behind

    other = load_identity(tmp_path / "another-install")
    assert other.device_id != first.device_id and other.user_id != first.user_id


def test_a_damaged_identity_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / IDENTITY_FILE).write_text("{not json", encoding="utf-8")
    fresh = load_identity(tmp_path)
    assert fresh == load_identity(tmp_path)
    assert json.loads((tmp_path / IDENTITY_FILE).read_text(encoding="utf-8"))["device_id"] == (
        fresh.device_id
    )
