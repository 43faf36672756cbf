"""The format filter (names from the formats table, counted like a facet) and the count of
expired assets a search hides."""

from __future__ import annotations

from datetime import date

import pytest

from contentfinder.search.narrowing import FORMAT_NAMES
from contentfinder.search.session import FilterError, SearchRequest, search
from indexer.pipeline import update_index
from tests.factories import write_docx, write_pdf, write_pptx, write_text

TODAY = date(2026, 11, 23)


@pytest.fixture
def settings(make_library, settings_for):
    library = make_library(
        {
            "roi.pdf": lambda p: write_pdf(p, ["ROI for manufacturers."], keywords="CFO"),
            "roi-deck.pptx": lambda p: write_pptx(
                p, ["Agenda", "ROI in one deck"], keywords="CISO"
            ),
            "roi-brief.docx": lambda p: write_docx(p, ["ROI brief."], keywords="CFO"),
            "notes.txt": lambda p: write_text(p, "Plain notes about security."),
            "old-roi.pdf": lambda p: write_pdf(p, ["Retired ROI calculator."], keywords="CFO"),
            "old-notes.txt": lambda p: write_text(p, "Retired security notes."),
        },
        catalog="path,expires\nold-roi.pdf,2026-01-31\nold-notes.txt,2026-01-31\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def run(settings, text: str = "", **kwargs):
    return search(settings, SearchRequest(text=text, today=TODAY, **kwargs))


def test_the_format_filter_names_the_formats_tables_formats() -> None:
    assert FORMAT_NAMES[:1] == ("PDF",)
    assert {"PowerPoint", "Excel", "Word", "HTML", "Markdown", "Text"} <= set(FORMAT_NAMES)


def test_a_format_filter_narrows_results_ors_its_values_and_refuses_unknown_ones(settings):
    assert [h.id for h in run(settings, "roi", formats=("PDF",)).hits] == ["roi.pdf"]
    both = run(settings, "roi", formats=("pdf", "PowerPoint"))  # as typed, any case
    assert {h.id for h in both.hits} == {"roi.pdf", "roi-deck.pptx"}
    with pytest.raises(FilterError, match="unknown format 'Keynote'; known formats: PDF"):
        run(settings, "roi", formats=("Keynote",))


def test_format_counts_ignore_their_own_selection_and_follow_the_other_filters(settings):
    results = run(settings, "roi", formats=("PDF",))
    # A rep sees what widening to another format adds ...
    assert results.format_counts["PDF"] == 1
    assert results.format_counts["PowerPoint"] == 1 and results.format_counts["Word"] == 1
    # ... facet counts are narrowed by the format picked ...
    assert results.facets["persona"]["CFO"] == 1 and results.facets["persona"]["CISO"] == 0
    # ... and format counts by the facets picked.
    cfo = run(settings, "roi", filters={"persona": ("CFO",)})
    assert cfo.format_counts["PowerPoint"] == 0 and cfo.format_counts["Word"] == 1
    browse = run(settings)
    assert browse.format_counts["Text"] == 1 and browse.format_counts["Excel"] == 0


def test_the_expired_assets_a_search_hides_are_counted(settings):
    roi = run(settings, "roi")
    assert "old-roi.pdf" not in {h.id for h in roi.hits}
    assert roi.expired_hidden == 1  # old-notes.txt says no 'roi'
    assert run(settings).expired_hidden == 2  # browsing: both
    assert run(settings, "roi", formats=("Word",)).expired_hidden == 0  # filtered out
    assert run(settings, "roi", filters={"persona": ("CISO",)}).expired_hidden == 0
    assert run(settings, "roi -retired").expired_hidden == 0  # excluded by the query
    assert run(settings, "qqqzzz").expired_hidden == 0
    shown = run(settings, "roi", include_expired=True)
    assert shown.expired_hidden == 0 and "old-roi.pdf" in {h.id for h in shown.hits}
    assert shown.total == roi.total + 1
