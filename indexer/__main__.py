"""The app's index child: `python -m indexer --library DIR --home DIR [--background]`.

One index run, told as typed lines on standard output (`contentfinder.index.progress_lines`):
progress while it goes, then its warnings and its summary, or one error. Anything else the run
or a library prints goes to standard error, so it can never be mistaken for a line.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from contentfinder.background import background_workers, lower_priority
from contentfinder.config import Settings, load_settings
from contentfinder.index.progress_lines import (
    ErrorLine,
    Line,
    ProgressLine,
    SummaryLine,
    WarningLine,
    to_line,
)
from contentfinder.index.schema import IndexUnavailable, build_schema
from contentfinder.library.scan import LibraryError
from contentfinder.library.taxonomy import TaxonomyError, load_taxonomy
from contentfinder.search.synonyms import load_synonyms
from indexer.pipeline import IndexBusy, IndexSummary, update_index
from indexer.workers import WorkerStartError

EXIT_OK, EXIT_FAILURE = 0, 1
_log = logging.getLogger("indexer")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lines = _protocol_stream()
    settings = load_settings(library=args.library, home=args.home)

    def say(message: Line) -> None:
        lines.write(to_line(message))
        lines.flush()

    try:
        if args.background:
            lower_priority()
        summary = update_index(
            settings,
            progress=lambda step: say(ProgressLine(step.done, step.total, step.asset_id)),
            workers=background_workers(args.workers) if args.background else args.workers,
        )
        for warning in run_warnings(settings, summary):
            say(WarningLine(warning))
        say(SummaryLine(summary.to_json()))
        return EXIT_OK
    except (LibraryError, TaxonomyError, IndexUnavailable, IndexBusy, WorkerStartError) as exc:
        say(ErrorLine(str(exc)))
    except OSError as exc:
        say(ErrorLine(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")))
    except KeyboardInterrupt:
        say(ErrorLine("interrupted; the next run picks up where this one stopped"))
    except Exception as exc:  # noqa: BLE001 - the app shows a message, never a traceback
        _log.exception("the index run failed")  # on stderr, for whoever debugs it
        say(ErrorLine(f"the index run failed ({type(exc).__name__}: {exc})"))
    return EXIT_FAILURE


def run_warnings(settings: Settings, summary: IndexSummary) -> list[str]:
    """What the library's owner should hear of after a run that worked."""
    library = settings.library
    found = [f"{library}/{problem}" if library else problem for problem in summary.catalog_problems]
    if summary.rebuilt_because:
        found.append(f"rebuilt the index from scratch: {summary.rebuilt_because}")
    found.extend(_synonym_problems(settings))
    return found


def _synonym_problems(settings: Settings) -> list[str]:
    """A broken synonyms.toml does not stop a run (the index does not use it), but searches
    skip it; the run is where the app hears of it."""
    analyzer = build_schema()["body"].analyzer

    def analyze(text: str) -> tuple[str, ...]:
        return tuple(token.text for token in analyzer(text, mode="query"))

    try:
        taxonomy = load_taxonomy(settings.library)
    except TaxonomyError as exc:
        return [str(exc)]
    return list(load_synonyms(settings.library, analyze, taxonomy).problems)


def _protocol_stream() -> TextIO:
    """The real standard output, for lines only; file descriptor 1 becomes standard error, so
    that what a library (or a worker process, which inherits it) prints stays out of it."""
    sys.stdout.flush()
    lines = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", newline="\n")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return lines


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m indexer",
        description="One index run for the app, as JSON lines on standard output.",
    )
    parser.add_argument("--library", metavar="DIR", help="the content library folder")
    parser.add_argument("--home", metavar="DIR", help="the data folder: index, cache")
    parser.add_argument("--workers", type=int, metavar="N", help="extraction processes")
    parser.add_argument(
        "--background",
        action="store_true",
        help="run at low priority with a core left free (the app's own runs)",
    )
    return parser


if __name__ == "__main__":  # a worker process imports this module too, and must not run it
    sys.exit(main())
