"""`contentfinder report`: marketing's usage reports, from this machine's log or the central
store, as CSV, xlsx, HTML or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, UsageError, error, positive_int, warn
from contentfinder.library.opened import Library
from contentfinder.reports.build import KINDS, build_report
from contentfinder.reports.export import FORMATS, write_report
from contentfinder.usage.store import load_events
from contentfinder.usage.targets import SyncError

_SHOWN_PROBLEMS = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument(
        "--since", type=positive_int, default=90, metavar="DAYS", help="the period (default 90)"
    )
    parser.add_argument("--format", choices=FORMATS, default="csv")
    parser.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    parser.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        help="the central store: a shared folder or a database URL (default: this machine's log)",
    )


def run(args: argparse.Namespace, library: Library) -> int:
    if args.format == "xlsx" and not args.out:
        raise UsageError("an xlsx report needs --out FILE")
    try:
        loaded = load_events(library.settings, args.source)
    except SyncError as exc:
        error(str(exc))
        return EXIT_FAILURE
    for problem in loaded.problems[:_SHOWN_PROBLEMS]:
        warn(problem)
    report = build_report(args.kind, library, loaded, days=args.since)
    data = write_report(report, args.format, Path(args.out) if args.out else None)
    if data is not None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        print(f"Wrote the {args.kind} report to {args.out}", file=sys.stderr)
    return EXIT_OK
