"""`contentfinder install-desktop-entry [--remove]`: the app in the Linux desktop's menus."""

from __future__ import annotations

import argparse
import sys

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, error
from contentfinder.desktop.entry import install_desktop_entry, remove_desktop_entry
from contentfinder.library.opened import Library

ELSEWHERE = {
    "win32": "on Windows the app's installer or a shortcut to contentfinder.exe puts it in the "
    "Start menu (see the README's 'Building for Windows')",
    "darwin": "on macOS drag contentfinder.app into Applications (see the README's "
    "'Building for macOS')",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--remove", action="store_true", help="take the entry and its icon out of the menus"
    )


def run(args: argparse.Namespace, library: Library) -> int:
    if sys.platform in ELSEWHERE:
        error(f"desktop entries are for Linux desktops; {ELSEWHERE[sys.platform]}")
        return EXIT_FAILURE
    if args.remove:
        removed = remove_desktop_entry()
        if not removed:
            print("No contentfinder desktop entry was installed for this user.")
        for path in removed:
            print(f"Removed {path}")
        return EXIT_OK
    installed = install_desktop_entry()
    print(f"Installed {installed.entry}")
    print(f"  with the icon {installed.icon}")
    print(f"  starting: {' '.join(installed.command)}")
    print("contentfinder is in your desktop's applications menu (log out and in if it is not).")
    return EXIT_OK
