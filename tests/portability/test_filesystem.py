"""Writing files on file systems without hard links or permission bits, and on Windows: each
fallback forced at the OS call (os.link, os.chmod, os.replace raising what a FAT stick, an SMB
share or Windows raises) and judged by its effect on real files."""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path

import pytest

from contentfinder.files import atomic_write
from contentfinder.portability import filesystem
from contentfinder.portability.filesystem import apply_mode, place_without_overwriting

# What os.link raises where there are no hard links: FAT on Linux, an SMB share mounted
# without Unix extensions, a share on another device, Windows' ERROR_INVALID_FUNCTION.
NO_HARD_LINKS = [
    OSError(errno.EPERM, "Operation not permitted"),
    OSError(errno.EOPNOTSUPP, "Operation not supported"),
    OSError(errno.EXDEV, "Invalid cross-device link"),
    OSError(errno.EINVAL, "Incorrect function"),
]


@pytest.mark.parametrize("refusal", NO_HARD_LINKS, ids=lambda e: errno.errorcode[e.errno])
def test_without_hard_links_racing_writers_never_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: OSError
) -> None:
    def no_link(*_args: object) -> None:
        raise refusal

    monkeypatch.setattr(os, "link", no_link)
    target = tmp_path / "000000000001-000000000002.jsonl"
    writers = 8
    won: list[int] = []
    barrier = threading.Barrier(writers)

    def write(number: int) -> None:
        barrier.wait()
        if atomic_write(target, f"writer {number}\n" * 2000, replace=False):
            won.append(number)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(won) == 1  # exactly one name, given once
    assert target.read_text() == f"writer {won[0]}\n" * 2000  # whole, and the winner's
    assert os.listdir(tmp_path) == [target.name]  # no temporary left behind


def test_without_hard_links_an_existing_file_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", lambda *_a: (_ for _ in ()).throw(NO_HARD_LINKS[0]))
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"marketing's")
    temp = tmp_path / ".deck.pptx.1.tmp"
    temp.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        place_without_overwriting(temp, target)
    assert target.read_bytes() == b"marketing's"


@pytest.mark.parametrize(
    "refusal",
    [PermissionError(errno.EPERM, "Operation not permitted"), OSError(errno.EOPNOTSUPP, "no")],
)
def test_a_share_without_permission_bits_still_gets_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: OSError
) -> None:
    def no_modes(*_args: object) -> None:
        raise refusal

    monkeypatch.setattr(os, "chmod", no_modes)
    target = tmp_path / "catalog.csv"
    target.write_text("old")
    assert atomic_write(target, "new") is True
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["catalog.csv"]


def test_a_chmod_failing_for_another_reason_is_not_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "chmod", broken)
    with pytest.raises(OSError, match="Input/output"):
        apply_mode(tmp_path, 0o644)


def test_on_windows_no_mode_is_set_and_no_folder_is_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_open = os.open
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "chmod", lambda *_a: calls.append("chmod"))

    def recording_open(path, flags, *args):  # noqa: ANN001, ANN202
        if os.path.isdir(path):
            calls.append("open a folder")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", recording_open)
    target = tmp_path / "prefs.json"
    assert atomic_write(target, "{}") is True
    assert target.read_text() == "{}"
    assert calls == []


def test_on_windows_a_replace_refused_for_a_moment_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An antivirus or the search indexer has the file open for a moment."""
    real_replace = os.replace
    refusals = [PermissionError(13, "Access is denied")] * 3

    def busy_then_free(source: str, target: str) -> None:
        if refusals:
            raise refusals.pop()
        real_replace(source, target)

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "replace", busy_then_free)
    target = tmp_path / "catalog.csv"
    target.write_text("old")
    assert atomic_write(target, "new") is True
    assert target.read_text() == "new" and refusals == []


def test_on_windows_a_file_held_open_for_good_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel holding catalog.csv: the error reaches the caller; the old file is intact."""

    def held(*_args: object) -> None:
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "replace", held)
    monkeypatch.setattr(filesystem, "REPLACE_RETRY_SECONDS", 0.2)
    target = tmp_path / "catalog.csv"
    target.write_text("old")
    with pytest.raises(PermissionError):
        atomic_write(target, "new")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["catalog.csv"]


def test_elsewhere_a_refused_replace_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def refused(*_args: object) -> None:
        calls.append(1)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(PermissionError):
        atomic_write(tmp_path / "x.json", "{}")
    assert calls == [1]
