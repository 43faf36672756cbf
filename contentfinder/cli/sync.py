"""`contentfinder sync`: send this machine's new usage events to the central store."""

from __future__ import annotations

import argparse
import json
import sys

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, UsageError, error
from contentfinder.cli.render import sync_json, sync_line
from contentfinder.library.opened import Library
from contentfinder.preferences import load_preferences
from contentfinder.usage.log import open_usage_log
from contentfinder.usage.sync import open_target, sync
from contentfinder.usage.targets import SyncError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to",
        metavar="URL",
        help="a shared folder (path or file:// URL) or a database URL (postgresql://…, "
        "sqlite:///…); default: the one in Settings",
    )
    parser.add_argument(
        "--redact-queries", action="store_true", help="send search text hashed, not as typed"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace, library: Library) -> int:
    preferences = load_preferences(library.settings.home)
    where = args.to or preferences.sync_target
    if not where:
        raise UsageError("no sync target: give --to URL, or set one in the app's Settings")
    log = open_usage_log(library.settings, preferences=preferences)
    try:
        target = open_target(where)
        try:
            redact = args.redact_queries or preferences.redact_queries
            result = sync(log, target, redact_queries=redact)
        finally:
            target.close()
    except SyncError as exc:
        error(f"{exc}; the events wait here and go with the next sync")
        return EXIT_FAILURE
    finally:
        log.close()
    if args.json:
        json.dump(sync_json(result), sys.stdout)  # ASCII, one line, as scripts had it
        sys.stdout.write("\n")
    else:
        print(sync_line(result))
    return EXIT_OK
