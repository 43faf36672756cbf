"""The one way an asset goes to the desktop: opened in the rep's viewer, or shown in its folder
with the file selected. The command line and the app both call these; each returns what went
wrong, in words for the rep, or None once the viewer (or file manager) was started.

$CONTENTFINDER_OPENER, a command line run with the path as its last argument, stands in for
the platform's viewer and file manager (kiosks, remote sessions, tests)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

OPENER_ENV = "CONTENTFINDER_OPENER"
# A launcher (xdg-open, open) hands the file over and exits; one still running after this
# long is the viewer itself, started in the foreground: that is a start, not a failure.
STARTED_AFTER_SECONDS = 5.0
# D-Bus may have to start the file manager before it answers.
FILE_MANAGER_SECONDS = 10

# Said before any launcher runs: theirs would be "exit status 2".
GONE = "the file is no longer there (moved or deleted since the library was last indexed)"

CREATE_NEW_PROCESS_GROUP = 0x00000200  # subprocess has the name on Windows only

FILE_MANAGER = "org.freedesktop.FileManager1"
FILE_MANAGER_PATH = "/org/freedesktop/FileManager1"

Which = Callable[[str], "str | None"]


def opener_command(environ: Mapping[str, str] = os.environ) -> str:
    """The command line in $CONTENTFINDER_OPENER, or "" for the platform's own viewer."""
    return environ.get(OPENER_ENV, "").strip()


def open_in_viewer(
    path: Path, command: str | None = None, *, started_after: float = STARTED_AFTER_SECONDS
) -> str | None:
    """Opens `path` with `command` (a command line) or the platform's viewer."""
    if not path.is_file():
        return GONE
    if not command and sys.platform == "win32":
        try:
            os.startfile(path)  # the association the rep chose for this kind of file
        except OSError as exc:
            return f"Windows could not open it: {exc.strerror or exc}"
        return None
    try:
        argv = viewer_argv(path, command, platform=sys.platform)
    except ValueError as exc:
        return f"{OPENER_ENV} is not a command line ({exc})"
    return _launch(argv, custom=bool(command), verb="open it", started_after=started_after)


def show_in_folder(
    path: Path, command: str | None = None, *, started_after: float = STARTED_AFTER_SECONDS
) -> str | None:
    """Shows the folder holding `path` with the file selected where the platform allows it;
    `command` (a command line) is run on the folder instead."""
    if not path.exists():
        return GONE
    folder = path.parent
    if command:
        try:
            argv = [*split_command(command), str(folder)]
        except ValueError as exc:
            return f"{OPENER_ENV} is not a command line ({exc})"
        return _launch(argv, custom=True, verb="show its folder", started_after=started_after)
    if sys.platform in ("win32", "darwin"):
        # Explorer's exit status is 1 whether or not it showed the file: only a missing
        # Explorer is a failure there.
        return _launch(
            select_argv(path, platform=sys.platform),
            custom=False,
            verb="show it in its folder",
            started_after=started_after,
            exit_status_counts=sys.platform != "win32",
        )
    call = file_manager_call(path, which=shutil.which)  # Linux and the other freedesktops
    if call is not None and (
        _launch(call, custom=False, verb="show it", started_after=FILE_MANAGER_SECONDS + 2) is None
    ):
        return None
    # No file manager answers on D-Bus (a bare window manager, a remote session): the folder,
    # without the file selected, is the next best thing.
    return _launch(
        ["xdg-open", str(folder)], custom=False, verb="open its folder", started_after=started_after
    )


def viewer_argv(path: Path, command: str | None, *, platform: str) -> list[str]:
    """What opens `path` outside Windows' own associations; ValueError for a `command` that
    is not a command line."""
    if command:
        return [*split_command(command), str(path)]
    return ["open" if platform == "darwin" else "xdg-open", str(path)]


def select_argv(path: Path, *, platform: str) -> list[str]:
    """Explorer's or Finder's command showing `path` selected in its folder."""
    if platform == "win32":
        # Explorer takes the path after "/select,"; as its own argument it is quoted right
        # when it has spaces.
        return ["explorer", "/select,", str(path)]
    return ["open", "-R", str(path)]


def file_manager_call(path: Path, *, which: Which = shutil.which) -> list[str] | None:
    """The D-Bus call asking the desktop's file manager (Files, Dolphin, Nemo, Thunar, …) to
    show `path` selected: by gdbus or dbus-send, whichever is installed; None when neither is."""
    uri = path.absolute().as_uri()  # percent-encodes quotes and commas: safe in both syntaxes
    if which("gdbus"):
        return [
            "gdbus", "call", "--session",
            "--dest", FILE_MANAGER,
            "--object-path", FILE_MANAGER_PATH,
            "--timeout", str(FILE_MANAGER_SECONDS),
            "--method", f"{FILE_MANAGER}.ShowItems",
            f"['{uri}']", "",
        ]  # fmt: skip
    if which("dbus-send"):
        return [
            "dbus-send", "--session", "--print-reply",
            f"--reply-timeout={FILE_MANAGER_SECONDS * 1000}",
            f"--dest={FILE_MANAGER}",
            "--type=method_call",
            FILE_MANAGER_PATH,
            f"{FILE_MANAGER}.ShowItems",
            f"array:string:{uri}", "string:",
        ]  # fmt: skip
    return None


def split_command(command: str) -> list[str]:
    if sys.platform == "win32":  # backslashes are path separators there, not escapes
        return [part.strip('"') for part in shlex.split(command, posix=False)]
    return shlex.split(command)


def _launch(
    argv: list[str],
    *,
    custom: bool,
    verb: str,
    started_after: float,
    exit_status_counts: bool = True,
) -> str | None:
    """Runs `argv` until it exits or `started_after` seconds pass; what went wrong, or None.
    What it says on stderr is kept for the reason, not printed on the rep's terminal."""
    with tempfile.TemporaryFile() as said:
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=said,
                **_detached(),
            )
        except FileNotFoundError:
            source = f"{OPENER_ENV} names" if custom else "the launcher is"
            return (
                f"cannot {verb}: {source} '{argv[0]}', which is not installed; "
                f"set {OPENER_ENV} to a program that opens files"
            )
        except OSError as exc:
            return f"cannot run '{argv[0]}': {exc.strerror or exc}"
        try:
            status = process.wait(started_after)
        except subprocess.TimeoutExpired:
            _reap_when_done(process)
            return None
        if status == 0 or not exit_status_counts:
            return None
        said.seek(0)
        reason = _last_line(said.read().decode("utf-8", errors="replace"))
        return f"'{argv[0]}' could not {verb} (exit status {status})" + (
            f": {reason}" if reason else ""
        )


def _detached() -> dict[str, object]:
    """A viewer outlives the app or the shell, and a Ctrl+C there does not reach it: a session
    of its own on POSIX, a process group of its own on Windows."""
    if sys.platform == "win32":
        return {"creationflags": CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _reap_when_done(process: subprocess.Popen[bytes]) -> None:
    """Waits for a viewer the rep is using on a thread of its own, so that it leaves no
    zombie behind when it closes."""
    threading.Thread(target=process.wait, name="contentfinder-viewer", daemon=True).start()


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""
