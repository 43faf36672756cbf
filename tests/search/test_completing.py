"""The word being typed: in the app the last word may be unfinished, and a word the library
lacks is then read as the start of its words ('secu' finds security), while a finished word
is corrected as before and the command line (which searches what was typed) is unchanged."""

from __future__ import annotations

import pytest

from contentfinder.search.session import SearchRequest, SearchSession
from indexer.pipeline import update_index
from tests.factories import write_docx, write_text


@pytest.fixture
def session(make_library, settings_for):
    library = make_library(
        {
            "Security/Security brief.docx": lambda p: write_docx(
                p, ["Security reviews, SOC 2 and GDPR answers."], title="Security brief"
            ),
            "Security/Secure setup.txt": lambda p: write_text(
                p, "A secure setup for finance teams: security defaults."
            ),
            "Pricing/ROI calculator.txt": lambda p: write_text(
                p, "The ROI calculator shows payback in months."
            ),
            "Pricing/Call notes.txt": lambda p: write_text(p, "ROI questions asked on the call."),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    with SearchSession(settings) as session:
        yield session


def ids(results) -> list[str]:  # noqa: ANN001
    return [hit.id for hit in results.hits]


def test_an_unfinished_word_finds_the_words_it_begins(session):
    typing = session.search(SearchRequest(text="secu", completing=True))
    assert set(ids(typing)) == {"Security/Security brief.docx", "Security/Secure setup.txt"}
    assert typing.missing == () and typing.corrected is None  # nothing to tell the rep
    reasons = {m.reason for hit in typing.hits for m in hit.matches}
    assert reasons == {"completion"}
    # A word in one asset only is still a word of the library.
    assert ids(session.search(SearchRequest(text="gdp", completing=True))) == [
        "Security/Security brief.docx"
    ]


def test_the_command_line_and_a_finished_word_are_searched_as_typed(session):
    assert session.search(SearchRequest(text="secu")).missing == ("secu",)
    assert session.search(SearchRequest(text="secu ", completing=True)).missing == ("secu",)


def test_the_word_being_typed_is_completed_before_it_is_corrected(session):
    """'calc' is a few letters from 'call': while it is being typed it is 'calculator'."""
    typing = session.search(SearchRequest(text="roi calc", completing=True))
    assert ids(typing)[0] == "Pricing/ROI calculator.txt" and typing.corrected is None
    typed = session.search(SearchRequest(text="roi calc"))
    assert typed.corrected == "roi call"


def test_two_letters_are_not_completed_and_known_words_stay_themselves(session):
    assert session.search(SearchRequest(text="se", completing=True)).total == 0
    secure = session.search(SearchRequest(text="secure", completing=True))
    assert {m.matched for hit in secure.hits for m in hit.matches} == {"secure"}
