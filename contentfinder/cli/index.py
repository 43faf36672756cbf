"""`contentfinder index`: bring the index up to date with the library (the indexer's pipeline,
composed here: the one core package allowed to start it)."""

from __future__ import annotations

import argparse
import os
import sys

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, error, positive_int
from contentfinder.cli.render import (
    CLEAR_LINE,
    progress_bar,
    progress_line,
    write_index_summary,
    write_json,
)
from contentfinder.library.opened import Library
from indexer.pipeline import IndexBusy, Progress, update_index
from indexer.workers import WorkerStartError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--workers",
        type=positive_int,
        metavar="N",
        help="extraction processes (default: one per core)",
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="run at low priority with a core left free (the app's own runs)",
    )
    parser.add_argument(
        "--progress-lines",
        action="store_true",
        help='progress as lines on stderr, \'progress {"done", "total", "asset"}\' (for apps)',
    )


def run(args: argparse.Namespace, library: Library) -> int:
    show_bar = sys.stderr.isatty() and not args.json and not args.progress_lines

    def report_line(step: Progress) -> None:
        sys.stderr.write(progress_line(step.done, step.total, step.asset_id))
        sys.stderr.flush()

    def report_bar(step: Progress) -> None:
        sys.stderr.write(progress_bar(step.done, step.total, step.asset_id))
        sys.stderr.flush()

    try:
        report = report_line if args.progress_lines else report_bar if show_bar else None
        workers = args.workers
        if args.background:
            _lower_priority()
            workers = workers or max(1, (os.cpu_count() or 2) - 1)
        summary = update_index(library.settings, progress=report, workers=workers)
    except (IndexBusy, WorkerStartError) as exc:
        error(str(exc))
        return EXIT_FAILURE
    finally:
        if show_bar:
            sys.stderr.write(CLEAR_LINE)
    for problem in summary.catalog_problems:
        error(f"{library.folder}/{problem}" if library.folder else problem)
    if summary.rebuilt_because:
        error(f"rebuilt the index from scratch: {summary.rebuilt_because}")
    if args.json:
        write_json(summary.to_json(), sys.stdout)
    else:
        write_index_summary(summary, library.folder, sys.stdout)
    return EXIT_OK


def _lower_priority() -> None:
    """Below the window the rep is typing in: on two cores, an index run at normal priority
    starved the app's window for 100-200 ms at a time. Worker processes inherit it."""
    if hasattr(os, "nice"):
        try:
            os.nice(10)
        except OSError:
            pass
    elif sys.platform == "win32":
        import ctypes

        below_normal = 0x00004000
        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel.SetPriorityClass(kernel.GetCurrentProcess(), below_normal)
