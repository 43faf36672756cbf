"""What the search box offers as a rep types, on real indexed files: tag values in words,
titles, and whole words found with the words typed before them, never a filler word."""

from __future__ import annotations

import pytest

from contentfinder.search.autocomplete import UNWANTED_WORDS
from contentfinder.search.session import SearchRequest, SearchSession
from contentfinder.text import fold
from indexer.pipeline import update_index
from tests.factories import write_text


def _md(title: str, tags: str, body: str):  # noqa: ANN202 - a writer for make_library
    return lambda p: write_text(p, f"---\ntitle: {title}\n{tags}\n---\n{body}\n")


@pytest.fixture
def session(make_library, settings_for):
    library = make_library(
        {
            "Security/Audit.md": _md(
                "Security audit brief",
                "pain: security compliance\npersona: CISO",
                "Our security audit might take a second look at the controls. First, the "
                "auditors also check encryption. The CFO signs off.",
            ),
            "Security/Controls.md": _md(
                "Controls overview",
                "pain: security compliance",
                "The security controls might also be reviewed a second time, seconds after "
                "the first alert. The CFO asks for the audit. Retention of logs for the "
                "migration of keys.",
            ),
            "Migration/Plan.md": _md(
                "Migration plan",
                "pain: legacy migration",
                "The migration might run for a second quarter; first the data, also the "
                "payroll rollout. Costing the migration: cost per seat.",
            ),
            "Payroll/Rollout.md": _md(
                "Payroll rollout checklist",
                "persona: CFO",
                "The payroll rollout takes a weekend. Costs by plan: the cost is fixed.",
            ),
            "Retention/Story.md": _md(
                "How Acme cut churn",
                "persona: VP Sales",
                "Retention rose. Retention matters more than renewal.",
            ),
            "Retention/Renewals.md": _md(
                "Renewal playbook",
                "persona: VP Sales",
                "Retention and renewal: retention first, more renewal.",
            ),
            "Retention/Churn.md": _md(
                "Churn notes", "persona: VP Sales", "Retention, renewal, more churn."
            ),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    with SearchSession(settings) as session:
        yield session


def _words(session: SearchSession, typed: str) -> list[str]:
    return [s.text for s in session.suggest(typed) if s.kind == "word"]


def test_tag_values_are_offered_as_the_words_a_rep_types(session) -> None:
    typed = ("cf", "chief fin", "security c", "audit security c", "legacy m", "sec", "mig")
    offered = [s for t in typed for s in session.suggest(t)]
    assert not [s.text for s in offered if ":" in s.text]  # no facet:value syntax
    tags = {s.text: (s.label, s.facet) for s in offered if s.kind == "tag"}
    assert tags["CFO "] == ("CFO", "persona")
    assert tags["chief financial officer "] == ("chief financial officer (CFO)", "persona")
    assert tags["security compliance "] == ("security compliance", "pain")
    assert tags["audit security compliance "] == ("audit security compliance", "pain")
    assert tags["legacy migration "] == ("legacy migration", "pain")
    # After other words one letter is too little to guess a tag by; two are enough.
    assert "tag" not in [s.kind for s in session.suggest("audit s")]
    assert session.suggest("audit se")[0].text == "audit security compliance "
    # The words find the tagged assets, through the taxonomy's terms.
    for text, tagged in (
        ("chief financial officer ", "Payroll/Rollout.md"),
        ("security compliance ", "Security/Controls.md"),
    ):
        hits = session.search(SearchRequest(text=text)).hits
        assert tagged in [h.id for h in hits], text


def test_one_suggestion_per_text_the_box_would_hold(session) -> None:
    for typed in ("cf", "cfo", "security c", "mig", "payroll r", "ret"):
        texts = [" ".join(fold(s.text).split()) for s in session.suggest(typed)]
        assert len(texts) == len(set(texts)), typed
        assert fold(typed) not in texts, typed  # nothing that holds what is typed already
    assert [s.kind for s in session.suggest("cf")] == ["tag"]  # CFO, not also the word cfo


def test_no_filler_word_is_ever_offered(session) -> None:
    typed = ["mi", "mig", "se", "sec", "fi", "fir", "al", "ta", "security mi", "the se"]
    offered = {t: _words(session, t) for t in typed}
    completed = {t: [w.split()[-1] for w in words] for t, words in offered.items()}
    assert not {
        t: [w for w in words if w in UNWANTED_WORDS]
        for t, words in completed.items()
        if any(w in UNWANTED_WORDS for w in words)
    }
    assert not [w for words in completed.values() for w in words if w == "seconds"]
    # The library's real words with those letters still come.
    assert "migration" in completed["mi"] and "security" in completed["se"]


def test_a_word_after_earlier_words_is_one_found_with_them(session) -> None:
    assert _words(session, "r") == ["retention", "renewal", "rollout"]  # most common first
    assert _words(session, "payroll r") == ["payroll rollout"]  # retention is never with payroll
    assert _words(session, "Retention re") == ["Retention renewal"]  # the box keeps what was typed
    assert _words(session, "renewal ro") == []  # rollout is never with renewal
    # Filler typed before says nothing of what goes with it: 'more' is never with 'rollout'.
    assert _words(session, "more ro") == ["more rollout"]


def test_a_word_is_offered_in_its_plain_form(session) -> None:
    assert _words(session, "cos") == ["cost"]  # not 'costing' nor 'costs'


def test_titles_are_still_offered(session) -> None:
    def titles(typed: str) -> list[str]:
        return [s.text for s in session.suggest(typed) if s.kind == "title"]

    assert titles("migration pl") == ["Migration plan"]
    assert titles("how acme") == ["How Acme cut churn"]  # a title's filler word matches too
    assert titles("payroll") == ["Payroll rollout checklist"]
    [title] = [s for s in session.suggest("renewal pl") if s.kind == "title"]
    assert (title.text, title.asset_id) == ("Renewal playbook", "Retention/Renewals.md")
