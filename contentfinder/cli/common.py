"""What every subcommand shares: the `--library/--home` options, the facet flags, exit statuses
(SPEC §2), messages on stderr, and recording a use without letting a broken log fail the command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from contentfinder.library.opened import Library
from contentfinder.library.taxonomy import REQUIRED_FACETS
from contentfinder.preferences import load_preferences

if TYPE_CHECKING:  # the log brings SQLAlchemy: loaded only when a use is recorded
    from contentfinder.usage.log import UsageLog

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments: exit status 2."""


def error(message: str) -> None:
    """A message for the user on stderr, in the one shape every command uses."""
    print(f"contentfinder: {message}", file=sys.stderr)


def warn(message: str) -> None:
    error(f"warning: {message}")


def add_library_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="the content library folder (default: $CONTENTFINDER_LIBRARY)",
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="your data folder: index, cache, usage log "
        "(default: $CONTENTFINDER_HOME or the platform's user-data folder)",
    )


def add_facet_options(parser: argparse.ArgumentParser, *, explained: bool) -> None:
    """SPEC §2's flag per required facet (`--persona V`…) and `--facet NAME=V` for any other."""
    for facet in REQUIRED_FACETS:
        parser.add_argument(
            f"--{facet}",
            action="append",
            default=[],
            metavar="V",
            help=f"only assets for this {facet} (repeat to allow several)" if explained else None,
        )
    parser.add_argument(
        "--facet",
        action="append",
        default=[],
        metavar="NAME=V",
        help="filter on any facet, e.g. --facet industry=retail" if explained else None,
    )


def facet_values(args: argparse.Namespace) -> dict[str, list[str]]:
    """The facet flags as facet -> values, as typed (the service resolves them)."""
    values: dict[str, list[str]] = {}
    for facet in REQUIRED_FACETS:
        if getattr(args, facet):
            values[facet] = list(getattr(args, facet))
    for item in args.facet:
        name, equals, value = item.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise UsageError(f"--facet takes NAME=VALUE, not '{item}'")
        values.setdefault(name.strip(), []).append(value.strip())
    return values


def positive_int(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def record_usage(library: Library, record: Callable[[UsageLog], object]) -> None:
    """Records one use before the command returns. A log that cannot be written is a warning,
    not a failure: the rep got what they asked for."""
    from contentfinder.usage.log import UsageLogError, open_usage_log

    settings = library.settings
    prefs = load_preferences(settings.home)
    if prefs.problem:
        warn(prefs.problem)
    try:
        with open_usage_log(settings, preferences=prefs) as log:
            record(log)
    except UsageLogError as exc:
        warn(f"{exc}; this was not recorded")
    except OSError as exc:  # the identity file
        where = f"{exc.filename}: " if exc.filename else ""
        warn(f"{where}{exc.strerror or exc}; this was not recorded")
