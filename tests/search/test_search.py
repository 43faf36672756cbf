"""Search over a real index: filters, facet counts, snippets with pages, expiry, corrections."""

from __future__ import annotations

from datetime import date

import pytest

from contentfinder.search.session import FilterError, SearchRequest, search
from indexer.pipeline import update_index
from tests.factories import write_docx, write_pdf, write_pptx, write_text

TODAY = date(2026, 11, 23)


@pytest.fixture
def settings(make_library, settings_for):
    library = make_library(
        {
            "cfo-roi.pdf": lambda p: write_pdf(
                p,
                ["Executive summary for finance.", "Payback period and ROI for manufacturers."],
                title="ROI Guide",
                keywords="persona: CFO; stage: decision; cost reduction",
            ),
            "ciso-brief.docx": lambda p: write_docx(
                p, ["SOC 2 controls and encryption keep auditors happy."], keywords="CISO, tofu"
            ),
            "both.pptx": lambda p: write_pptx(
                p,
                ["Agenda", "Security and ROI in one platform"],
                keywords="CFO, CISO, mofu",
            ),
            "untagged.txt": lambda p: write_text(p, "Plain notes about ROI."),
            "old.txt": lambda p: write_text(p, "Retired ROI calculator."),
            "soon.txt": lambda p: write_text(p, "Promotion ending: ROI bundle."),
        },
        catalog="path,expires\nold.txt,2026-01-31\nsoon.txt,2026-12-10\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def run(settings, text: str = "", **kwargs):
    return search(settings, SearchRequest(text=text, today=TODAY, **kwargs))


def test_filters_or_within_a_facet_and_across_facets(settings) -> None:
    either = run(settings, filters={"persona": ("CFO", "CISO")})
    assert {h.id for h in either.hits} == {"cfo-roi.pdf", "ciso-brief.docx", "both.pptx"}
    both = run(settings, filters={"persona": ("CFO",), "stage": ("consideration",)})
    assert [h.id for h in both.hits] == ["both.pptx"]


def test_facet_counts_ignore_their_own_selection(settings) -> None:
    results = run(settings, "roi", filters={"persona": ("CFO",)})
    assert {h.id for h in results.hits} == {"cfo-roi.pdf", "both.pptx"}
    # persona counts are those of "roi" without the persona filter, so a rep can widen.
    assert results.facets["persona"]["CFO"] == 2
    assert results.facets["persona"]["CISO"] == 1
    # other facets count within the selection
    assert results.facets["stage"] == {
        **dict.fromkeys(results.facets["stage"], 0),
        "decision": 1,
        "consideration": 1,
    }


def test_snippet_marks_matches_and_names_the_page(settings) -> None:
    [hit] = run(settings, "payback").hits
    assert hit.id == "cfo-roi.pdf" and hit.location == 2
    assert "<b>Payback</b>" in hit.snippet
    [slide] = run(settings, "platform").hits
    assert slide.location == 2


def test_expired_assets_are_hidden_unless_asked_for_and_expiring_ones_flagged(settings) -> None:
    default = {h.id: h for h in run(settings, "roi").hits}
    assert "old.txt" not in default
    assert default["soon.txt"].expiring_soon and not default["soon.txt"].expired
    everything = {h.id: h for h in run(settings, "roi", include_expired=True).hits}
    assert everything["old.txt"].expired


def test_filters_accept_synonyms_and_refuse_unknown_values(settings) -> None:
    assert {h.id for h in run(settings, filters={"stage": ("TOFU",)}).hits} == {"ciso-brief.docx"}
    with pytest.raises(FilterError, match="unknown persona 'CSIO'; known values: CFO, CISO"):
        run(settings, filters={"persona": ("CSIO",)})
    with pytest.raises(FilterError, match="unknown facet 'colour'"):
        run(settings, filters={"colour": ("red",)})


def test_a_query_missing_one_word_still_finds_partial_matches(settings) -> None:
    results = run(settings, "encryption quantum")
    assert [h.id for h in results.hits] == ["ciso-brief.docx"]


def test_misspelling_is_corrected_only_when_the_correction_finds_something(settings) -> None:
    assert run(settings, "encryptoin").corrected == "encryption"
    assert run(settings, "qqqzzz").corrected is None


@pytest.fixture
def phrases(make_library, settings_for):
    library = make_library(
        {
            "close.txt": lambda p: write_text(p, "How to shorten the month end close."),
            "loose.txt": lambda p: write_text(p, "The close of the month; an end to manual work."),
            "other.txt": lambda p: write_text(p, "Manual work in accounts payable."),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def ids(settings, text: str) -> list[str]:
    return [h.id for h in search(settings, SearchRequest(text=text, today=TODAY)).hits]


def test_quoted_phrase_needs_the_words_in_order(phrases) -> None:
    assert ids(phrases, '"month end close"') == ["close.txt"]
    assert sorted(ids(phrases, "month end close")) == ["close.txt", "loose.txt"]


def test_exclusion_removes_assets_with_the_word(phrases) -> None:
    assert sorted(ids(phrases, "manual work")) == ["loose.txt", "other.txt"]
    assert ids(phrases, "manual work -month") == ["other.txt"]


def test_all_words_first_then_the_page_filled_with_partial_matches(phrases) -> None:
    # Three words: the asset with all three first, marked full; then the others, partial,
    # with the words each lacks.
    found = search(phrases, SearchRequest(text="month close manual", today=TODAY))
    assert [(h.id, h.missing) for h in found.hits] == [
        ("loose.txt", ()),
        ("close.txt", ("manual",)),
        ("other.txt", ("month", "close")),
    ]
    assert found.full_total == 1 and found.full_result and found.total == 3
    # No asset has all three: nothing is full, the two-word match first, then the one with
    # the rarer word ('shorten' is in one asset, 'manual' in two).
    found = search(phrases, SearchRequest(text="payable manual shorten", today=TODAY))
    assert [h.id for h in found.hits] == ["other.txt", "close.txt", "loose.txt"]
    assert not found.full_result and found.missing == ()


def test_a_word_no_asset_combines_with_still_finds_each(phrases) -> None:
    # No asset has both words: rather than nothing, the assets with either.
    assert sorted(ids(phrases, "payable shorten")) == ["close.txt", "other.txt"]


@pytest.mark.parametrize(
    "text",
    [
        *('"month end', 'close"', "-", '""', "AND", "month AND OR", "persona:", "*", "((", "~~~"),
        *("é", 'persona:"', "persona:cfo:cfo", '-"', "stage:decision -", "\u201cmonth end", "'"),
        *("month-", ":close", "close:", "-persona:cfo", "x" * 300, "the of and", "NOT month"),
    ],
)
def test_malformed_queries_never_raise(phrases, text: str) -> None:
    results = search(phrases, SearchRequest(text=text, today=TODAY))
    assert results.total == len(results.hits)


def test_a_session_sees_a_new_index_run(phrases) -> None:
    from contentfinder.search.session import SearchSession

    with SearchSession(phrases) as session:
        assert session.search(SearchRequest(text="receivable")).total == 0
        write_text(phrases.library / "ar.txt", "Accounts receivable automation.")
        update_index(phrases, workers=1)
        assert [h.id for h in session.search(SearchRequest(text="receivable")).hits] == ["ar.txt"]


def test_correction_prefers_the_fewest_edits_then_the_commoner_word(
    make_library, settings_for
) -> None:
    library = make_library(
        {
            "a.txt": lambda p: write_text(p, "Budget planning and audit trails."),
            "b.txt": lambda p: write_text(p, "Annual budget review."),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    # 'budgt' is one edit from 'budget' and two from 'audit', which sorts first.
    assert search(settings, SearchRequest(text="budgt")).corrected == "budget"
    assert search(settings, SearchRequest(text="Anual budgt")).corrected == "Annual budget"
