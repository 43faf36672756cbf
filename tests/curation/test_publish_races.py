"""Publishing while others publish, on real files: two publishers of one name at once on a
share without hard links, a catalog another live publisher holds, a catalog that cannot be
written. Whatever fails, the library is left as it was: no file without its catalog row."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from contentfinder.curation.publish import PublishError, PublishRequest, publish
from contentfinder.library.catalog_lock import LOCK_FILE, CatalogBusy
from contentfinder.library.catalog_writer import read_rows
from contentfinder.library.opened import Library
from indexer.pipeline import update_index
from tests.conftest import REPO
from tests.factories import write_text

TAGS = {"persona": ["CFO"], "stage": ["decision"], "pain": ["tco"]}
PUBLISHERS = 6
ROUNDS = 5


@pytest.fixture
def settings(make_library, settings_for):
    library = make_library(
        {"Decks/old.txt": lambda p: write_text(p, "Price list 2025.")},
        catalog="path,persona\nDecks/old.txt,CFO\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def source(tmp_path: Path, folder: str, text: str, name: str = "Offer.txt") -> Path:
    path = tmp_path / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, text)
    return path


def library_files(settings) -> set[str]:  # noqa: ANN001
    """Every file and folder of the library, but the catalog lock's own."""
    root = settings.library
    found = {p.relative_to(root).as_posix() for p in root.rglob("*")}
    return {name for name in found if not name.startswith(".catalog.csv.")}


def test_publishers_of_one_name_at_once_on_a_share_without_hard_links(
    settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_hard_links(*_: object, **__: object) -> None:
        raise OSError(errno.EPERM, "hard links are not supported here")

    monkeypatch.setattr(os, "link", no_hard_links)  # as on many SMB and cloud-synced shares
    for round_number in range(ROUNDS):
        name = f"Offer {round_number}.txt"
        published, refused = _publish_at_once(settings, tmp_path, name)
        # At most one publisher gave the file its name, and its copy is the one there.
        assert len(published) <= 1, f"round {round_number}: {len(published)} publishers won"
        assert len(published) + len(refused) == PUBLISHERS
        assert all("not overwritten" in message or "exists" in message for message in refused)
        if published:
            [text] = published
            assert (settings.library / "Offers" / name).read_text(encoding="utf-8") == text
        rows = [r for r in read_rows(settings.library).rows if r[0] == f"Offers/{name}"]
        assert len(rows) == len(published)
    assert not list((settings.library / "Offers").glob(".*"))  # no temporary copy left


def test_a_publisher_landing_the_same_name_just_before_ours_is_not_overwritten(
    settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other publisher runs at the worst moment: after our copy found the name free, just
    before it takes the name (on a share without hard links, by a rename)."""

    def no_hard_links(*_: object, **__: object) -> None:
        raise OSError(errno.EPERM, "hard links are not supported here")

    target = settings.library / "Offers" / "Offer.txt"
    real_replace = os.replace
    outcomes: dict[str, str] = {}

    def other_publisher() -> None:
        request = PublishRequest(
            files=(source(tmp_path, "theirs", "Their offer."),), tags=TAGS, to="Offers"
        )
        try:
            publish(Library(settings), request, wait=5)
            outcomes["theirs"] = "published"
        except PublishError:
            outcomes["theirs"] = "refused"

    def replace_after_the_other(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == target and "theirs" not in outcomes and not other.is_alive():
            other.start()
            other.join(1.0)  # it gets this far unless our publish keeps it out
        real_replace(src, dst)

    other = threading.Thread(target=other_publisher)
    monkeypatch.setattr(os, "link", no_hard_links)
    monkeypatch.setattr(os, "replace", replace_after_the_other)
    ours = PublishRequest(files=(source(tmp_path, "ours", "Our offer."),), tags=TAGS, to="Offers")
    try:
        publish(Library(settings), ours)
        outcomes["ours"] = "published"
    except PublishError:
        outcomes["ours"] = "refused"
    other.join(10)
    assert sorted(outcomes.values()) == ["published", "refused"], outcomes
    winner = "Our offer." if outcomes["ours"] == "published" else "Their offer."
    assert target.read_text(encoding="utf-8") == winner  # the file the winner published


def _publish_at_once(settings, tmp_path: Path, name: str) -> tuple[list[str], list[str]]:  # noqa: ANN001
    barrier = threading.Barrier(PUBLISHERS)
    published: list[str] = []
    refused: list[str] = []

    def publisher(number: int) -> None:
        text = f"{name}, publisher {number}. " * 2000  # long enough to take a moment to copy
        path = source(tmp_path, f"outbox-{number}", text, name)
        request = PublishRequest(files=(path,), tags=TAGS, to="Offers")
        barrier.wait()
        try:
            publish(Library(settings), request)
            published.append(text)
        except PublishError as exc:
            refused.append(str(exc))

    threads = [threading.Thread(target=publisher, args=(n,)) for n in range(PUBLISHERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return published, refused


HOLD = """
import sys
from pathlib import Path
from contentfinder.library.catalog_lock import catalog_lock
with catalog_lock(Path(sys.argv[1])):
    print("holding", flush=True)
    sys.stdin.readline()
"""


def test_a_catalog_another_publisher_holds_leaves_no_untagged_file(
    settings, tmp_path: Path
) -> None:
    before = library_files(settings)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(settings.library)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        request = PublishRequest(files=(source(tmp_path, "outbox", "New."),), tags=TAGS)
        with pytest.raises(CatalogBusy, match="another publisher"):
            publish(Library(settings), request, wait=0.5)
        assert library_files(settings) == before  # neither the file nor its folder
        assert (settings.library / LOCK_FILE).exists()  # the holder's lock, untouched
    finally:
        holder.stdin.close()
        holder.wait(10)
        holder.stdout.close()
    [done] = publish(Library(settings), request, wait=2)  # free again: it goes through
    assert (settings.library / done.asset_id).exists()


def test_a_catalog_that_cannot_be_written_leaves_the_library_as_it_was(
    settings, tmp_path: Path
) -> None:
    (settings.library / "catalog.csv").unlink()
    (settings.library / "catalog.csv").mkdir()  # read or replaced, it fails
    before = library_files(settings)
    files = (source(tmp_path, "outbox", "One."), source(tmp_path, "outbox", "Two.", "Two.txt"))
    with pytest.raises(OSError):
        publish(Library(settings), PublishRequest(files=files, tags=TAGS, to="New/Offers"))
    assert library_files(settings) == before  # the copies and the folders made for them
    assert not (settings.library / LOCK_FILE).exists()
