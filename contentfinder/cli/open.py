"""`contentfinder open`: an asset of the library in the user's viewer (or the command line in
$CONTENTFINDER_OPENER), recorded as a use only once the viewer has it."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, error, record_usage
from contentfinder.library.formats import format_of
from contentfinder.library.opened import Library
from contentfinder.library.scan import CONTROL_FILES, is_hidden

# A command line run with the file's path as its last argument, instead of the platform's
# viewer: for kiosks, remote sessions and tests.
OPENER_ENV = "CONTENTFINDER_OPENER"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("asset_id", metavar="ID", help="the asset's id, as search shows it")


def run(args: argparse.Namespace, library: Library) -> int:
    root = library.root
    path = asset_path(root, args.asset_id)
    if path is None:
        error(f"no asset '{args.asset_id}' in the library {root}")
        return EXIT_FAILURE
    problem = open_in_viewer(path, os.environ.get(OPENER_ENV, "").strip())
    if problem:
        error(f"{path}: {problem}")
        return EXIT_FAILURE
    asset_id = path.relative_to(root).as_posix()
    record_usage(library, lambda log: log.record_open(asset_id))
    return EXIT_OK


def asset_path(root: Path, asset_id: str) -> Path | None:
    """The file of an asset of the library (SPEC §1), or None: nothing outside the root, hidden
    or unsupported is an asset."""
    path = Path(os.path.normpath(root / asset_id))
    if root not in path.parents:  # an absolute path, or one climbing out with '..'
        return None
    parts = path.relative_to(root).parts
    if any(is_hidden(part) for part in parts) or format_of(path.name) is None:
        return None
    if len(parts) == 1 and path.name.lower() in CONTROL_FILES:
        return None
    return path if path.is_file() else None


def open_in_viewer(path: Path, command: str) -> str | None:
    """Opens `path` with `command` or the platform's viewer; what went wrong, or None."""
    if not command and sys.platform == "win32":
        try:
            os.startfile(path)  # the association the user chose for this kind of file
        except OSError as exc:
            return f"Windows could not open it: {exc.strerror or exc}"
        return None
    try:
        argv = [*_split_command(command), str(path)] if command else [_platform_opener(), str(path)]
    except ValueError as exc:
        return f"{OPENER_ENV} is not a command line ({exc})"
    try:
        finished = subprocess.run(argv, stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError:
        source = f"{OPENER_ENV} names" if command else "the viewer launcher is"
        return (
            f"cannot open it: {source} '{argv[0]}', which is not installed; "
            f"set {OPENER_ENV} to a program that opens files"
        )
    except OSError as exc:
        return f"cannot run '{argv[0]}': {exc.strerror or exc}"
    if finished.returncode != 0:
        return f"'{argv[0]}' could not open it (exit status {finished.returncode})"
    return None


def _platform_opener() -> str:
    return "open" if sys.platform == "darwin" else "xdg-open"


def _split_command(command: str) -> list[str]:
    if os.name == "nt":  # backslashes are path separators there, not escapes
        return [part.strip('"') for part in shlex.split(command, posix=False)]
    return shlex.split(command)
