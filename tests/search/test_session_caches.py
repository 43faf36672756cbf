"""What a session keeps between searches (decoded assets, texts, snippets, suggestions by
prefix, the freshness check) never hides a change: a commit is seen by the next search, and
a snippet kept for one query is never shown for another."""

from __future__ import annotations

from datetime import date

from contentfinder.search.ranking import FIELD_WEIGHTS, NORMS_PREFIX
from contentfinder.search.session import SearchRequest, SearchSession
from contentfinder.search.synonyms import SAVED_PREFIX
from indexer.pipeline import update_index
from tests.factories import write_text

TODAY = date(2026, 11, 23)


def _library(make_library):
    return make_library(
        {
            "roi.md": lambda p: write_text(p, "# ROI guide\n\nReturn on investment for finance."),
            "churn.md": lambda p: write_text(p, "# Churn playbook\n\nRetention and renewals."),
        }
    )


def test_a_commit_is_seen_by_the_next_search_and_suggestion(make_library, settings_for) -> None:
    library = _library(make_library)
    settings = settings_for(library)
    update_index(settings, workers=1)
    with SearchSession(settings) as session:
        assert session.search(SearchRequest(text="pricing", today=TODAY)).total == 0
        assert not [s for s in session.suggest("pricing c") if s.kind == "title"]
        write_text(library / "pricing.md", "# Pricing calculator\n\nPricing for finance teams.")
        update_index(settings, workers=1)
        # At once: well within the interval the folder listing is skipped for.
        found = session.search(SearchRequest(text="pricing", today=TODAY))
        assert [h.id for h in found.hits] == ["pricing.md"]
        assert "Pricing calculator" in [s.text for s in session.suggest("pricing c")]
        assert session.search(SearchRequest(text="quotation", today=TODAY)).total == 0
        write_text(library / "churn.md", "# Churn playbook\n\nA quotation for renewals.")
        update_index(settings, workers=1)
        found = session.search(SearchRequest(text="quotation", today=TODAY))
        assert [h.id for h in found.hits] == ["churn.md"]
        assert "<b>quotation</b>" in found.hits[0].snippet  # the new text, not the kept one


def test_a_kept_snippet_is_the_one_of_its_query(make_library, settings_for) -> None:
    settings = settings_for(_library(make_library))
    update_index(settings, workers=1)
    with SearchSession(settings) as session:
        for _ in range(2):  # the second time from what the session kept
            [roi] = session.search(SearchRequest(text="finance", today=TODAY)).hits
            assert "<b>finance</b>" in roi.snippet
            [roi] = session.search(SearchRequest(text="investment", today=TODAY)).hits
            assert "<b>investment</b>" in roi.snippet and "<b>finance</b>" not in roi.snippet
            roi.tags.clear()  # a hit's own tags: the asset the session keeps is untouched
        [again] = session.search(SearchRequest(text="roi guide", today=TODAY)).hits
        assert again.id == "roi.md"


def test_suggestions_by_prefix_are_those_of_a_fresh_session(make_library, settings_for) -> None:
    settings = settings_for(_library(make_library))
    update_index(settings, workers=1)
    typed = ["r", "re", "ret", "retention r", "retention re", "re", "f", "fi", "roi g", "r"]
    with SearchSession(settings) as session:
        kept = [[s.text for s in session.suggest(t)] for t in typed]
    assert any(kept)
    for text, suggestions in zip(typed, kept, strict=True):
        with SearchSession(settings) as fresh:
            assert [s.text for s in fresh.suggest(text)] == suggestions, text


def test_the_saved_synonyms_are_those_of_the_files_as_they_are_now(
    make_library, settings_for
) -> None:
    library = _library(make_library)
    settings = settings_for(library)
    update_index(settings, workers=1)

    def found(text: str) -> list[str]:
        with SearchSession(settings) as session:  # a new session: the table saved beside
            return [h.id for h in session.search(SearchRequest(text=text, today=TODAY)).hits]

    assert found("zorbix") == []
    (library / "synonyms.toml").write_text('groups = [["zorbix", "churn"]]\n', "utf-8")
    assert found("zorbix") == ["churn.md"]
    [saved] = settings.index_dir.glob(f"{SAVED_PREFIX}*.pickle")
    assert found("zorbix") == ["churn.md"]  # read from what was saved
    assert list(settings.index_dir.glob(f"{SAVED_PREFIX}*.pickle")) == [saved]
    (library / "synonyms.toml").write_text('groups = [["flumph", "investment"]]\n', "utf-8")
    assert found("zorbix") == [] and found("flumph") == ["roi.md"]
    [replaced] = settings.index_dir.glob(f"{SAVED_PREFIX}*.pickle")
    assert replaced != saved  # the older table removed
    replaced.write_bytes(b"not a pickle")
    assert found("flumph") == ["roi.md"]  # a damaged file is made again
    (library / "synonyms.toml").write_text('groups = [["flumph"]]\n', "utf-8")
    with SearchSession(settings) as session:
        assert any("needs two members" in p for p in session.problems)


def test_the_saved_field_norms_are_those_of_the_index_as_it_is(make_library, settings_for) -> None:
    library = _library(make_library)
    settings = settings_for(library)
    update_index(settings, workers=1)

    def ranked(text: str) -> list[tuple[str, float]]:
        with SearchSession(settings) as session:
            hits = session.search(SearchRequest(text=text, today=TODAY)).hits
            return [(h.id, h.score) for h in hits]

    first = ranked("finance")
    [saved] = settings.index_dir.glob(f"{NORMS_PREFIX}*.pickle")
    assert ranked("finance") == first  # from the saved norms: the same scores
    with SearchSession(settings) as session:
        ranker = session._ranker
        assert {f: ranker.norms(f) for f in FIELD_WEIGHTS} == {
            f: ranker._worked_out_norms(f) for f in FIELD_WEIGHTS
        }
    write_text(library / "pricing.md", "# Pricing\n\nPricing for finance teams, in short.")
    update_index(settings, workers=1)
    after = ranked("finance")
    assert sorted(h for h, _ in after) == ["pricing.md", "roi.md"]
    [replaced] = settings.index_dir.glob(f"{NORMS_PREFIX}*.pickle")
    assert replaced != saved  # another generation, another file; the older one removed
    replaced.write_bytes(b"junk")
    assert ranked("finance") == after
