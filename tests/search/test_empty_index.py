"""An index no run has committed to yet (the first run still reading the library, or killed
before its first commit): searches answer "nothing yet" cleanly, and a session opened then
sees the assets once a run commits."""

from __future__ import annotations

import pytest

from contentfinder.index.schema import open_for_writing
from contentfinder.search.session import SearchRequest, SearchSession, UnknownAsset, search
from indexer.pipeline import update_index
from tests.factories import write_text


@pytest.fixture
def settings(make_library, settings_for):
    library = make_library(
        {
            "quota.txt": lambda p: write_text(p, "Quota attainment for the sales team."),
            "pipeline.txt": lambda p: write_text(p, "Pipeline velocity and quota coverage."),
        }
    )
    settings = settings_for(library)
    open_for_writing(settings.index_dir)  # created, never committed: as a killed first run
    return settings


def test_a_search_before_the_first_commit_finds_nothing_without_error(settings) -> None:
    for text in ("quota", "", '"quota attainment"', "quota -pipeline", "persona:CFO"):
        results = search(settings, SearchRequest(text=text))
        assert (results.total, results.hits) == (0, ()), text
        assert all(n == 0 for counts in results.facets.values() for n in counts.values())


def test_a_session_opened_before_the_first_commit_works_once_a_run_commits(settings) -> None:
    with SearchSession(settings) as session:
        assert session.asset_count == 0  # the app shows "the library is being read"
        assert session.search(SearchRequest(text="quota")).hits == ()
        assert session.suggest("quo") == []
        assert session.hit("quota.txt") is None
        with pytest.raises(UnknownAsset):
            session.similar("quota.txt")
        session.warm_up()

        assert update_index(settings, workers=1).added == 2
        assert session.asset_count == 2
        found = session.search(SearchRequest(text="quota"))
        assert {h.id for h in found.hits} == {"quota.txt", "pipeline.txt"}
        assert session.hit("quota.txt") is not None
        assert [s.label for s in session.suggest("quo") if s.kind == "word"] == ["quota"]


def test_a_killed_first_run_then_a_search_then_a_full_run(settings) -> None:
    assert search(settings, SearchRequest(text="quota")).total == 0
    assert update_index(settings, workers=1).added == 2
    assert search(settings, SearchRequest(text="quota")).total == 2
