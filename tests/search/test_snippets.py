"""Snippets mark whole words that analyse to the query's terms, in the densest passage."""

from __future__ import annotations

from contentfinder.index.extracted import Extracted, Segment
from contentfinder.index.joined_text import JoinedText
from contentfinder.index.schema import build_schema
from contentfinder.search.snippets import SnippetSource, make_snippet, term_finder

TERM_OF = term_finder(build_schema()["body"].analyzer)


def snippet(text_by_page: list[str], *words: str):
    extracted = Extracted(segments=tuple(Segment(t, n) for n, t in enumerate(text_by_page, 1)))
    terms = frozenset(TERM_OF(w) for w in words)
    return make_snippet(SnippetSource(JoinedText.of(extracted)), terms, TERM_OF)


def test_marks_inflected_forms_but_not_words_that_merely_contain_the_term() -> None:
    found = snippet(
        ["Our report covers ports. Integrations & an integration: the Port team."],
        "port",
        "integration",
    )
    assert "re<b>port</b>" not in found.html
    assert "<b>ports</b>" in found.html and "<b>Port</b>" in found.html
    assert "<b>Integrations</b>" in found.html and "<b>integration</b>" in found.html
    assert "&amp;" in found.html  # the rest is escaped


def test_prefers_the_passage_with_most_distinct_terms_and_names_its_page() -> None:
    pages = ["Security " * 40, "filler " * 60, "A security review with SOC controls and audit."]
    found = snippet(pages, "security", "audit")
    assert found.location == 3
    assert "<b>audit</b>" in found.html


def test_without_matches_the_opening_is_shown() -> None:
    found = snippet(["First words of the deck.", "More."], "absent")
    assert found.html.startswith("First words of the deck.")
    assert found.location == 1


def test_a_phrase_is_marked_only_whole_even_after_its_words_stood_alone_many_times() -> None:
    extracted = Extracted(
        segments=(Segment("Our chief aim is speed. " * 70 + "Ask the chief financial officer."),)
    )
    phrase = tuple(TERM_OF(w) for w in ("chief", "financial", "officer"))
    found = make_snippet(
        SnippetSource(JoinedText.of(extracted)), frozenset(), TERM_OF, frozenset({phrase})
    )
    assert "<b>chief</b> <b>financial</b> <b>officer</b>" in found.html
    assert "<b>chief</b> aim" not in found.html


def test_a_text_opening_with_the_title_is_shown_from_after_it() -> None:
    extracted = Extracted(
        segments=(Segment("The Month-End  Close\nPlaybook\nIntroduction: every team closes."),),
        title="",
    )
    found = make_snippet(
        SnippetSource(JoinedText.of(extracted)),
        frozenset(),
        TERM_OF,
        title="the month-end close playbook",
    )
    assert found.html.startswith("Introduction: every team closes.")
    # A title's first part counts when it is the whole first line, a heading ...
    heading = Extracted(segments=(Segment("Bluewater Credit Union\nOverview of the bank."),))
    found = make_snippet(
        SnippetSource(JoinedText.of(heading)),
        frozenset(),
        TERM_OF,
        title="Bluewater Credit Union: 90 days",
    )
    assert found.html.startswith("Overview of the bank.")
    # ... never when the sentence goes on, and a match in the title is not marked twice.
    sentence = Extracted(segments=(Segment("Kestrel Freight automates audits. Freight costs."),))
    found = make_snippet(
        SnippetSource(JoinedText.of(sentence)),
        frozenset({TERM_OF("freight")}),
        TERM_OF,
        title="Kestrel Freight: audits",
    )
    assert found.html.startswith("Kestrel <b>Freight</b> automates")
    titled = Extracted(segments=(Segment("ROI guide\nROI for CFOs."),), title="ROI guide")
    found = make_snippet(SnippetSource(JoinedText.of(titled)), frozenset({TERM_OF("roi")}), TERM_OF)
    assert found.html == "<b>ROI</b> for CFOs."


def test_a_text_that_is_its_title_alone_is_still_shown() -> None:
    alone = Extracted(segments=(Segment("A note for the CFO."),))
    found = make_snippet(
        SnippetSource(JoinedText.of(alone)),
        frozenset({TERM_OF("cfo")}),
        TERM_OF,
        title="A note for the CFO.",
    )
    assert found.html == "A note for the <b>CFO</b>."


def test_words_are_found_in_any_case_in_a_text_with_other_letters_than_ascii() -> None:
    # ASCII words are found in the text's ASCII letters lower-cased (a fast path), words of
    # other letters in the whole text lower-cased: each must still find every case.
    found = snippet(
        ["Über uns: PRICING für Teams. ПРОДАЖИ и продажи, Pricing."], "pricing", "продажи"
    )
    assert "<b>PRICING</b>" in found.html and "<b>Pricing</b>" in found.html
    assert "<b>ПРОДАЖИ</b>" in found.html and "<b>продажи</b>" in found.html


def test_a_word_written_with_accents_is_marked_for_its_plain_spelling() -> None:
    # The index folds accents ('Zürich' is zurich), so a rep typing either finds the asset:
    # its snippet marks the word as the text writes it.
    text = ["Our teams in Zürich and ZÜRICH run the Café Crème pilot; see the résumé."]
    assert "<b>Zürich</b>" in snippet(text, "zurich").html
    assert "<b>ZÜRICH</b>" in snippet(text, "Zürich").html
    assert "<b>Café</b>" in snippet(text, "cafe").html
    assert "<b>résumé</b>" in snippet(text, "resume").html
