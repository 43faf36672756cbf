"""Snippets mark whole words that analyse to the query's terms, in the densest passage."""

from __future__ import annotations

from contentfinder.index.extracted import Extracted, Segment
from contentfinder.index.schema import build_schema
from contentfinder.search.snippets import SnippetSource, make_snippet, term_finder

TERM_OF = term_finder(build_schema()["body"].analyzer)


def snippet(text_by_page: list[str], *words: str):
    extracted = Extracted(segments=tuple(Segment(t, n) for n, t in enumerate(text_by_page, 1)))
    terms = frozenset(TERM_OF(w) for w in words)
    return make_snippet(SnippetSource(extracted), terms, TERM_OF)


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
    found = make_snippet(SnippetSource(extracted), frozenset(), TERM_OF, frozenset({phrase}))
    assert "<b>chief</b> <b>financial</b> <b>officer</b>" in found.html
    assert "<b>chief</b> aim" not in found.html
