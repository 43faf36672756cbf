"""`contentfinder install-desktop-entry`: a valid freedesktop entry and its icon under the
user's XDG data folder, whose command starts this installation's app."""

from __future__ import annotations

import argparse
import configparser
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from contentfinder.cli import install_desktop_entry as command
from contentfinder.desktop.entry import (
    data_home,
    desktop_entry,
    exec_line,
    gui_command,
    install_desktop_entry,
)
from tests.factories import run_cli

RENDER_ENV = "CONTENTFINDER_RENDER_TESTS"  # set by ./scripts/test: its tools must be there


def _validator() -> str:
    program = shutil.which("desktop-file-validate")
    if program is None:
        message = "desktop-file-validate is missing: apt-get install desktop-file-utils"
        if os.environ.get(RENDER_ENV) == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return program


def _entry_fields(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_the_command_installs_a_valid_entry_that_starts_the_app(tmp_path: Path) -> None:
    data = tmp_path / "share"
    done = run_cli(
        "install-desktop-entry", "--home", str(tmp_path / "home"), env={"XDG_DATA_HOME": str(data)}
    )
    assert done.returncode == 0, done.stderr
    entry = data / "applications" / "contentfinder.desktop"
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / "contentfinder.svg"
    assert f"Installed {entry}" in done.stdout
    assert icon.read_bytes().lstrip().startswith(b"<")  # the shipped SVG
    checked = subprocess.run([_validator(), str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    fields = _entry_fields(entry)
    assert fields["Icon"] == str(icon)
    # The checkout's venv has a contentfinder-gui script beside its Python: the entry runs it,
    # and it is the app (its --help is the app's, not a missing file).
    started = shlex.split(fields["Exec"])
    assert started == [str(Path(sys.executable).parent / "contentfinder-gui")]
    helped = subprocess.run([*started, "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "--library" in helped.stdout, helped.stderr


def test_running_it_again_replaces_the_entry_and_remove_takes_both_files(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "share")}
    for _ in range(2):
        assert run_cli("install-desktop-entry", env=env).returncode == 0
    entries = list((tmp_path / "share").rglob("contentfinder.*"))
    assert len(entries) == 2  # no temporary files left beside them
    removed = run_cli("install-desktop-entry", "--remove", env=env)
    assert removed.returncode == 0
    assert removed.stdout.count("Removed ") == 2
    assert not list((tmp_path / "share").rglob("contentfinder.*"))
    again = run_cli("install-desktop-entry", "--remove", env=env)
    assert "No contentfinder desktop entry was installed" in again.stdout


def test_a_path_with_spaces_and_reserved_characters_survives_the_exec_quoting(
    tmp_path: Path,
) -> None:
    odd = tmp_path / 'Sales Tools $HOME "100%"' / "contentfinder-gui"
    line = exec_line([str(odd), "gui"])
    entry = tmp_path / "odd.desktop"
    entry.write_text(desktop_entry([str(odd), "gui"], tmp_path / "icon.svg"), encoding="utf-8")
    checked = subprocess.run([_validator(), str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    # Read back as the spec says: string-value escapes, then the Exec quoting, then %% → %.
    assert _exec_arguments(line.replace("\\\\", "\\")) == [str(odd), "gui"]


def _exec_arguments(value: str) -> list[str]:
    """An Exec value split as the Desktop Entry Specification says: spaces separate, double
    quotes group, and inside them a backslash escapes `"`, `` ` ``, `$` and itself."""
    arguments: list[str] = []
    word, quoted, at = "", False, 0
    while at < len(value):
        character = value[at]
        if quoted and character == "\\" and value[at + 1] in '"`$\\':
            word, at = word + value[at + 1], at + 2
            continue
        if character == '"':
            quoted = not quoted
        elif character == " " and not quoted:
            arguments.append(word)
            word = ""
        else:
            word += character
        at += 1
    return [argument.replace("%%", "%") for argument in [*arguments, word]]


def test_a_frozen_bundle_starts_its_own_launcher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/contentfinder/contentfinder")
    assert gui_command() == ("/opt/contentfinder/contentfinder", "gui")


def test_without_a_gui_script_python_runs_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lone = tmp_path / "bin" / "python3"
    lone.parent.mkdir()
    monkeypatch.setattr(sys, "executable", str(lone))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert gui_command() == (str(lone), "-m", "contentfinder.cli", "gui")


def test_a_relative_or_empty_xdg_data_home_is_ignored() -> None:
    fallback = Path.home() / ".local" / "share"
    assert data_home({"XDG_DATA_HOME": "relative/share"}) == fallback
    assert data_home({"XDG_DATA_HOME": ""}) == fallback
    assert data_home({"XDG_DATA_HOME": "/srv/share"}) == Path("/srv/share")


def test_an_unwritable_data_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    blocked = tmp_path / "share"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    done = run_cli("install-desktop-entry", env={"XDG_DATA_HOME": str(blocked)})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and str(blocked) in done.stderr


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_on_windows_and_macos_it_says_where_the_app_goes_instead(
    platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert command.run(argparse.Namespace(remove=False), library=None) == 1  # type: ignore[arg-type]
    said = capsys.readouterr().err
    assert "Linux" in said and ("Start menu" in said or "Applications" in said)
    assert not list(tmp_path.iterdir())


def test_the_entry_names_the_app_and_its_category() -> None:
    text = desktop_entry(("/usr/bin/contentfinder-gui",), Path("/icon.svg"))
    fields = dict(line.split("=", 1) for line in text.splitlines()[1:] if line)
    assert fields["Name"] == "contentfinder" and fields["Terminal"] == "false"
    assert fields["Categories"].startswith("Office;")
    assert install_desktop_entry  # the function the command calls
