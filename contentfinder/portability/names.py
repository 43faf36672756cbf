"""File names and paths a Windows (or macOS) laptop cannot use, though the share that holds the
library allows them: a library kept on a Linux or NAS share may hold names no Windows rep can
open, and the health check lists them (nothing here raises on such a name).

Asset ids stay '/'-separated on every platform; these rules read them as Windows would see the
file (by `ntpath`'s and `PureWindowsPath`'s rules, so they hold on Linux too).
"""

from __future__ import annotations

import ntpath
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

# What Windows forbids in a name, beside the control characters and the separators.
FORBIDDEN_CHARACTERS = '<>:"|?*'
# The device names: "CON", "nul.txt" and "Com1 .pdf" all open a device, not a file.
RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{n}" for n in "123456789¹²³"}
    | {f"LPT{n}" for n in "123456789¹²³"}
)
# MAX_PATH is 260 with the terminating NUL: Explorer, Office and most programs open nothing
# longer, whatever the registry's LongPathsEnabled says.
WINDOWS_MAX_PATH = 259


def windows_name_problem(name: str) -> str | None:
    """Why Windows cannot have a file or folder named `name`, or None when it can."""
    bad = sorted({c for c in name if c in FORBIDDEN_CHARACTERS or c == "\\" or ord(c) < 32})
    if bad:
        shown = ", ".join(repr(c) if ord(c) >= 32 else f"U+{ord(c):04X}" for c in bad)
        return f"Windows forbids {shown} in a name"
    if name.endswith((".", " ")):
        return "Windows drops a name's trailing dots and spaces, so it names another file"
    device = name.split(".", 1)[0].rstrip(" ").upper()
    if device in RESERVED_NAMES:
        return f"'{device}' is a device name on Windows"
    return None


def windows_path_problems(asset_id: str, *, library: str) -> list[str]:
    """Why a Windows laptop cannot open the asset `asset_id` (a '/'-separated id) of the
    library at `library` (as this machine names it; its length stands for the rep's)."""
    problems = []
    for part in asset_id.split("/"):
        problem = windows_name_problem(part)
        if problem is not None:
            where = f"'{part}'" if part != asset_id.rsplit("/", 1)[-1] else "its name"
            problems.append(f"{where}: {problem}")
    length = len(library.rstrip("/\\")) + 1 + len(asset_id)
    if length > WINDOWS_MAX_PATH:
        problems.append(
            f"its path is {length} characters long; Windows programs open at most "
            f"{WINDOWS_MAX_PATH}"
        )
    return problems


def same_on_windows_and_macos(name: str) -> str:
    """The form two names share when Windows and macOS (by default case-insensitive, and
    macOS also normalisation-insensitive) take them for one file."""
    return unicodedata.normalize("NFC", name).casefold()


def case_collisions(asset_ids: Iterable[str]) -> list[tuple[str, ...]]:
    """Groups of ids that differ only in case (or Unicode normalisation): a Windows or macOS
    laptop sees one file of each group. Sorted, each group sorted."""
    groups: dict[str, list[str]] = defaultdict(list)
    for asset_id in asset_ids:
        groups[same_on_windows_and_macos(asset_id)].append(asset_id)
    return sorted(tuple(sorted(ids)) for ids in groups.values() if len(ids) > 1)


def extended_length(path: str) -> str:
    r"""The Windows path `path` (absolute) in its extended-length form, which Windows' file
    calls take past MAX_PATH: `\\?\C:\…`, or `\\?\UNC\server\share\…` for a share. A path in
    that form already, or a relative one, is returned as it is."""
    if path.startswith("\\\\?\\") or not ntpath.isabs(path):
        return path
    normal = ntpath.normpath(path)  # the form takes no '/', '.' or '..'
    if normal.startswith("\\\\"):
        return "\\\\?\\UNC\\" + normal[2:]
    return "\\\\?\\" + normal


def for_file_calls(path: str) -> str:
    """`path` as this platform's file calls take it at any length: on Windows the
    extended-length form (without it, a file past MAX_PATH cannot be listed or read unless
    the machine's LongPathsEnabled policy is set); elsewhere as it is."""
    return extended_length(path) if sys.platform == "win32" else path
