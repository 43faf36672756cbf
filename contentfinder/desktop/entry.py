"""The app in the Linux desktop's menus: a freedesktop `.desktop` entry and its icon, written
per user under the XDG data folder, so no administrator is needed and removing them is two files.

The entry starts the app the way this installation starts it (a venv's or pipx's
`contentfinder-gui`, the bundle's launcher, or this Python with `-m contentfinder.cli gui`),
with absolute paths: a desktop session's PATH rarely holds `~/.local/bin`.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from contentfinder import __version__
from contentfinder.files import atomic_write
from contentfinder.resources import resource_path

APP_ID = "contentfinder"  # the entry's and the icon's file name: what menus and docks key on
ICON = Path("icons") / "contentfinder.svg"  # in the shipped resources
GUI_SCRIPT = "contentfinder-gui"

# Characters the Desktop Entry Specification ("The Exec key") reserves inside an argument:
# such an argument is quoted, and inside the quotes these four are escaped with a backslash.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`=")
_ESCAPED_IN_QUOTES = ("\\", '"', "`", "$")


@dataclass(frozen=True)
class InstalledEntry:
    entry: Path  # …/applications/contentfinder.desktop
    icon: Path  # …/icons/hicolor/scalable/apps/contentfinder.svg
    command: tuple[str, ...]  # what the entry runs


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (the spec says a
    relative one is invalid and to be ignored)."""
    given = environ.get("XDG_DATA_HOME", "")
    if given and Path(given).is_absolute():
        return Path(given)
    return Path.home() / ".local" / "share"


def gui_command() -> tuple[str, ...]:
    """How this installation starts the desktop app, as absolute paths."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: its launcher runs the app
        return (str(Path(sys.executable).resolve()), "gui")
    beside = Path(sys.executable).parent / GUI_SCRIPT
    if beside.is_file():  # a venv or pipx: the script next to the Python that runs us
        return (str(beside.absolute()),)
    found = shutil.which(GUI_SCRIPT)
    if found is not None:
        return (str(Path(found).absolute()),)
    return (str(Path(sys.executable).absolute()), "-m", "contentfinder.cli", "gui")


def exec_line(command: Sequence[str]) -> str:
    """`command` as a Desktop Entry `Exec` value: arguments with reserved characters in double
    quotes, and a literal `%` doubled (field codes start with one)."""
    return " ".join(_exec_argument(argument) for argument in command)


def _exec_argument(argument: str) -> str:
    argument = argument.replace("%", "%%")
    if argument and not (set(argument) & _RESERVED):
        return argument
    for character in _ESCAPED_IN_QUOTES:
        argument = argument.replace(character, "\\" + character)
    # The file is read as a string value first, where a backslash escapes too: double them.
    return '"' + argument.replace("\\", "\\\\") + '"'


def desktop_entry(command: Sequence[str], icon: Path) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",  # the newest desktop-file-validate 0.26 knows
            "Name=contentfinder",
            "GenericName=Sales content finder",
            "Comment=Find the right sales content before the call",
            f"Exec={exec_line(command)}",
            f"Icon={icon}",
            "Terminal=false",
            "Categories=Office;Qt;",
            "Keywords=sales;content;search;library;collateral;",
            "StartupNotify=true",
            # Qt names the window's class after the application name (ui/app.py).
            f"StartupWMClass={APP_ID}",
            f"X-Contentfinder-Version={__version__}",
            "",
        ]
    )


def install_desktop_entry(
    environ: Mapping[str, str] = os.environ, command: Sequence[str] | None = None
) -> InstalledEntry:
    """Writes the icon and the entry (replacing earlier ones, so a moved installation is fixed
    by running it again); OSError names the file that could not be written."""
    root = data_home(environ)
    icon = root / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    entry = root / "applications" / f"{APP_ID}.desktop"
    command = tuple(command) if command is not None else gui_command()
    atomic_write(icon, resource_path(str(ICON)).read_bytes())
    # The icon by absolute path: found at once, without waiting for the theme cache.
    atomic_write(entry, desktop_entry(command, icon))
    return InstalledEntry(entry=entry, icon=icon, command=command)


def remove_desktop_entry(environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Deletes the entry and the icon; the files that were there."""
    root = data_home(environ)
    removed = []
    for path in (
        root / "applications" / f"{APP_ID}.desktop",
        root / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    ):
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed
