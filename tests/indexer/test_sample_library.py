"""The bundled sample library, indexed for real: every tagging route of SPEC §1 ends in the
right facet values. It is also the library new users meet first."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.index.schema import open_for_reading
from contentfinder.index.stored import FROM_CATALOG, FROM_FIRST_INDEXED, read_stored_assets
from contentfinder.search.session import SearchRequest, SearchSession
from indexer.pipeline import update_index
from tests.conftest import SAMPLE_LIBRARY


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):
    settings = Settings(library=SAMPLE_LIBRARY, home=tmp_path_factory.mktemp("sample-home"))
    summary = update_index(settings)
    assert (summary.added, summary.failed) == (34, [])
    assert summary.unsupported == ["Brand/northwind-logo.png"]
    with SearchSession(settings) as open_session:
        yield open_session


def tags_of(session, asset_id: str) -> dict[str, tuple[str, ...]]:
    hits = session.search(SearchRequest(limit=100, include_expired=True)).hits
    [hit] = [h for h in hits if h.id == asset_id]
    return {k: v for k, v in hit.tags.items() if k in ("persona", "stage", "pain")}


@pytest.mark.parametrize(
    ("asset_id", "route", "expected"),
    [
        (
            "Case Studies/Harbor Steel Fabrication - Manufacturing Case Study.pdf",
            "PDF /Keywords with explicit facet: value",
            {
                "persona": ("CFO", "Operations"),
                "stage": ("decision",),
                "pain": ("manual processes", "cost reduction"),
            },
        ),
        (
            "Decks/Modern Finance Operations Webinar.pptx",
            "PPTX keywords as synonyms (TOFU)",
            {
                "persona": ("CFO",),
                "stage": ("awareness",),
                "pain": ("slow reporting", "manual processes"),
            },
        ),
        (
            "Case Studies/Kestrel Freight - Logistics.md",
            "Markdown front matter (Controller, MOFU)",
            {
                "persona": ("CFO",),
                "stage": ("consideration",),
                "pain": ("manual processes", "integration complexity"),
            },
        ),
        (
            "Case Studies/Cedar County - Public Sector.html",
            "HTML <meta name=keywords>",
            {
                "persona": ("CFO", "Procurement"),
                "stage": ("decision",),
                "pain": ("audit readiness", "spend visibility"),
            },
        ),
        (
            "Case Studies/Bluewater Credit Union.pdf",
            "catalog.csv only",
            {
                "persona": ("CFO", "CISO"),
                "stage": ("decision",),
                "pain": ("audit readiness", "spend visibility"),
            },
        ),
        (
            "Pricing/Pricing FAQ.docx",
            "catalog.csv overrides persona and pain",
            {
                "persona": ("Procurement", "CFO", "VP Sales"),
                "stage": ("decision",),
                "pain": ("cost reduction", "vendor consolidation"),
            },
        ),
        ("Guides/Discovery Call Question Bank.docx", "untagged", {}),
    ],
)
def test_each_tagging_route_gives_canonical_values(
    session, asset_id: str, route: str, expected: dict
) -> None:
    assert tags_of(session, asset_id) == expected, route


def test_the_expired_price_list_is_hidden_unless_asked_for(session) -> None:
    found = {h.id for h in session.search(SearchRequest(text="price list", limit=50)).hits}
    assert "Pricing/Price List 2025 H1.xlsx" not in found
    everything = session.search(SearchRequest(text="price list", include_expired=True)).hits
    assert "Pricing/Price List 2025 H1.xlsx" in {h.id for h in everything}


def test_titles_come_from_catalog_embedded_heading_or_file_name(session) -> None:
    hits = {h.id: h for h in session.search(SearchRequest(limit=100)).hits}
    assert hits["Case Studies/Bluewater Credit Union.pdf"].title.startswith("Bluewater Credit")
    assert hits["Guides/Discovery Call Question Bank.docx"].title == "Discovery call question bank"


def test_owners_come_from_the_catalog_or_the_files_author(session) -> None:
    with open_for_reading(session.settings.index_dir).searcher() as searcher:
        assets = {a.id: a for a in read_stored_assets(searcher, None)}
    owners = {asset_id: asset.owner for asset_id, asset in assets.items()}
    assert owners["Case Studies/Bluewater Credit Union.pdf"] == "Marco Ruiz"  # the catalog's
    assert owners["Decks/Close Assist Product Demo.pptx"] == "Sam Okafor"  # core property
    assert owners["Guides/Objection Handling Guide.md"] == "Sales Enablement"  # front matter
    assert owners["Case Studies/Alder State University.htm"] == "Marco Ruiz"  # <META NAME=Author>
    assert owners["Battlecards/Northwind vs Legacy ERP Add-ons.pdf"] == "Priya Natarajan"
    # only plain text without a catalog row, and one untouched Word file, name no one
    assert sorted(i for i, owner in owners.items() if not owner) == [
        "Email Templates/Cold Outreach - CFO Spend Visibility.txt",
        "Guides/Discovery Call Question Bank.docx",
    ]
    deck = assets["Decks/Northwind Ledger Corporate Overview.pptx"]
    assert (deck.published, deck.published_from) == (date(2025, 1, 14), FROM_CATALOG)
    from_catalog = {i for i, a in assets.items() if a.published_from == FROM_CATALOG}
    assert len(from_catalog) == 4
    assert all(
        a.published_from == FROM_FIRST_INDEXED for i, a in assets.items() if i not in from_catalog
    )


def test_the_library_is_left_untouched(tmp_path: Path) -> None:
    copy = tmp_path / "library"
    shutil.copytree(SAMPLE_LIBRARY, copy)
    before = sorted((p.relative_to(copy), p.stat().st_mtime_ns) for p in copy.rglob("*"))
    update_index(Settings(library=copy, home=tmp_path / "home"), workers=1)
    after = sorted((p.relative_to(copy), p.stat().st_mtime_ns) for p in copy.rglob("*"))
    assert after == before
