"""Each platform's way of opening an asset and showing it in its folder, forced on Linux
(sys.platform) with the launcher replaced at the process boundary by a recording stand-in
(subprocess.Popen, os.startfile): what would be run on Windows, macOS and Linux, and how its
answer is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from contentfinder.desktop import viewer
from contentfinder.desktop.viewer import open_in_viewer, show_in_folder


class Launcher:
    """Stands in for subprocess.Popen: records each command and the way it was started, and
    exits with the status `status` gives for it (None: still running, as a viewer would)."""

    def __init__(self, status: dict[str, int | None] | None = None) -> None:
        self.runs: list[tuple[list[str], dict[str, object]]] = []
        self.status = status or {}

    def __call__(self, argv: list[str], **options: object) -> Launcher.Process:
        self.runs.append((list(argv), options))
        if argv[0] in self.status and self.status[argv[0]] == -1:
            raise FileNotFoundError(2, "No such file or directory", argv[0])
        return Launcher.Process(self.status.get(argv[0], 0), options.get("stderr"))

    @property
    def commands(self) -> list[list[str]]:
        return [argv for argv, _ in self.runs]

    class Process:
        def __init__(self, status: int | None, stderr: object) -> None:
            self.status = status
            if status and stderr is not None:
                stderr.write(b"it said why\n")  # type: ignore[attr-defined]

        def wait(self, timeout: float | None = None) -> int:
            if self.status is None:
                raise subprocess.TimeoutExpired("viewer", timeout or 0)
            return self.status


@pytest.fixture
def asset(tmp_path: Path) -> Path:
    folder = tmp_path / "Sales Decks"
    folder.mkdir()
    path = folder / "Pricing, Q3.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    return path


def on(platform: str, monkeypatch: pytest.MonkeyPatch, launcher: Launcher) -> list[str]:
    """Forces `platform`, puts `launcher` in place of Popen and a recorder in place of
    os.startfile; what os.startfile was given."""
    started: list[str] = []
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(viewer.subprocess, "Popen", launcher)
    monkeypatch.setattr(os, "startfile", lambda path: started.append(str(path)), raising=False)
    monkeypatch.setattr(viewer.threading.Thread, "start", lambda self: None)  # no reaper
    return started


# -- Windows -------------------------------------------------------------------------------


def test_on_windows_a_file_opens_through_its_association(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = Launcher()
    started = on("win32", monkeypatch, launcher)
    assert open_in_viewer(asset) is None
    assert started == [str(asset)] and launcher.runs == []


def test_on_windows_a_file_without_an_association_says_so(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on("win32", monkeypatch, Launcher())

    def no_association(_path: object) -> None:
        raise OSError(22, "No application is associated with the specified file")

    monkeypatch.setattr(os, "startfile", no_association, raising=False)
    assert open_in_viewer(asset) == (
        "Windows could not open it: No application is associated with the specified file"
    )


def test_on_windows_explorer_shows_the_file_selected_whatever_its_exit_status(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = Launcher({"explorer": 1})  # Explorer's status is 1 when it worked, too
    started = on("win32", monkeypatch, launcher)
    assert show_in_folder(asset) is None
    [(argv, options)] = launcher.runs
    assert argv == ["explorer", "/select,", str(asset)] and started == []
    assert options["creationflags"] == viewer.CREATE_NEW_PROCESS_GROUP
    assert "start_new_session" not in options


def test_on_windows_the_opener_command_keeps_its_backslashes(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = Launcher()
    started = on("win32", monkeypatch, launcher)
    command = r'"C:\Program Files\Viewer\view.exe" /readonly'
    assert open_in_viewer(asset, command) is None
    assert launcher.commands == [[r"C:\Program Files\Viewer\view.exe", "/readonly", str(asset)]]
    assert started == []


# -- macOS ---------------------------------------------------------------------------------


def test_on_macos_open_opens_and_open_r_reveals(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = Launcher()
    started = on("darwin", monkeypatch, launcher)
    assert open_in_viewer(asset) is None
    assert show_in_folder(asset) is None
    assert launcher.commands == [["open", str(asset)], ["open", "-R", str(asset)]]
    assert all(options["start_new_session"] is True for _, options in launcher.runs)
    assert started == []


def test_on_macos_a_failing_open_says_why(asset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on("darwin", monkeypatch, Launcher({"open": 1}))
    assert open_in_viewer(asset) == "'open' could not open it (exit status 1): it said why"
    assert show_in_folder(asset) == (
        "'open' could not show it in its folder (exit status 1): it said why"
    )


# -- Linux ---------------------------------------------------------------------------------


def test_on_linux_xdg_open_opens_and_the_file_manager_shows_the_file(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = Launcher()
    on("linux", monkeypatch, launcher)
    monkeypatch.setattr(viewer.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert open_in_viewer(asset) is None
    assert show_in_folder(asset) is None
    opened, shown = launcher.commands
    assert opened == ["xdg-open", str(asset)]
    assert shown[0] == "gdbus" and "org.freedesktop.FileManager1.ShowItems" in shown
    assert shown[-2] == f"['{asset.as_uri()}']"


def test_on_linux_without_a_file_manager_the_folder_opens(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = Launcher({"gdbus": 1})  # "The name is not activatable"
    on("linux", monkeypatch, launcher)
    monkeypatch.setattr(viewer.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert show_in_folder(asset) is None
    assert [argv[0] for argv in launcher.commands] == ["gdbus", "xdg-open"]
    assert launcher.commands[-1] == ["xdg-open", str(asset.parent)]

    launcher.runs.clear()
    monkeypatch.setattr(viewer.shutil, "which", lambda name: None)  # no D-Bus tools at all
    assert show_in_folder(asset) is None
    assert launcher.commands == [["xdg-open", str(asset.parent)]]


def test_on_linux_a_missing_xdg_open_says_what_to_do(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on("linux", monkeypatch, Launcher({"xdg-open": -1}))
    assert "'xdg-open', which is not installed; set CONTENTFINDER_OPENER" in open_in_viewer(asset)


def test_a_viewer_still_running_counts_as_started(
    asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on("darwin", monkeypatch, Launcher({"open": None}))
    assert open_in_viewer(asset, started_after=0.01) is None
