"""The `contentfinder` command line (SPEC §2): the composition root, where the services the
desktop app calls are put together for one command.

`main` finds the command named in the arguments, imports only its module (see `registry`),
builds one `Library` for it and turns what can go wrong into a message and an exit status:
0 success, 1 a failure the user must act on, 2 bad usage. Messages go to stderr and name the
file and the cause; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from contentfinder import __version__
from contentfinder.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_library_options,
    error,
)
from contentfinder.cli.registry import COMMANDS, Command, command_in
from contentfinder.config import HOME_ENV, LIBRARY_ENV, load_settings
from contentfinder.index.unavailable import IndexUnavailable
from contentfinder.library.opened import Library
from contentfinder.library.scan import LibraryError
from contentfinder.library.taxonomy import TaxonomyError

# Importing the `open` command binds `open` in this package's namespace: call no builtin
# `open(...)` in this module.


def main(argv: Sequence[str] | None = None) -> int:
    """`contentfinder ARGS…`; the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_in(arguments))
    args = parser.parse_args(arguments)
    try:
        settings = load_settings(library=args.library, home=args.home)
    except RuntimeError as exc:  # pathlib: '~user' of no known user, or a loop of symlinks
        error(_unusable_folder(args, exc))
        return EXIT_FAILURE
    library = Library(settings)
    try:
        return args.command.run(args, library)
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"contentfinder: {exc}\n")
    except (LibraryError, TaxonomyError, IndexUnavailable) as exc:
        error(str(exc))
    except BrokenPipeError:
        # The reader went away (`… | head`): not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        error("interrupted; the next run picks up where this one stopped")
    except OSError as exc:
        error(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    return EXIT_FAILURE


def _unusable_folder(args: argparse.Namespace, exc: RuntimeError) -> str:
    """Which of the folders given (as `load_settings` picks them) pathlib could not use."""
    given = (args.library or os.environ.get(LIBRARY_ENV), args.home or os.environ.get(HOME_ENV))
    for value in filter(None, given):
        try:
            Path(value).expanduser().resolve()
        except RuntimeError:
            if value.startswith("~"):
                return f"{value}: cannot expand '~' (no such user or home folder); give a full path"
            return f"{value}: cannot use this folder ({exc})"
    return str(exc)


def build_parser(chosen: Command | None) -> argparse.ArgumentParser:
    """Every command, with its summary for `--help`; the options of the chosen one only, so
    that parsing imports no other command's module."""
    parser = argparse.ArgumentParser(
        prog="contentfinder",
        description="Find the right sales content before the call.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for command in COMMANDS.values():
        sub = commands.add_parser(command.name, help=command.summary)
        add_library_options(sub)
        if command == chosen:
            module = command.load()
            module.add_arguments(sub)
            sub.set_defaults(command=module)
    return parser
