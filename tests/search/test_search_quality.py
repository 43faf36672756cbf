"""What a rep notices about search quality, on real indexed files: facet:value in the query,
stemming and accents, typos, synonyms, ranking order, versions, reasons, autocomplete and
more-like-this."""

from __future__ import annotations

from datetime import date

import pytest

from contentfinder.search.session import SearchRequest, SearchSession, UnknownAsset
from indexer.pipeline import update_index
from tests.factories import write_docx, write_pdf, write_pptx, write_text

TODAY = date(2026, 11, 23)


@pytest.fixture
def library(make_library, settings_for):
    library = make_library(
        {
            "Guides/Integration Guide.docx": lambda p: write_docx(
                p,
                ["Our integration with every major ERP takes two weeks.", "Décision rapide."],
                title="ERP integration guide",
                keywords="CIO; stage: consideration",
            ),
            "Pricing/TCO Calculator.pdf": lambda p: write_pdf(
                p,
                ["The TCO calculator compares three-year costs.", "TCO assumptions by plan."],
                title="TCO calculator",
                keywords="CFO; decision; cost reduction",
            ),
            "Pricing/Cost of ownership.txt": lambda p: write_text(
                p, "What the total cost of ownership of a finance platform includes."
            ),
            "Security/Compliance brief.docx": lambda p: write_docx(
                p,
                ["Our compliance program: SOC 2 Type II audited yearly, GDPR ready."],
                title="Compliance brief",
                keywords="CISO; consideration",
            ),
            "Security/Cybersecurity overview.pptx": lambda p: write_pptx(
                p,
                ["Agenda", "Information security and compliance: how we protect data, audited"],
                title="Security overview deck",
                keywords="CISO, CIO",
            ),
            "Decks/Price list 2024.txt": lambda p: write_text(
                p, "Price list 2024. Platform seats and support plans for the year."
            ),
            "Decks/Price list 2025.txt": lambda p: write_text(
                p, "Price list 2025. Platform seats and support plans for the year."
            ),
            "Case Studies/Retention story.md": lambda p: write_text(
                p, "---\ntitle: How Acme cut churn\npersona: CFO\n---\nCustomer churn fell 30%."
            ),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


@pytest.fixture
def session(library):
    with SearchSession(library) as session:
        yield session


def ids(session: SearchSession, text: str, **kwargs) -> list[str]:
    return [h.id for h in session.search(SearchRequest(text=text, today=TODAY, **kwargs)).hits]


# -- query understanding -------------------------------------------------------------------


def test_facet_value_in_the_query_filters_like_the_facet_panel(session) -> None:
    typed = session.search(SearchRequest(text="persona:cfo calculator", today=TODAY))
    assert [h.id for h in typed.hits] == ["Pricing/TCO Calculator.pdf"]
    assert typed.filters == {"persona": ("CFO",)}
    assert typed.hits[0].filters_met == {"persona": ("CFO",)}
    # A synonym, quoted, names the same value; the facet's counts ignore its own selection.
    quoted = session.search(
        SearchRequest(text='persona:"chief financial officer" calculator', today=TODAY)
    )
    assert [h.id for h in quoted.hits] == ["Pricing/TCO Calculator.pdf"]
    assert quoted.facets["persona"]["CISO"] == 0 and quoted.facets["persona"]["CFO"] == 1


def test_a_name_colon_value_that_is_no_facet_is_read_as_words(session) -> None:
    assert ids(session, "note:compliance")[0] == "Security/Compliance brief.docx"
    # A known facet with an unknown value: the value is a word to look for.
    assert ids(session, "persona:compliance")[0] == "Security/Compliance brief.docx"


def test_stemming_and_accents(session) -> None:
    assert ids(session, "integrations") == ["Guides/Integration Guide.docx"]
    found = session.search(SearchRequest(text="decision rapide", today=TODAY))
    assert [h.id for h in found.hits if h.full] == ["Guides/Integration Guide.docx"]


# -- typos ---------------------------------------------------------------------------------


def test_a_misspelt_word_finds_its_asset_and_says_how_it_was_read(session) -> None:
    results = session.search(SearchRequest(text="complience", today=TODAY))
    assert [h.id for h in results.hits] == [
        "Security/Compliance brief.docx",
        "Security/Cybersecurity overview.pptx",
    ]
    assert results.corrected == "compliance"
    [match] = results.hits[0].matches
    assert (match.typed, match.matched, match.reason) == ("complience", "compliance", "correction")


def test_correct_words_are_not_fuzzed(session) -> None:
    # 'seats' is in the library: it is looked for as typed, never as a neighbouring word.
    results = session.search(SearchRequest(text="seats", today=TODAY))
    assert results.corrected is None
    assert all(m.reason == "typed" for h in results.hits for m in h.matches)
    assert ids(session, "seats") == ["Decks/Price list 2025.txt", "Decks/Price list 2024.txt"]


def test_a_misspelt_synonym_finds_what_it_means(session) -> None:
    # 'cybersecurty' is one edit from 'cybersecurity', a built-in synonym of information
    # security, which the deck says.
    assert "Security/Cybersecurity overview.pptx" in ids(session, "cybersecurty")


def test_did_you_mean_only_when_the_correction_finds_something(session) -> None:
    results = session.search(SearchRequest(text="qqqzzzx", today=TODAY))
    assert results.total == 0 and results.corrected is None and results.missing == ("qqqzzzx",)


# -- synonyms ------------------------------------------------------------------------------


def test_an_acronym_finds_its_expansion_ranked_below_the_literal(session) -> None:
    assert ids(session, "tco") == ["Pricing/TCO Calculator.pdf", "Pricing/Cost of ownership.txt"]
    [hit] = [h for h in session.search(SearchRequest(text="tco", today=TODAY)).hits][1:]
    assert [(m.matched, m.reason) for m in hit.matches] == [("total cost of ownership", "synonym")]
    # And the other way round: the words find the acronym.
    assert ids(session, "total cost of ownership")[0] == "Pricing/Cost of ownership.txt"
    assert "Pricing/TCO Calculator.pdf" in ids(session, "total cost of ownership")


def test_letters_and_digits_written_together_find_them_apart(session) -> None:
    assert ids(session, "soc2") == ["Security/Compliance brief.docx"]


def test_the_library_adds_its_own_synonyms_and_a_broken_file_is_reported(
    library, make_library
) -> None:
    synonyms = library.library / "synonyms.toml"
    synonyms.write_text('groups = [["rate card", "price list"]]\n', encoding="utf-8")
    with SearchSession(library) as session:
        assert session.problems == ()
        assert "Decks/Price list 2025.txt" in ids(session, "rate card")
    synonyms.write_text("groups = [[", encoding="utf-8")
    with SearchSession(library) as session:
        [problem] = session.problems
        assert str(synonyms) in problem and "not valid TOML" in problem
        assert ids(session, "tco")[0] == "Pricing/TCO Calculator.pdf"  # built-ins still work


def test_taxonomy_synonyms_reach_tagged_assets(session) -> None:
    # 'bottom of funnel' is nowhere in the text; the test taxonomy makes it the decision stage.
    assert ids(session, "bofu calculator") == ["Pricing/TCO Calculator.pdf"]


# -- ranking -------------------------------------------------------------------------------


def test_words_standing_together_rank_above_scattered_ones(make_library, settings_for) -> None:
    library = make_library(
        {
            "apart.txt": lambda p: write_text(p, "Data you own. Migration plans. Zero downtime."),
            "together.txt": lambda p: write_text(p, "Data migration with zero downtime."),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    with SearchSession(settings) as session:
        assert ids(session, "data migration downtime") == ["together.txt", "apart.txt"]


def test_a_sentence_finds_its_asset_without_every_word(session) -> None:
    found = ids(session, "how do we explain what the total cost of ownership includes")
    assert found[0] == "Pricing/Cost of ownership.txt"


def test_the_newer_version_of_a_title_ranks_first_unless_the_year_is_asked_for(
    session, library
) -> None:
    assert ids(session, "price list") == ["Decks/Price list 2025.txt", "Decks/Price list 2024.txt"]
    assert ids(session, "price list 2024")[0] == "Decks/Price list 2024.txt"


# -- why it matched ------------------------------------------------------------------------


def test_each_hit_says_which_words_matched_where(session) -> None:
    [hit] = session.search(SearchRequest(text="erp guide", today=TODAY)).hits
    assert [(m.typed, m.fields) for m in hit.matches] == [
        ("erp", ("title", "body")),
        ("guide", ("title",)),
    ]
    assert hit.explain() == "erp in title, text; guide in title"
    assert "<b>ERP</b>" in hit.snippet


def test_a_synonym_is_marked_in_the_snippet_where_the_asset_says_it(session) -> None:
    [hit] = [h for h in session.search(SearchRequest(text="tco", today=TODAY)).hits][1:]
    assert "<b>total</b> <b>cost</b> of <b>ownership</b>" in hit.snippet


# -- autocomplete --------------------------------------------------------------------------


def test_autocomplete_offers_tags_titles_and_words(session) -> None:
    offered = session.suggest("cf")
    assert (offered[0].kind, offered[0].facet, offered[0].label) == ("tag", "persona", "CFO")
    assert offered[0].text == "CFO "  # the words a rep types, not persona:CFO
    titles = [s.text for s in session.suggest("tco") if s.kind == "title"]
    assert titles == ["TCO calculator"]
    words = [s.text for s in session.suggest("Price list 20") if s.kind == "word"]
    assert words == []  # numbers are no words to complete
    # Words that complete the last one, found with the words before it; one form per word.
    completions = [s.text for s in session.suggest("support pl") if s.kind == "word"]
    assert completions == ["support plan", "support platform"]
    assert session.suggest("") == [] and session.suggest("   ") == []


# -- more like this ------------------------------------------------------------------------


def test_more_like_this_finds_the_other_version_first(session) -> None:
    similar = session.similar("Decks/Price list 2025.txt", today=TODAY)
    assert similar[0].hit.id == "Decks/Price list 2024.txt"
    assert "support" in similar[0].shared_words
    security = session.similar("Security/Compliance brief.docx", today=TODAY)
    assert security[0].hit.id == "Security/Cybersecurity overview.pptx"
    assert security[0].shared_tags == {"persona": ("CISO",)}
    assert {"compliance", "audited"} <= set(security[0].shared_words)
    with pytest.raises(UnknownAsset, match="no asset 'nope.pdf'"):
        session.similar("nope.pdf")
