"""Handing an asset to the desktop: the viewer (or $CONTENTFINDER_OPENER) started on the file,
the file manager asked to show it selected, and every failure a reason in words."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from contentfinder.desktop.viewer import (
    file_manager_call,
    open_in_viewer,
    opener_command,
    select_argv,
    show_in_folder,
    viewer_argv,
)

ASSET_NAME = "Pricing sheet, Q3 'final'.pdf"


@pytest.fixture
def asset(tmp_path: Path) -> Path:
    folder = tmp_path / "Sales Decks"
    folder.mkdir()
    path = folder / ASSET_NAME
    path.write_bytes(b"%PDF-1.4\n")
    return path


def recording_program(folder: Path, name: str, *, status: int = 0, says: str = "") -> Path:
    """A real program that appends its arguments (one line each run) to `<name>.log`."""
    log = folder / f"{name}.log"
    program = folder / name
    program.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as out:\n"
        "    out.write('\\x1f'.join(sys.argv[1:]) + '\\n')\n"
        f"sys.stderr.write({says!r})\n"
        f"raise SystemExit({status})\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    return program


def runs(program: Path) -> list[list[str]]:
    log = program.with_name(f"{program.name}.log")
    if not log.exists():
        return []
    return [line.split("\x1f") for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_opener_is_run_on_the_file(tmp_path: Path, asset: Path) -> None:
    viewer = recording_program(tmp_path, "viewer")
    assert open_in_viewer(asset, shlex.join([str(viewer), "--new-window"])) is None
    assert runs(viewer) == [["--new-window", str(asset)]]


def test_an_opener_that_fails_says_how(tmp_path: Path, asset: Path) -> None:
    assert open_in_viewer(asset, "false") == "'false' could not open it (exit status 1)"
    grumpy = recording_program(
        tmp_path, "grumpy", status=3, says="warming up\nno method available for opening it\n"
    )
    assert open_in_viewer(asset, str(grumpy)) == (
        f"'{grumpy}' could not open it (exit status 3): no method available for opening it"
    )


def test_a_missing_opener_says_it_is_not_installed(tmp_path: Path, asset: Path) -> None:
    missing = tmp_path / "no-such-viewer"
    problem = open_in_viewer(asset, str(missing))
    assert problem == (
        f"cannot open it: CONTENTFINDER_OPENER names '{missing}', which is not installed; "
        "set CONTENTFINDER_OPENER to a program that opens files"
    )


def test_a_file_that_is_gone_is_said_so_before_any_viewer_runs(tmp_path: Path, asset: Path) -> None:
    viewer = recording_program(tmp_path, "viewer")
    asset.unlink()
    gone = "the file is no longer there (moved or deleted since the library was last indexed)"
    assert open_in_viewer(asset, str(viewer)) == gone
    assert show_in_folder(asset, str(viewer)) == gone
    assert runs(viewer) == []


def test_an_opener_that_is_no_command_line_says_so(asset: Path) -> None:
    assert open_in_viewer(asset, "viewer 'unclosed") == (
        "CONTENTFINDER_OPENER is not a command line (No closing quotation)"
    )


def test_a_viewer_still_running_was_started(tmp_path: Path, asset: Path) -> None:
    """A launcher that stays in the foreground is the viewer itself: opened, not hung."""
    pid_file = tmp_path / "pid"
    stays = shlex.join(
        [
            sys.executable,
            "-c",
            f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); "
            "time.sleep(60)",
        ]
    )
    began = time.monotonic()
    try:
        assert open_in_viewer(asset, stays, started_after=0.5) is None
        assert time.monotonic() - began < 5
    finally:
        deadline = time.monotonic() + 10
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(int(pid_file.read_text()), signal.SIGKILL)


def test_show_in_folder_runs_the_opener_on_the_folder(tmp_path: Path, asset: Path) -> None:
    viewer = recording_program(tmp_path, "viewer")
    assert show_in_folder(asset, str(viewer)) is None
    assert runs(viewer) == [[str(asset.parent)]]
    assert show_in_folder(asset, "false") == "'false' could not show its folder (exit status 1)"


def test_the_opener_comes_from_the_environment() -> None:
    assert opener_command({"CONTENTFINDER_OPENER": "  my-viewer --flag  "}) == "my-viewer --flag"
    assert opener_command({}) == ""


def test_the_platform_viewer_and_file_selection(asset: Path) -> None:
    assert viewer_argv(asset, None, platform="linux") == ["xdg-open", str(asset)]
    assert viewer_argv(asset, "", platform="darwin") == ["open", str(asset)]
    assert select_argv(asset, platform="darwin") == ["open", "-R", str(asset)]
    assert select_argv(asset, platform="win32") == ["explorer", "/select,", str(asset)]


def test_the_file_manager_is_asked_over_d_bus_to_select_the_file(asset: Path) -> None:
    uri = asset.as_uri()
    assert "'" not in uri and "," not in uri and " " not in uri  # nothing to escape
    assert unquote(uri) == f"file://{asset}"
    gdbus = file_manager_call(asset, which=lambda name: f"/usr/bin/{name}")
    assert gdbus == [
        "gdbus", "call", "--session",
        "--dest", "org.freedesktop.FileManager1",
        "--object-path", "/org/freedesktop/FileManager1",
        "--timeout", "10",
        "--method", "org.freedesktop.FileManager1.ShowItems",
        f"['{uri}']", "",
    ]  # fmt: skip
    dbus_send = file_manager_call(
        asset, which=lambda name: "/usr/bin/dbus-send" if name == "dbus-send" else None
    )
    assert dbus_send == [
        "dbus-send", "--session", "--print-reply", "--reply-timeout=10000",
        "--dest=org.freedesktop.FileManager1", "--type=method_call",
        "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1.ShowItems",
        f"array:string:{uri}", "string:",
    ]  # fmt: skip
    assert file_manager_call(asset, which=lambda name: None) is None


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the freedesktop file manager")
def test_on_linux_the_file_manager_shows_the_file_else_the_folder_opens(
    tmp_path: Path, asset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = tmp_path / "bin"
    programs.mkdir()
    monkeypatch.setenv("PATH", str(programs))
    gdbus = recording_program(programs, "gdbus")
    xdg_open = recording_program(programs, "xdg-open")
    assert show_in_folder(asset) is None
    assert runs(gdbus)[0][-2:] == [f"['{asset.as_uri()}']", ""] and runs(xdg_open) == []

    # No file manager answers (none runs, or no session bus): the folder opens instead.
    recording_program(programs, "gdbus", status=1, says="Error: The name is not activatable\n")
    assert show_in_folder(asset) is None
    assert runs(xdg_open) == [[str(asset.parent)]]

    recording_program(programs, "xdg-open", status=3, says="xdg-open: no method available\n")
    assert show_in_folder(asset) == (
        "'xdg-open' could not open its folder (exit status 3): xdg-open: no method available"
    )
    (programs / "xdg-open").unlink()
    assert "'xdg-open', which is not installed" in show_in_folder(asset)
