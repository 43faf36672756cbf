"""`contentfinder open`: an asset of the library in the user's viewer (or the command line in
$CONTENTFINDER_OPENER), recorded as a use only once the viewer has it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from contentfinder.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    add_identity_options,
    error,
    record_usage,
)
from contentfinder.desktop.viewer import open_in_viewer, opener_command
from contentfinder.library.formats import format_of
from contentfinder.library.opened import Library
from contentfinder.library.scan import CONTROL_FILES, is_hidden
from contentfinder.portability.names import same_on_windows_and_macos


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("asset_id", metavar="ID", help="the asset's id, as search shows it")
    add_identity_options(parser)


def run(args: argparse.Namespace, library: Library) -> int:
    root = library.root
    path = asset_path(root, args.asset_id)
    if path is None:
        error(f"no asset '{args.asset_id}' in the library {root}")
        return EXIT_FAILURE
    problem = open_in_viewer(path, opener_command())
    if problem:
        error(f"{path}: {problem}")
        return EXIT_FAILURE
    asset_id = path.relative_to(root).as_posix()
    # Not linked to a search: this command cannot know which one (if any) the rep ran.
    record_usage(library, lambda log: log.record_open(asset_id), role=args.role, team=args.team)
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
    if not path.is_file():
        path = _as_named_on_disk(root, parts)
    return path if path is not None and path.is_file() else None


def _as_named_on_disk(root: Path, parts: tuple[str, ...]) -> Path | None:
    """The file `parts` names with the case it has on disk, the case typed aside (an id typed
    in another case names the same file on Windows and macOS; its usage must be recorded
    under the one id the index knows); None when no name matches, or several do."""
    folder = root
    for part in parts:
        try:
            with os.scandir(folder) as listing:
                names = [entry.name for entry in listing]
        except OSError:
            return None
        if part in names:
            folder = folder / part
            continue
        matches = [
            name
            for name in names
            if same_on_windows_and_macos(name) == (same_on_windows_and_macos(part))
        ]
        if len(matches) != 1:
            return None
        folder = folder / matches[0]
    return folder
