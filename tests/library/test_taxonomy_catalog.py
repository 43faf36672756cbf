from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from contentfinder.library.catalog import ProblemCode, parse_catalog
from contentfinder.library.taxonomy import (
    TaxonomyError,
    default_taxonomy_file,
    load_taxonomy,
    parse_taxonomy,
)
from tests.conftest import REPO
from tests.factories import TEST_TAXONOMY


@pytest.fixture
def taxonomy(tmp_path: Path):
    (tmp_path / "taxonomy.toml").write_text(TEST_TAXONOMY, encoding="utf-8")
    return load_taxonomy(tmp_path)


def test_library_taxonomy_wins_over_the_default(taxonomy) -> None:
    assert taxonomy.facet_names == ("persona", "stage", "pain", "industry")
    assert [f.name for f in taxonomy.facets if f.required] == ["persona", "stage", "pain"]


def test_default_taxonomy_has_what_sales_teams_need() -> None:
    default = load_taxonomy(None)
    # Run from the checkout, the built-in default is the source file itself.
    assert default.source == default_taxonomy_file() == REPO / "resources" / "taxonomy.toml"
    personas = {v.name for v in default.facet("persona").values}
    assert {
        "CFO",
        "CIO",
        "CISO",
        "VP Sales",
        "Sales Ops",
        "Marketing",
        "IT Manager",
        "Procurement",
        "HR",
        "Operations",
    } <= personas
    assert {v.name for v in default.facet("stage").values} >= {
        "awareness",
        "consideration",
        "decision",
        "retention",
    }
    assert len(default.facet("pain").values) >= 10
    assert default.facet("stage").resolve("TOFU") == "awareness"
    assert default.facet("stage").resolve("bofu") == "decision"
    assert default.ambiguous_terms() == {}, "a synonym claimed by two facets cannot resolve"


def test_values_resolve_by_synonym_case_and_accents(taxonomy) -> None:
    persona = taxonomy.facet("persona")
    assert persona.resolve("Chief Financial Officer") == "CFO"
    assert persona.resolve("cfo") == "CFO"
    assert taxonomy.facet("stage").resolve("DÉCISION") == "decision"
    assert persona.resolve("CSIO") is None


def test_broken_taxonomy_names_file_and_cause(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.toml"
    path.write_text("[facets.persona\nlabel = 1", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="taxonomy.toml: not valid TOML"):
        parse_taxonomy(path)
    path.write_text('[facets.persona]\nlabel = "P"\n', encoding="utf-8")
    with pytest.raises(TaxonomyError, match="required facet.*stage, pain"):
        parse_taxonomy(path)


def test_catalog_rows_apply_and_bad_rows_are_reported_with_numbers(taxonomy) -> None:
    raw = (
        "\ufeffpath,title,persona,stage,pain,expires,owner,summary,colour\n"
        "Decks/Pitch.pptx,The Pitch,CFO; sales leader,MOFU,tco,2030-01-31,Ana,Short.,red\n"
        "../outside.pdf,,CFO,,,,,,\n"
        "Guides/Guide.docx,,Chief Wizard,awareness,,31/12/2030,,,\n"
        "Decks/Pitch.pptx,Again,,,,,,,\n"
    ).encode("utf-8")
    catalog = parse_catalog(raw, taxonomy)
    pitch = catalog.entries["Decks/Pitch.pptx"]
    assert pitch.title == "The Pitch"
    assert pitch.facets == {
        "persona": ("CFO", "VP Sales"),
        "stage": ("consideration",),
        "pain": ("cost reduction",),
    }
    assert pitch.expires == date(2030, 1, 31)
    assert (pitch.owner, pitch.summary) == ("Ana", "Short.")
    guide = catalog.entries["Guides/Guide.docx"]
    assert guide.facets == {"stage": ("awareness",)} and guide.unknown_values == ("Chief Wizard",)
    messages = [str(p) for p in catalog.problems]
    assert "catalog.csv row 1: unknown column 'colour' ignored" in messages
    assert "catalog.csv row 3: path '../outside.pdf' leaves the library" in messages
    assert "catalog.csv row 4: unknown persona 'Chief Wizard'" in messages
    assert "catalog.csv row 4: bad date '31/12/2030' (expected YYYY-MM-DD)" in messages
    assert "catalog.csv row 5: 'Decks/Pitch.pptx' already in row 2; ignored" in messages


def test_catalog_paths_match_case_insensitively_and_unknown_paths_are_reported(taxonomy) -> None:
    raw = b"path,persona\ndecks/pitch.PPTX,CFO\nGone.pdf,CFO\n"
    catalog = parse_catalog(raw, taxonomy)
    catalog.check_paths({"Decks/Pitch.pptx"})
    assert set(catalog.entries) == {"Decks/Pitch.pptx"}
    assert [str(p) for p in catalog.problems] == [
        "catalog.csv row 3: no asset 'Gone.pdf' in the library"
    ]


def test_catalog_problems_carry_a_code_and_the_cell_at_fault(taxonomy) -> None:
    raw = (
        "path,persona,expires,colour\n"
        "Decks/Pitch.pptx,Chief Wizard,31/12/2030,red\n"
        "../outside.pdf,CFO,,\n"
        ",CFO,,\n"
        "Decks/Pitch.pptx,CFO,,\n"
        "Gone.pdf,CFO,,\n"
    ).encode("cp1252") + "Guides/Ünïcode.docx,CFO,,\n".encode("cp1252")
    catalog = parse_catalog(raw, taxonomy).checked_against({"Decks/Pitch.pptx"})
    found = {(p.row, p.code): (p.facet, p.value) for p in catalog.problems}
    assert found == {
        (1, ProblemCode.NOT_UTF8): ("", ""),
        (1, ProblemCode.UNKNOWN_COLUMN): ("colour", ""),
        (2, ProblemCode.UNKNOWN_VALUE): ("persona", "Chief Wizard"),
        (2, ProblemCode.BAD_DATE): ("expires", "31/12/2030"),
        (3, ProblemCode.LEAVES_LIBRARY): ("", "../outside.pdf"),
        (4, ProblemCode.EMPTY_PATH): ("", ""),
        (5, ProblemCode.DUPLICATE_ROW): ("", "Decks/Pitch.pptx"),
        (6, ProblemCode.UNKNOWN_PATH): ("", "Gone.pdf"),
        (7, ProblemCode.UNKNOWN_PATH): ("", "Guides/Ünïcode.docx"),
    }
    assert {p.code for p in catalog.problems if p.advisory} == {
        ProblemCode.NOT_UTF8,
        ProblemCode.UNKNOWN_COLUMN,
    }
    assert str(catalog.problems[0]) == "catalog.csv row 1: not UTF-8; read as Windows-1252"
    assert parse_catalog(b"title\nx\n", taxonomy).problems[0].code is ProblemCode.NO_PATH_COLUMN


def test_checking_paths_leaves_the_loaded_catalog_as_it_was(taxonomy) -> None:
    catalog = parse_catalog(b"path,persona\nGone.pdf,CFO\n", taxonomy)
    checked = catalog.checked_against(set())
    assert "Gone.pdf" in catalog.entries and catalog.problems == []
    assert checked.entries == {} and [p.code for p in checked.problems] == [
        ProblemCode.UNKNOWN_PATH
    ]
