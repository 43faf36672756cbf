"""The bundled sample library, indexed for real: every tagging route of SPEC §1 ends in the
right facet values. It is also the library new users meet first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from contentfinder.config import Settings
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


def test_the_library_is_left_untouched(tmp_path: Path) -> None:
    copy = tmp_path / "library"
    shutil.copytree(SAMPLE_LIBRARY, copy)
    before = sorted((p.relative_to(copy), p.stat().st_mtime_ns) for p in copy.rglob("*"))
    update_index(Settings(library=copy, home=tmp_path / "home"), workers=1)
    after = sorted((p.relative_to(copy), p.stat().st_mtime_ns) for p in copy.rglob("*"))
    assert after == before
