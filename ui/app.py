"""Starting the desktop app: which library and data folder, the first-run choice, the window.

contentfinder gui [--library DIR] [--home DIR] [--query TEXT] [--screenshot FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from contentfinder.config import Settings, load_settings
from contentfinder.library.taxonomy import TaxonomyError, load_taxonomy
from contentfinder.preferences import Preferences, load_preferences, save_preferences
from contentfinder.usage.identity import identity_for
from ui.controllers.search_process import SearchClient
from ui.icons import app_icon
from ui.usage_opening import OpeningUsageLog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="contentfinder gui", description="The desktop app.")
    parser.add_argument("--library", help="the library folder (else the one chosen before)")
    parser.add_argument("--home", help="the data folder: index, usage log, settings")
    parser.add_argument("--query", default="", help="start with this search")
    parser.add_argument(
        "--screenshot",
        type=Path,
        help="save a picture of the window once the index is up to date, then quit",
    )
    return parser.parse_args(argv)


def resolve_library(settings: Settings, preferences: Preferences | None = None) -> Settings | None:
    """The library from the arguments or environment, else the one chosen before, else the
    rep's choice now. None when the rep closes the first-run dialog."""
    if settings.library is not None:
        return settings
    preferences = preferences or load_preferences(settings.home)
    if preferences.library is not None:
        return replace(settings, library=preferences.library.resolve())
    from ui.dialogs.library_settings import FirstRunDialog

    dialog = FirstRunDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return None
    save_preferences(settings.home, replace(preferences, library=dialog.chosen))
    return replace(settings, library=dialog.chosen.resolve())


def build_window(
    settings: Settings, *, preferences: Preferences | None = None, **options: object
) -> MainWindow:
    """The window on `settings`' library; `preferences` as the caller read them, else read.

    The first results are what a start waits for, and they come from the search child: so
    the child is started first, and reads the index while the window's modules are imported
    and its widgets built; the usage log opens on a thread once the event loop runs (the
    window shown), as nothing before the first results needs it."""
    search = SearchClient(settings)
    try:
        taxonomy = load_taxonomy(settings.library)
        preferences = preferences or load_preferences(settings.home)
        usage = OpeningUsageLog(
            settings.usage_db, identity=identity_for(settings.home, preferences)
        )
        from ui.main_window import MainWindow

        window = MainWindow(settings, taxonomy=taxonomy, usage=usage, search=search, **options)
    except BaseException:
        search.close()
        raise
    QTimer.singleShot(0, usage.start)
    return window


def no_screen() -> str | None:
    """Why a window cannot open here, or None. Qt itself would abort with a core dump."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no screen to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
        "run it in a desktop session, or search with 'contentfinder search'"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if (reason := no_screen()) is not None:
        print(f"contentfinder: {reason}", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("contentfinder")
    app.setApplicationDisplayName("contentfinder")
    app.setWindowIcon(app_icon())
    settings = load_settings(library=args.library, home=args.home)
    preferences = load_preferences(settings.home)  # read once, for the library and the window
    settings = resolve_library(settings, preferences)
    if settings is None:
        return 0
    try:
        window = build_window(settings, preferences=preferences)
    except (TaxonomyError, OSError) as exc:
        print(f"contentfinder: {exc}", file=sys.stderr)
        return 1
    if args.query:
        window.search_box.setText(args.query)
    window.show()
    if args.screenshot is not None:

        def save() -> None:
            window.grab().save(str(args.screenshot))
            window.close()
            app.quit()

        window.index_finished.connect(lambda _: QTimer.singleShot(300, save))
        QTimer.singleShot(60_000, save)  # no index run came back: show what there is
    code = app.exec()
    window.usage.close()
    shiboken6.delete(window)
    # Qt torn down now, while Python still is whole: left to the interpreter's exit, the
    # clipboard (holding a copied asset) was destroyed after what it needs, and crashed.
    shiboken6.delete(app)
    return code


if __name__ == "__main__":
    sys.exit(main())
