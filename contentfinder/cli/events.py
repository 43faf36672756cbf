"""`contentfinder events import FILE.jsonl` and `events export [--out FILE] [--since DAYS]`:
usage events in and out of this machine's log as JSON lines in SPEC §3's form, keeping their
ids, times and identities (history from another tool, a demo, a test's backdated events)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from contentfinder.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    add_library_options,
    error,
    out_file,
    since_days,
)
from contentfinder.files import atomic_write
from contentfinder.library.opened import Library
from contentfinder.preferences import load_preferences
from contentfinder.usage.event_file import (
    EventFileError,
    event_lines,
    parse_event_lines,
    read_event_file,
)
from contentfinder.usage.log import UsageLogError, open_usage_log


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, title="actions")
    importing = actions.add_parser(
        "import",
        help="add the events of a JSON-lines file to your usage log",
        description="Adds the events of FILE (one JSON object a line with a usage event's "
        "fields, as `events export` writes them) to your usage log with their own ids, times and "
        "identities (a time without a zone is UTC). All lines or none: a bad line is "
        "reported and nothing is imported. "
        "An event already in the log is skipped, so importing a file twice adds it once.",
    )
    importing.add_argument(
        "file", metavar="FILE.jsonl", help="the events to import ('-': standard input)"
    )
    add_library_options(importing, nested=True)
    exporting = actions.add_parser(
        "export",
        help="write the events of your usage log as JSON lines",
        description="Writes every event of your usage log (or those of the last DAYS) as JSON "
        "lines, which `events import` reads back.",
    )
    exporting.add_argument(
        "--out", metavar="FILE", help="write here, replacing it whole (default: standard output)"
    )
    exporting.add_argument(
        "--since", type=since_days, metavar="DAYS", help="only the events of the last DAYS days"
    )
    add_library_options(exporting, nested=True)


def run(args: argparse.Namespace, library: Library) -> int:
    if args.action == "import":
        return _import(args.file, library)
    return _export(args, library)


def _import(given: str, library: Library) -> int:
    try:
        if given == "-":  # `events export --home A | events import - --home B`
            read = parse_event_lines(sys.stdin.buffer.read(), "standard input")
        else:
            read = read_event_file(Path(given).expanduser())
    except EventFileError as exc:
        error(str(exc))
        return EXIT_FAILURE
    settings = library.settings
    try:
        with open_usage_log(settings, preferences=load_preferences(settings.home)) as log:
            added = log.import_events(read.events)
    except UsageLogError as exc:
        error(f"{exc}; nothing imported")
        return EXIT_FAILURE
    already = len(read.events) - added + read.repeated
    print(f"Imported {_events(added)} ({already} already there)")
    return EXIT_OK


def _export(args: argparse.Namespace, library: Library) -> int:
    out = out_file(args.out) if args.out else None  # before reading: a bad --out fails fast
    settings = library.settings
    if not settings.usage_db.is_file():
        error(f"{settings.usage_db}: no usage log here (nothing recorded with this --home yet)")
        return EXIT_FAILURE
    since = datetime.now(UTC) - timedelta(days=args.since) if args.since else None
    try:
        with open_usage_log(settings, preferences=load_preferences(settings.home)) as log:
            events = log.events(since=since)
    except UsageLogError as exc:
        error(str(exc))
        return EXIT_FAILURE
    data = "".join(event_lines(events)).encode("utf-8")
    period = f" of the last {_days(args.since)}" if args.since else ""
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        print(f"Exported {_events(len(events))}{period}", file=sys.stderr)
        return EXIT_OK
    try:
        atomic_write(out, data)
    except OSError as exc:  # named by the file asked for, never by the temporary one
        error(f"{out}: cannot write the events ({exc.strerror or exc})")
        return EXIT_FAILURE
    print(f"Exported {_events(len(events))}{period} to {out}", file=sys.stderr)
    return EXIT_OK


def _events(count: int) -> str:
    return f"{count} event{'' if count == 1 else 's'}"


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"
