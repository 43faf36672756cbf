"""`contentfinder gui`: the desktop app, started with this command's library and data folder."""

from __future__ import annotations

import argparse

from contentfinder.cli.common import UsageError
from contentfinder.library.opened import Library
from contentfinder.resources import sample_library

SAMPLE_HOME = "sample"  # the sample's index and usage log: a folder of their own in the home


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--query", default="", help="start with this search")
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        help="save a picture of the window once the index is up to date, then quit",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="open the sample library that comes with contentfinder (its index and usage are "
        "kept apart from your library's, in the data folder's 'sample' folder)",
    )


def run(args: argparse.Namespace, library: Library) -> int:
    settings = library.settings
    if args.sample:
        if args.library:
            raise UsageError("--sample opens the sample library: give it or --library, not both")
        # Not the rep's own index and usage log: trying the sample must not reindex their
        # library's index over, nor put demo searches into marketing's reports.
        argv = ["--home", str(settings.home / SAMPLE_HOME), "--library", str(sample_library())]
    else:
        argv = ["--home", str(settings.home)]
        if settings.library is not None:
            argv += ["--library", str(settings.library)]
    if args.query:
        argv += ["--query", args.query]
    if args.screenshot:
        argv += ["--screenshot", args.screenshot]
    from ui.app import main as gui_main  # Qt only once the app starts, not for `gui --help`

    return gui_main(argv)
