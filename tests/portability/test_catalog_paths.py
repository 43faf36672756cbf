"""Catalog paths as marketers on Windows and macOS type them: backslashes, another case, the
other Unicode form macOS file names come in; drive letters and UNC paths leave the library.
Asset ids stay '/'-separated whatever was typed."""

from __future__ import annotations

import unicodedata

from contentfinder.library.catalog import ProblemCode, load_catalog
from contentfinder.library.scan import scan_library
from contentfinder.library.taxonomy import load_taxonomy
from tests.factories import write_text

NFD_NAME = unicodedata.normalize("NFD", "Präsentation Zürich.md")  # as HFS+ stores it
NFC_NAME = unicodedata.normalize("NFC", "Präsentation Zürich.md")  # as Excel types it


def test_catalog_paths_match_the_library_as_windows_and_macos_would(make_library) -> None:
    catalog = (
        "path,title\n"
        "Sales Decks\\Pricing Q3.md,Typed with backslashes\n"  # row 2
        "sales decks/PRICING q3.MD,Another case (a duplicate of row 2 once matched)\n"  # row 3
        f"Decks/{NFC_NAME},Composed form\n"  # row 4
        "C:\\Users\\ann\\Library\\Decks\\x.md,A drive letter\n"  # row 5
        "\\\\fileserver\\marketing\\Library\\Decks\\x.md,A UNC path\n"  # row 6
        "decks/other.md,Case only\n"  # row 7
    )
    library = make_library(
        {
            "Sales Decks/Pricing Q3.md": lambda p: write_text(p, "Pricing."),
            f"Decks/{NFD_NAME}": lambda p: write_text(p, "Zürich."),
            "Decks/Other.md": lambda p: write_text(p, "Other."),
        },
        catalog=catalog,
    )
    known = set(scan_library(library).assets)
    assert f"Decks/{NFD_NAME}" in known  # the id is the name as the file system gives it
    checked = load_catalog(library, load_taxonomy(library)).checked_against(known)

    assert checked.entries["Sales Decks/Pricing Q3.md"].title == "Typed with backslashes"
    assert checked.entries[f"Decks/{NFD_NAME}"].title == "Composed form"
    assert checked.entries["Decks/Other.md"].title == "Case only"
    assert all("\\" not in asset_id for asset_id in checked.entries)
    problems = {(p.row, p.code) for p in checked.problems}
    assert (5, ProblemCode.LEAVES_LIBRARY) in problems
    assert (6, ProblemCode.LEAVES_LIBRARY) in problems
    # Row 3 names row 2's file in another case: on Windows one file, so not applied twice.
    assert checked.entries["Sales Decks/Pricing Q3.md"].row == 2
    assert any(p.row == 3 for p in checked.problems)
