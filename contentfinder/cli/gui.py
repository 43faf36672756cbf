"""`contentfinder gui`: the desktop app, started with this command's library and data folder."""

from __future__ import annotations

import argparse

from contentfinder.library.opened import Library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--query", default="", help="start with this search")
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        help="save a picture of the window once the index is up to date, then quit",
    )


def run(args: argparse.Namespace, library: Library) -> int:
    from ui.app import main as gui_main  # Qt only once the app starts, not for `gui --help`

    settings = library.settings
    argv = ["--home", str(settings.home)]
    if settings.library is not None:
        argv += ["--library", str(settings.library)]
    if args.query:
        argv += ["--query", args.query]
    if args.screenshot:
        argv += ["--screenshot", args.screenshot]
    return gui_main(argv)
