"""The data folder (index, caches, usage log, preferences) on every platform, by platformdirs'
own class for each, forced here on Linux; and the environment and arguments over it."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from contentfinder.config import default_home, load_settings


def test_on_windows_it_is_the_local_app_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    # platformdirs asks the shell for the folder; this variable is its documented override.
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"C:\Users\ann\AppData\Local")
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\ann\AppData\Roaming")
    home = default_home(Windows)
    assert PureWindowsPath(str(home)) == PureWindowsPath(
        r"C:\Users\ann\AppData\Local\contentfinder"
    )


def test_on_macos_it_is_application_support(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_home(MacOS) == tmp_path / "Library" / "Application Support" / "contentfinder"


def test_on_linux_it_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert default_home(Unix) == tmp_path / ".local" / "share" / "contentfinder"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_home(Unix) == tmp_path / "data" / "contentfinder"


def test_this_platform_uses_its_own_rule(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_home() == tmp_path / "data" / "contentfinder"
    settings = load_settings(environ={})
    assert settings.home == tmp_path / "data" / "contentfinder"
    assert settings.index_dir == settings.home / "index"
    assert load_settings(environ={"CONTENTFINDER_HOME": str(tmp_path / "h")}).home == tmp_path / "h"
    assert load_settings(home=tmp_path / "arg", environ={"CONTENTFINDER_HOME": "x"}).home == (
        tmp_path / "arg"
    )
