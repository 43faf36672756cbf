"""Publication dates and owners (SPEC §1): the catalog's, else what the index and the file know.

An asset's date is the catalog's `published`, else the day the index first saw its content:
never the file's modification time, which a copy to a new share resets. Its owner is the
catalog's, else the author the file itself names.
"""

from __future__ import annotations

import json
import os
import shutil
import zlib
from datetime import date
from pathlib import Path

import pytest
import zstandard

from contentfinder.config import Settings
from contentfinder.index.cache_entry import ENTRY_VERSION, entry_data, entry_payload
from contentfinder.index.first_seen import LEDGER_FILE, read_ledger
from contentfinder.index.schema import VERSION_FILE, open_for_reading
from contentfinder.index.stored import (
    FROM_CATALOG,
    FROM_FIRST_INDEXED,
    StoredAsset,
    read_stored_assets,
)
from contentfinder.library.catalog import ProblemCode, parse_catalog
from contentfinder.library.taxonomy import load_taxonomy
from indexer.pipeline import update_index
from tests.factories import (
    TEST_TAXONOMY,
    touch_later,
    write_docx,
    write_pdf,
    write_pptx,
    write_text,
    write_xlsx,
)

JANUARY, MARCH, MAY = date(2026, 1, 5), date(2026, 3, 2), date(2026, 5, 11)


def stored(settings: Settings) -> dict[str, StoredAsset]:
    with open_for_reading(settings.index_dir).searcher() as searcher:
        return {asset.id: asset for asset in read_stored_assets(searcher, None)}


def dates(settings: Settings) -> dict[str, date | None]:
    return {asset_id: asset.published for asset_id, asset in stored(settings).items()}


def library_files() -> dict:
    return {
        "Decks/pitch.pptx": lambda p: write_pptx(p, ["Zero-downtime migration plan"]),
        "Guides/close.md": lambda p: write_text(p, "# Close faster\n\nMonth-end close in days."),
        "Email/follow-up.txt": lambda p: write_text(p, "Following up on our SOC 2 call."),
    }


@pytest.fixture
def indexed_in_january(make_library, settings_for) -> Settings:
    settings = settings_for(make_library(library_files()))
    summary = update_index(settings, workers=1, today=JANUARY)
    assert (summary.added, summary.failed) == (3, [])
    return settings


# --- the catalog's date --------------------------------------------------------------------


def test_the_catalog_published_date_wins_and_a_bad_one_is_a_problem_of_its_row(
    make_library, settings_for
) -> None:
    catalog = (
        "path,published\n"
        "Decks/pitch.pptx,2025-11-20\n"
        "Guides/close.md,20/11/2025\n"  # row 3: not ISO
    )
    settings = settings_for(make_library(library_files(), catalog=catalog))
    summary = update_index(settings, workers=1, today=MARCH)
    assert summary.catalog_problems == [
        "catalog.csv row 3: bad published date '20/11/2025' (expected YYYY-MM-DD)"
    ]
    assets = stored(settings)
    pitch, close, email = (
        assets[i] for i in ("Decks/pitch.pptx", "Guides/close.md", "Email/follow-up.txt")
    )
    assert (pitch.published, pitch.published_from) == (date(2025, 11, 20), FROM_CATALOG)
    assert pitch.first_seen == MARCH  # kept beside the catalog's date
    assert (close.published, close.published_from) == (MARCH, FROM_FIRST_INDEXED)
    assert (email.published, email.published_from) == (MARCH, FROM_FIRST_INDEXED)


def test_a_catalog_edit_of_the_published_date_retags_the_asset(indexed_in_january) -> None:
    settings = indexed_in_january
    (settings.library / "catalog.csv").write_text(
        "path,published\nGuides/close.md,2024-06-30\n", encoding="utf-8"
    )
    summary = update_index(settings, workers=1, today=MARCH)
    assert summary.updated == 1 and summary.extracted == 0
    assert dates(settings)["Guides/close.md"] == date(2024, 6, 30)
    (settings.library / "catalog.csv").write_text("path,published\n", encoding="utf-8")
    update_index(settings, workers=1, today=MAY)
    assert dates(settings)["Guides/close.md"] == JANUARY  # back to the first-seen day


def test_the_catalog_parses_published_like_expires(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.toml").write_text(TEST_TAXONOMY, encoding="utf-8")
    taxonomy = load_taxonomy(tmp_path)
    catalog = parse_catalog(
        b"path,published,expires\na.md,2026-02-01,\nb.md,soon,2026-13-01\n", taxonomy
    )
    assert catalog.entries["a.md"].published == date(2026, 2, 1)
    assert catalog.entries["b.md"].published is None
    assert [(p.row, p.code, p.facet, p.value) for p in catalog.problems] == [
        (3, ProblemCode.BAD_DATE, "expires", "2026-13-01"),
        (3, ProblemCode.BAD_DATE, "published", "soon"),
    ]
    again = parse_catalog(b"path,published,expires\na.md,2026-02-02,\n", taxonomy)
    assert again.entries["a.md"].fingerprint != catalog.entries["a.md"].fingerprint


# --- the first-seen day -------------------------------------------------------------------


def test_first_seen_survives_a_copy_of_the_library_to_a_new_folder(
    indexed_in_january, tmp_path: Path
) -> None:
    settings = indexed_in_january
    copy = tmp_path / "new-share" / "library"
    shutil.copytree(settings.library, copy, copy_function=shutil.copyfile)  # new times
    for path in copy.rglob("*"):
        if path.is_file():
            touch_later(path, seconds=86_400 * 50)
    moved = Settings(library=copy, home=settings.home)
    summary = update_index(moved, workers=1, today=MARCH)
    assert summary.failed == [] and summary.extracted == 0
    assert set(dates(moved).values()) == {JANUARY}
    assert all(a.published_from == FROM_FIRST_INDEXED for a in stored(moved).values())
    # the modification day moved on with the copy; the age does not
    assert all(a.modified != JANUARY for a in stored(moved).values())


def test_first_seen_survives_a_rename_and_a_move(indexed_in_january) -> None:
    settings = indexed_in_january
    library = settings.library
    (library / "Archive").mkdir()
    os.rename(library / "Guides/close.md", library / "Archive/close-2026.md")
    os.rename(library / "Email/follow-up.txt", library / "Email/soc2-follow-up.txt")
    summary = update_index(settings, workers=1, today=MARCH)
    assert (summary.added, summary.removed) == (2, 2)
    assert dates(settings) == {
        "Decks/pitch.pptx": JANUARY,
        "Archive/close-2026.md": JANUARY,
        "Email/soc2-follow-up.txt": JANUARY,
    }


def test_first_seen_survives_a_rebuild_from_scratch(indexed_in_january) -> None:
    settings = indexed_in_january
    (settings.index_dir / VERSION_FILE).write_text("1")  # an index of an older version
    summary = update_index(settings, workers=1, today=MARCH)
    assert summary.rebuilt_because == "the index format changed"
    assert summary.extracted == 0  # the text came back from the cache
    assert set(dates(settings).values()) == {JANUARY}

    shutil.rmtree(settings.index_dir)  # no index at all: the ledger alone remembers
    update_index(settings, workers=1, today=MAY)
    assert set(dates(settings).values()) == {JANUARY}


# Whoosh leaves the file of a segment it fails to open for the garbage collector to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_is_rebuilt_with_its_dates(indexed_in_january) -> None:
    settings = indexed_in_january
    for segment in settings.index_dir.glob("*.seg"):
        segment.write_bytes(b"garbage")
    summary = update_index(settings, workers=1, today=MARCH)
    assert summary.rebuilt_because is not None
    assert set(dates(settings).values()) == {JANUARY}


def test_a_changed_file_keeps_its_ids_first_seen_day_through_a_rebuild(
    indexed_in_january,
) -> None:
    settings = indexed_in_january
    path = settings.library / "Email/follow-up.txt"
    write_text(path, "Following up on our SOC 2 call, with the report attached.")
    touch_later(path)
    summary = update_index(settings, workers=1, today=MARCH)
    assert summary.updated == 1
    assert dates(settings)["Email/follow-up.txt"] == JANUARY
    shutil.rmtree(settings.index_dir)  # the new content's day is in the ledger too
    update_index(settings, workers=1, today=MAY)
    assert dates(settings)["Email/follow-up.txt"] == JANUARY


def test_new_content_is_first_seen_today(indexed_in_january) -> None:
    settings = indexed_in_january
    write_text(settings.library / "Email/new.txt", "A brand new onboarding checklist.")
    update_index(settings, workers=1, today=MARCH)
    assert dates(settings)["Email/new.txt"] == MARCH
    assert dates(settings)["Email/follow-up.txt"] == JANUARY


def test_a_lost_ledger_is_written_anew_from_the_index(indexed_in_january) -> None:
    settings = indexed_in_january
    ledger = settings.cache_dir / LEDGER_FILE
    assert set(read_ledger(ledger).values()) == {JANUARY}
    ledger.write_text("{not json")
    write_text(settings.library / "Email/new.txt", "A brand new onboarding checklist.")
    update_index(settings, workers=1, today=MARCH)  # any run that writes restores it
    assert sorted(read_ledger(ledger).values()) == [JANUARY, JANUARY, JANUARY, MARCH]
    shutil.rmtree(settings.index_dir)
    update_index(settings, workers=1, today=MAY)
    assert dates(settings)["Guides/close.md"] == JANUARY


# --- owners -------------------------------------------------------------------------------


def docx_by(path: Path, author: str) -> Path:
    import docx

    write_docx(path, ["Encryption at rest and in transit."], title="Security Overview")
    document = docx.Document(str(path))
    document.core_properties.author = author
    document.core_properties.last_modified_by = "Someone Else"
    document.save(str(path))
    return path


def pptx_by(path: Path, author: str) -> Path:
    from pptx import Presentation

    write_pptx(path, ["Zero-downtime migration plan"])
    deck = Presentation(str(path))
    deck.core_properties.author = author
    deck.core_properties.last_modified_by = "Someone Else"
    deck.save(str(path))
    return path


def xlsx_by(path: Path, author: str) -> Path:
    from openpyxl import load_workbook

    write_xlsx(path, [["Plan", "Seats"], ["Pro", 25]])
    workbook = load_workbook(str(path))
    workbook.properties.creator = author
    workbook.properties.lastModifiedBy = "Someone Else"
    workbook.save(str(path))
    return path


def pdf_by(path: Path, author: str) -> Path:
    from pypdf import PdfWriter

    write_pdf(path, ["Total cost of ownership, year one to three."])
    writer = PdfWriter(clone_from=str(path))
    writer.add_metadata({"/Author": author, "/Title": "TCO Study"})
    with path.open("wb") as stream:
        writer.write(stream)
    return path


OWNED = {
    "Security/overview.docx": lambda p: docx_by(p, "Dana Word"),
    "Decks/pitch.pptx": lambda p: pptx_by(p, "Pat Slides"),
    "Pricing/seats.xlsx": lambda p: xlsx_by(p, "Sam Sheets"),
    "Studies/tco.pdf": lambda p: pdf_by(p, "Pia Pages"),
    "Guides/owner.md": lambda p: write_text(p, "---\nowner: Mo Markdown\nauthor: X\n---\nText."),
    "Guides/author.md": lambda p: write_text(p, "---\nauthor: [Al Author, Bo Author]\n---\nHi."),
    "Web/page.html": lambda p: write_text(
        p, '<html><head><META NAME="Author" content="Hal Html"></head><body>Hi</body></html>'
    ),
    "Notes/plain.docx": lambda p: write_docx(p, ["python-docx's own template names no one."]),
}


def test_the_owner_is_the_files_own_author_in_every_format(make_library, settings_for) -> None:
    settings = settings_for(make_library(OWNED))
    summary = update_index(settings, workers=1)
    assert summary.failed == []
    assert {i: a.owner for i, a in stored(settings).items()} == {
        "Security/overview.docx": "Dana Word",  # the author, not who saved it last
        "Decks/pitch.pptx": "Pat Slides",
        "Pricing/seats.xlsx": "Sam Sheets",
        "Studies/tco.pdf": "Pia Pages",
        "Guides/owner.md": "Mo Markdown",
        "Guides/author.md": "Al Author; Bo Author",
        "Web/page.html": "Hal Html",
        "Notes/plain.docx": "",  # "python-docx" is a library's default, not a person
    }


def test_the_catalog_owner_wins_over_the_files_author(make_library, settings_for) -> None:
    catalog = "path,owner\nSecurity/overview.docx,Product Marketing\nStudies/tco.pdf,\n"
    settings = settings_for(make_library(OWNED, catalog=catalog))
    update_index(settings, workers=1)
    owners = {i: a.owner for i, a in stored(settings).items()}
    assert owners["Security/overview.docx"] == "Product Marketing"
    assert owners["Studies/tco.pdf"] == "Pia Pages"  # an empty cell says nothing


def test_a_text_cache_from_before_authors_gets_them_without_reading_the_text_again(
    make_library, settings_for
) -> None:
    """An index built before owners came from authors gets them on its rebuild, quickly."""
    settings = settings_for(make_library(OWNED))
    update_index(settings, workers=1)
    owners = {i: a.owner for i, a in stored(settings).items()}
    entries = list(settings.cache_dir.glob("*/*.json.z"))
    assert len(entries) == len(OWNED)
    for entry in entries:
        data = entry_data(entry.read_bytes())
        del data["version"], data["author"]  # as the readers before these wrote it
        entry.write_bytes(zlib.compress(json.dumps(data).encode()))  # as zlib wrote them
    shutil.rmtree(settings.index_dir)  # the schema changed with them
    summary = update_index(settings, workers=1)
    # The text still came from the cache, only the author was read; but for the PDF, whose
    # old entry holds pypdf's text (PDF_TEXT_VERSION): pdfium reads it anew.
    assert summary.extracted == 1
    assert {i: a.owner for i, a in stored(settings).items()} == owners
    upgraded = [entry_data(entry.read_bytes()) for entry in entries]
    assert {entry["version"] for entry in upgraded} == {ENTRY_VERSION}
    assert "Pia Pages" in {entry["author"] for entry in upgraded}


def test_a_text_cache_of_the_last_format_is_written_anew_without_reading_a_file(
    make_library, settings_for
) -> None:
    """Entries of format 3 (one JSON object) become format 4 on a rebuild, as they are."""
    settings = settings_for(make_library(OWNED))
    update_index(settings, workers=1)
    entries = list(settings.cache_dir.glob("*/*.json.z"))
    before = {entry: entry_data(entry.read_bytes()) for entry in entries}
    for entry, data in before.items():
        entry.write_bytes(entry_payload({**data, "version": 3}))
    shutil.rmtree(settings.index_dir)
    summary = update_index(settings, workers=1)
    assert summary.extracted == 0
    assert {entry: entry_data(entry.read_bytes()) for entry in entries} == before
    assert all(b"\n" in zstandard.decompress(entry.read_bytes()) for entry in entries)
