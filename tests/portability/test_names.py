"""Names a Windows laptop cannot open: the rules by PureWindowsPath's reading (they hold on
Linux), and a real library on this file system holding such names, which the index run takes
and the health check reports instead of failing on."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import PureWindowsPath

import pytest

from contentfinder.curation.health import WARNING, lint_library
from contentfinder.library.opened import Library
from contentfinder.library.scan import scan_library
from contentfinder.portability.names import (
    WINDOWS_MAX_PATH,
    case_collisions,
    extended_length,
    for_file_calls,
    windows_name_problem,
    windows_path_problems,
)
from indexer.pipeline import update_index
from tests.factories import run_cli, write_text


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Q3: plan?.pdf", "Windows forbids ':', '?' in a name"),
        ('The "best" deck.pptx', "Windows forbids '\"' in a name"),
        ("a<b>c|d*.md", "Windows forbids '*', '<', '>', '|' in a name"),
        ("tab\there.md", "Windows forbids U+0009 in a name"),
        ("back\\slash.md", "Windows forbids '\\\\' in a name"),
        ("Archive.", "Windows drops a name's trailing dots and spaces, so it names another file"),
        ("Drafts ", "Windows drops a name's trailing dots and spaces, so it names another file"),
        ("CON", "'CON' is a device name on Windows"),
        ("nul.txt", "'NUL' is a device name on Windows"),
        ("Com1 .pdf", "'COM1' is a device name on Windows"),
        ("lpt9.tar.gz", "'LPT9' is a device name on Windows"),
    ],
)
def test_what_windows_forbids_is_named(name: str, problem: str) -> None:
    assert windows_name_problem(name) == problem


@pytest.mark.parametrize(
    "name", ["CONSOLE.pdf", "Com10.pdf", "Pricing, Q3 'final'.pdf", "Résumé.docx", ".hidden", "a.b"]
)
def test_what_windows_allows_passes(name: str) -> None:
    assert windows_name_problem(name) is None


def test_the_rules_agree_with_pure_windows_path_on_device_names() -> None:
    for name in ("CON", "nul.txt", "aux.tar.gz", "COM1", "LPT3.md", "CONSOLE", "Com10.pdf"):
        reserved = PureWindowsPath(name).is_reserved()
        assert (windows_name_problem(name) is not None) == reserved, name


def test_a_long_path_is_counted_with_the_library_folder() -> None:
    library = r"\\fileserver\marketing\Library"
    deep = "/".join(["Sales Enablement Material"] * 9) + "/deck.pdf"
    length = len(str(PureWindowsPath(library) / PureWindowsPath(deep)))
    assert length > WINDOWS_MAX_PATH
    assert windows_path_problems(deep, library=library) == [
        f"its path is {length} characters long; Windows programs open at most 259"
    ]
    assert windows_path_problems("Decks/deck.pdf", library=library) == []
    assert windows_path_problems("Q1: plans/CON.pdf", library="S:\\Library") == [
        "'Q1: plans': Windows forbids ':' in a name",
        "its name: 'CON' is a device name on Windows",
    ]


def test_ids_that_differ_only_in_case_or_normalisation_are_grouped() -> None:
    nfd = unicodedata.normalize("NFD", "Präsentation.pptx")
    nfc = unicodedata.normalize("NFC", "Präsentation.pptx")
    ids = ["Decks/Pricing.pdf", "decks/pricing.PDF", "Decks/Other.pdf", nfd, nfc]
    assert case_collisions(ids) == sorted(
        [("Decks/Pricing.pdf", "decks/pricing.PDF"), tuple(sorted([nfd, nfc]))]
    )


@pytest.mark.parametrize(
    ("path", "extended"),
    [
        (r"C:\Users\ann\Library\deck.pdf", r"\\?\C:\Users\ann\Library\deck.pdf"),
        ("C:/Users/ann/./Library/../Library/deck.pdf", r"\\?\C:\Users\ann\Library\deck.pdf"),
        (r"\\fileserver\marketing\Library\a.pdf", r"\\?\UNC\fileserver\marketing\Library\a.pdf"),
        (r"\\?\C:\already\there.pdf", r"\\?\C:\already\there.pdf"),
        (r"relative\deck.pdf", r"relative\deck.pdf"),
    ],
)
def test_extended_length_paths_for_drive_letters_and_shares(path: str, extended: str) -> None:
    assert extended_length(path) == extended
    if extended.startswith("\\\\?\\") and path != extended:
        # The same file, by Windows' own reading of both forms.
        plain = PureWindowsPath(extended.replace("\\\\?\\UNC\\", "\\\\").replace("\\\\?\\", ""))
        assert plain == PureWindowsPath(path.replace("/./", "/").replace("Library/../", ""))


def test_on_windows_file_calls_get_the_extended_form(monkeypatch: pytest.MonkeyPatch) -> None:
    share = r"\\fileserver\marketing\Library"
    assert for_file_calls(share) == share  # here, as it is
    monkeypatch.setattr(sys, "platform", "win32")
    assert for_file_calls(share) == r"\\?\UNC\fileserver\marketing\Library"
    assert for_file_calls(r"S:\Library") == r"\\?\S:\Library"


def test_a_library_with_names_windows_cannot_open_is_indexed_and_reported(
    make_library, settings_for
) -> None:
    deep = "/".join(["Sales Enablement Material"] * 9) + "/deep.md"
    names = {
        "Q3: plan?.md": "Colons and question marks.",
        "Archive./old.md": "A folder with a trailing dot.",
        "Drafts /draft.md": "A folder with a trailing space.",
        "CON.md": "A device name.",
        "Deck.md": "Upper case.",
        "deck.md": "Lower case.",
        deep: "A long path.",
        "Fine/plain.md": "Nothing wrong here.",
    }
    library = make_library(
        {name: (lambda p, t=text: write_text(p, t)) for name, text in names.items()}
    )
    assert set(scan_library(library).assets) == set(names)  # all found, ids '/'-separated
    settings = settings_for(library)
    summary = update_index(settings, workers=1)
    assert summary.failed == [] and summary.added == len(names)

    report = lint_library(Library(settings))
    found = {f.asset_id: f for f in report.findings if f.check == "windows-names"}
    assert set(found) == set(names) - {"Fine/plain.md"}
    assert all(f.severity == WARNING for f in found.values())
    assert found["Q3: plan?.md"].message == (
        "its name: Windows forbids ':', '?' in a name; a Windows laptop cannot open it"
    )
    assert found["Archive./old.md"].message.startswith("'Archive.': Windows drops")
    assert found["CON.md"].message.startswith("its name: 'CON' is a device name")
    assert "characters long" in found[deep].message
    assert found["Deck.md"].message == (
        "'Deck.md' and 'deck.md' differ only in case; Windows and macOS show one of them"
    )

    # The command line: listed under their heading, and not an error (exit status 0 there).
    result = run_cli("lint", "--json", "--library", str(library), "--home", str(settings.home))
    assert result.returncode in (0, 1), result.stderr  # 1: the test taxonomy's required tags
    data = json.loads(result.stdout)
    assert {f["asset_id"] for f in data["checks"]["windows-names"]} == set(found)
    text = run_cli("lint", "--library", str(library), "--home", str(settings.home)).stdout
    assert "Names Windows cannot open" in text
