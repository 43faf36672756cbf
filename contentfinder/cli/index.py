"""`contentfinder index`: bring the index up to date with the library (the indexer's pipeline,
composed here: the one core package allowed to start it)."""

from __future__ import annotations

import argparse
import sys

from contentfinder.background import background_workers, lower_priority
from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, error, positive_int
from contentfinder.cli.render import (
    CLEAR_LINE,
    progress_bar,
    write_index_summary,
    write_json,
)
from contentfinder.library.opened import Library
from indexer.pipeline import IndexBusy, IndexSummary, Progress, SharedCacheUnwritable, update_index
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
        "--shared-cache",
        action="store_true",
        help="also keep the extracted text in the library's .contentfinder/ folder, so reps' "
        "runs need not extract it again (for machines that may write into the library)",
    )


def run(args: argparse.Namespace, library: Library) -> int:
    # Apps follow a run through `python -m indexer`'s typed lines, not through this output.
    show_bar = sys.stderr.isatty() and not args.json

    def report_bar(step: Progress) -> None:
        sys.stderr.write(progress_bar(step.done, step.total, step.asset_id))
        sys.stderr.flush()

    try:
        report = report_bar if show_bar else None
        workers = args.workers
        if args.background:
            lower_priority()
            workers = background_workers(workers)
        summary = update_index(
            library.settings, progress=report, workers=workers, shared_cache=args.shared_cache
        )
    except (IndexBusy, WorkerStartError, SharedCacheUnwritable) as exc:
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
        if summary.shared_cache is not None:
            sys.stdout.write(shared_cache_line(summary))
    return EXIT_OK


def shared_cache_line(summary: IndexSummary) -> str:
    shared = summary.shared_cache
    assert shared is not None
    line = f"shared cache: {shared.read} read, {shared.written} written, {shared.pruned} pruned"
    if shared.ignored:
        line += f", {shared.ignored} ignored (damaged or not for this content)"
    return line + "\n"
