"""The incremental index run on real files: each change does the minimum and ends right."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contentfinder.search.session import SearchRequest, search
from indexer.pipeline import update_index
from tests.factories import (
    TEST_TAXONOMY,
    touch_later,
    write_docx,
    write_pptx,
    write_text,
    write_xlsx,
)

MARKDOWN = """---
title: Cutting Close Time for Manufacturers
persona: [CFO]
stage: MOFU
---
# Close faster

Manufacturers reduce month-end close from ten days to four with automated reconciliation.
"""


def starter_files() -> dict:
    return {
        "Guides/close.md": lambda p: write_text(p, MARKDOWN),
        "Email/follow-up.txt": lambda p: write_text(p, "Following up on our SOC 2 conversation."),
        "Decks/pitch.pptx": lambda p: write_pptx(
            p, ["Zero-downtime migration plan"], title="Migration Pitch", keywords="CISO, bofu"
        ),
        "Security/overview.docx": lambda p: write_docx(
            p,
            ["Encryption at rest and in transit."],
            title="Security Overview",
            keywords="persona: CISO; tofu",
        ),
    }


def ids(settings, text: str = "", **filters) -> set[str]:
    request = SearchRequest(
        text=text, filters={k: (v,) for k, v in filters.items()}, limit=1000, include_expired=True
    )
    return {hit.id for hit in search(settings, request).hits}


@pytest.fixture
def indexed(make_library, settings_for):
    library = make_library(starter_files())
    settings = settings_for(library)
    summary = update_index(settings, workers=1)
    assert (summary.added, summary.failed) == (4, [])
    return settings


def test_first_run_indexes_every_asset_with_its_tags(indexed) -> None:
    assert ids(indexed) == {
        "Guides/close.md",
        "Email/follow-up.txt",
        "Decks/pitch.pptx",
        "Security/overview.docx",
    }
    assert ids(indexed, persona="CISO") == {"Decks/pitch.pptx", "Security/overview.docx"}
    assert ids(indexed, stage="consideration") == {"Guides/close.md"}
    assert ids(indexed, "reconciliation") == {"Guides/close.md"}


def test_second_run_touches_nothing(indexed) -> None:
    summary = update_index(indexed, workers=1)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 0, 0, 4)
    assert summary.extracted == 0


def test_added_modified_and_deleted_files(indexed) -> None:
    library = indexed.library
    write_text(library / "Email/new.txt", "A brand new onboarding checklist.")
    write_text(library / "Email/follow-up.txt", "Following up about the renewal quote.")
    touch_later(library / "Email/follow-up.txt")
    (library / "Decks/pitch.pptx").unlink()
    summary = update_index(indexed, workers=1)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (1, 1, 1, 2)
    assert summary.extracted == 2
    assert ids(indexed, "onboarding") == {"Email/new.txt"}
    assert ids(indexed, "renewal") == {"Email/follow-up.txt"}
    assert ids(indexed, "SOC") == set()
    assert "Decks/pitch.pptx" not in ids(indexed)


def test_touched_but_identical_file_is_not_reextracted(indexed) -> None:
    touch_later(indexed.library / "Security/overview.docx")
    summary = update_index(indexed, workers=1)
    assert (summary.updated, summary.unchanged, summary.extracted) == (0, 4, 0)
    assert update_index(indexed, workers=1).unchanged == 4  # and the new time is stored


def test_rename_moves_the_asset_without_reextracting(indexed) -> None:
    library = indexed.library
    (library / "Archive").mkdir()
    (library / "Guides/close.md").rename(library / "Archive/close.md")
    summary = update_index(indexed, workers=1)
    assert (summary.added, summary.removed, summary.extracted) == (1, 1, 0)
    assert ids(indexed, "reconciliation") == {"Archive/close.md"}


def test_catalog_edit_retags_without_reextracting(indexed) -> None:
    (indexed.library / "catalog.csv").write_text(
        "path,persona,stage\nEmail/follow-up.txt,VP Sales,decision\n", encoding="utf-8"
    )
    summary = update_index(indexed, workers=1)
    assert (summary.updated, summary.unchanged, summary.extracted) == (1, 3, 0)
    assert ids(indexed, persona="VP Sales") == {"Email/follow-up.txt"}
    assert ids(indexed, "soc", stage="decision") == {"Email/follow-up.txt"}


def test_taxonomy_edit_retags_everything_without_reextracting(indexed) -> None:
    # 'bofu' now means consideration, and CISO gains the synonym 'security chief'.
    edited = TEST_TAXONOMY.replace('synonyms = ["bofu", "purchase"]', 'synonyms = ["purchase"]')
    edited = edited.replace('synonyms = ["mofu"]', 'synonyms = ["mofu", "bofu"]')
    (indexed.library / "taxonomy.toml").write_text(edited, encoding="utf-8")
    summary = update_index(indexed, workers=1)
    assert (summary.updated, summary.extracted) == (4, 0)
    assert ids(indexed, stage="consideration") == {"Guides/close.md", "Decks/pitch.pptx"}


def test_failing_file_is_reported_and_not_retried_until_it_changes(
    make_library, settings_for
) -> None:
    library = make_library(
        {
            "ok.txt": lambda p: write_text(p, "fine"),
            "broken.docx": lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"),
            "table.xlsx": lambda p: write_xlsx(p, [["Region", "Revenue"], ["EMEA", 10]]),
        }
    )
    settings = settings_for(library)
    first = update_index(settings, workers=1)
    assert [asset_id for asset_id, _ in first.failed] == ["broken.docx"]
    assert first.added == 2
    second = update_index(settings, workers=1)
    assert second.failed == first.failed and second.extracted == 0
    write_docx(library / "broken.docx", ["Repaired document about EMEA revenue."])
    third = update_index(settings, workers=1)
    assert (third.added, third.failed) == (1, [])


def test_hidden_and_office_lock_files_are_skipped_and_unsupported_listed(
    make_library, settings_for
) -> None:
    library = make_library(
        {
            "deck.pptx": lambda p: write_pptx(p, ["hello"]),
            "~$deck.pptx": lambda p: p.write_bytes(b"lock"),
            ".DS_Store": lambda p: p.write_bytes(b"\0"),
            ".git/config": lambda p: write_text(p, "x"),
            "old/legacy.ppt": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"),
            "logo.PNG": lambda p: p.write_bytes(b"\x89PNG"),
            "Notes.TXT": lambda p: write_text(p, "upper-case suffix"),
        }
    )
    summary = update_index(settings_for(library), workers=1)
    assert summary.added == 2
    assert summary.unsupported == ["logo.PNG", "old/legacy.ppt"]


KILL_SCRIPT = """
import sys
from pathlib import Path
from contentfinder.config import Settings
from indexer.pipeline import update_index

settings = Settings(library=Path(sys.argv[1]), home=Path(sys.argv[2]))
update_index(settings, workers=1, commit_every_seconds=0.05,
             progress=lambda p: print(p.done, flush=True))
"""


def test_killed_run_leaves_a_searchable_index_and_the_next_run_completes(
    make_library, settings_for, tmp_path: Path
) -> None:
    def note(n: int):
        text = f"Note {n} about pipeline velocity and quota attainment."
        return lambda p: write_docx(p, [text] * 40)

    files = {f"notes/note-{n:03}.docx": note(n) for n in range(120)}
    library = make_library(files)
    settings = settings_for(library)
    process = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(library), str(settings.home)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    done = 0
    deadline = time.monotonic() + 60
    while done < 40 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        done = int(line)
    os.killpg(process.pid, signal.SIGKILL)  # the indexer and its workers, mid-run
    process.wait()
    process.stdout.close()
    assert 40 <= done < 120, "the run should have been killed part-way"

    partial = ids(settings, "quota")  # opens and searches: no error
    assert 0 < len(partial) < 120
    summary = update_index(settings, workers=1)
    assert summary.failed == []
    assert ids(settings, "quota") == set(files)
    assert summary.added + summary.unchanged == 120
