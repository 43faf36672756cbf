"""What every subcommand shares: the `--library/--home` options, the facet flags, the identity
flags (`--role/--team`), `--since DAYS` and `--out FILE`, exit statuses (SPEC §2), messages on
stderr, and recording a use without letting a broken log fail the command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from contentfinder.library.opened import Library
from contentfinder.library.taxonomy import REQUIRED_FACETS
from contentfinder.preferences import load_preferences
from contentfinder.usage.events import ROLES

if TYPE_CHECKING:  # the log brings SQLAlchemy: loaded only when a use is recorded
    from contentfinder.config import Settings
    from contentfinder.preferences import Preferences
    from contentfinder.usage.log import UsageLog

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
_LOG_MODULE = "contentfinder.usage.log"
MAX_DAYS = 36_500  # `--since`: a hundred years; more is a typo (and overflows a date)


class UsageError(Exception):
    """Bad arguments: exit status 2."""


def error(message: str) -> None:
    """A message for the user on stderr, in the one shape every command uses."""
    print(f"contentfinder: {message}", file=sys.stderr)


def warn(message: str) -> None:
    error(f"warning: {message}")


def add_library_options(parser: argparse.ArgumentParser, *, nested: bool = False) -> None:
    """`--library` and `--home`. `nested`: for a command's own subcommands (`events import`),
    which take them too, without their defaults hiding what was given before the subcommand
    (`events --home H import F`)."""
    default = {"default": argparse.SUPPRESS} if nested else {}
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="the content library folder (default: $CONTENTFINDER_LIBRARY)",
        **default,
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="your data folder: index, cache, usage log "
        "(default: $CONTENTFINDER_HOME or the platform's user-data folder)",
        **default,
    )


def add_identity_options(parser: argparse.ArgumentParser) -> None:
    """`--role` and `--team`: who this run's usage is recorded as, instead of the saved
    Settings (a marketer trying the search as a rep would, a rep of another team's demo)."""
    parser.add_argument(
        "--role",
        choices=ROLES,
        help="record this run's usage as a rep's or marketing's (default: as in Settings); "
        "reports count reps only",
    )
    parser.add_argument(
        "--team",
        metavar="TEXT",
        help='record this run\'s usage for this team, e.g. "EMEA retail" (default: as in '
        'Settings; "" for none)',
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


def since_days(text: str) -> int:
    """An argparse type for `--since DAYS`: a whole number of days, 1 to `MAX_DAYS`."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of days") from None
    if not 1 <= value <= MAX_DAYS:
        raise argparse.ArgumentTypeError(
            f"{value} days is out of range: give 1 to {MAX_DAYS} days (a hundred years)"
        )
    return value


def out_file(given: str) -> Path:
    """Where `--out FILE` writes, checked before anything is done: an existing folder to
    write in, and not a folder itself. UsageError naming what was given otherwise."""
    path = Path(given).expanduser()
    if path.is_dir():
        raise UsageError(f"--out {given}: is a folder; give a file name in it")
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"--out {given}: the folder {folder} {what}")
    return path


def record_usage(
    library: Library,
    record: Callable[[UsageLog], object],
    *,
    role: str | None = None,
    team: str | None = None,
) -> None:
    """Records one use before the command returns, as the saved preferences say who is
    recording, or as `role`/`team` say for this run. A log that cannot be written is a
    warning, not a failure: the rep got what they asked for."""
    settings = library.settings
    prefs = load_preferences(settings.home)
    if prefs.problem:
        warn(prefs.problem)
    prefs = replace(
        prefs,
        role=prefs.role if role is None else role,
        team=prefs.team if team is None else team.strip(),
    )
    try:
        if not _recorded_quickly(settings, prefs, record):
            from contentfinder.usage.log import open_usage_log  # SQLAlchemy: create, migrate

            with open_usage_log(settings, preferences=prefs) as log:
                record(log)
    except OSError as exc:  # the identity file
        where = f"{exc.filename}: " if exc.filename else ""
        warn(f"{where}{exc.strerror or exc}; this was not recorded")
    except Exception as exc:
        # A UsageLogError can only come from the log module once imported (it brings
        # SQLAlchemy, which a recording through QuickLog never loads).
        log_module = sys.modules.get(_LOG_MODULE)
        if log_module is None or not isinstance(exc, log_module.UsageLogError):
            raise
        warn(f"{exc}; this was not recorded")


def _recorded_quickly(
    settings: Settings, prefs: Preferences, record: Callable[[UsageLog], object]
) -> bool:
    """Records through `QuickLog` (sqlite3 alone) when the log exists at this version;
    False when `UsageLog` must create or migrate it first, or sqlite3 failed (`UsageLog` then
    says why, naming the file)."""
    import sqlite3

    from contentfinder.usage.identity import identity_for
    from contentfinder.usage.local_file import NotCurrent, QuickLog

    identity = identity_for(settings.home, prefs)
    try:
        with QuickLog(settings.usage_db, identity=identity) as log:
            record(log)  # type: ignore[arg-type]  # the record_… methods UsageLog has
    except (NotCurrent, sqlite3.Error):
        return False
    return True
