from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from contentfinder.index.extracted import Extracted, Segment
from contentfinder.library.catalog import parse_catalog
from contentfinder.library.taxonomy import load_taxonomy
from indexer.tags import resolve_tags
from tests.factories import TEST_TAXONOMY


@pytest.fixture
def taxonomy(tmp_path: Path):
    (tmp_path / "taxonomy.toml").write_text(TEST_TAXONOMY, encoding="utf-8")
    return load_taxonomy(tmp_path)


def extracted(
    *keyword_strings: str,
    title: str = "",
    heading: str = "",
    facet_values: tuple[tuple[str, str], ...] = (),
) -> Extracted:
    return Extracted(
        segments=(Segment("body"),),
        title=title,
        first_heading=heading,
        keyword_strings=keyword_strings,
        facet_values=facet_values,
    )


def test_explicit_bare_and_synonym_keywords_resolve_to_canonical_values(taxonomy) -> None:
    tags = resolve_tags(
        "a.docx", extracted("persona: Chief Financial Officer; TOFU, soc 2", "CISO"), None, taxonomy
    )
    assert tags.facets == {
        "persona": ("CFO", "CISO"),
        "stage": ("awareness",),
        "pain": ("security compliance",),
    }
    assert tags.free_tags == ()


def test_unknown_keywords_are_kept_as_free_tags(taxonomy) -> None:
    tags = resolve_tags(
        "a.docx", extracted("Q3 launch; persona: wizard, Spend Guard 4.0"), None, taxonomy
    )
    assert tags.facets == {}
    assert tags.free_tags == ("Q3 launch", "wizard", "Spend Guard 4.0")


def test_front_matter_facets_resolve_within_their_facet(taxonomy) -> None:
    tags = resolve_tags(
        "a.md",
        extracted(
            facet_values=(("persona", "finance leader"), ("stage", "BOFU"), ("industry", "Retail"))
        ),
        None,
        taxonomy,
    )
    assert tags.facets == {"persona": ("CFO",), "stage": ("decision",), "industry": ("retail",)}


def test_single_valued_facet_keeps_the_first_value(taxonomy) -> None:
    tags = resolve_tags("a.docx", extracted("awareness, decision"), None, taxonomy)
    assert tags.facets == {"stage": ("awareness",)}


def test_catalog_cell_replaces_the_file_value_per_facet(taxonomy) -> None:
    catalog = parse_catalog(
        b"path,title,persona,expires,owner\na.docx,Catalog Title,CISO,2031-05-01,Ana\n", taxonomy
    )
    tags = resolve_tags(
        "a.docx", extracted("CFO, tofu", title="Embedded"), catalog.entries["a.docx"], taxonomy
    )
    assert tags.facets == {"persona": ("CISO",), "stage": ("awareness",)}
    assert tags.title == "Catalog Title"
    assert tags.expires == date(2031, 5, 1) and tags.owner == "Ana"


@pytest.mark.parametrize(
    ("title", "heading", "expected"),
    [
        ("Embedded Title", "Heading", "Embedded Title"),
        ("", "First Heading", "First Heading"),
        ("Presentation1", "", "Q3 Pitch"),  # a title the authoring tool made up
        ("", "", "Q3 Pitch"),
    ],
)
def test_title_falls_back_from_embedded_to_heading_to_file_name(
    taxonomy, title: str, heading: str, expected: str
) -> None:
    tags = resolve_tags(
        "Decks/Q3 Pitch.pptx", extracted(title=title, heading=heading), None, taxonomy
    )
    assert tags.title == expected
