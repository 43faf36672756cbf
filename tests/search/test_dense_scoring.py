"""Scoring many candidates with numpy arrays gives the same results, to the last bit of every
score, as scoring them in dicts: every judged query of the sample and held-out sets (words,
sentences, phrases, synonyms of runs of words, content types, facets, exclusions), searched
both ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.relevance.relevance import (
    HELDOUT,
    HELDOUT_JUDGED_ON,
    JUDGED_ON,
    build_heldout,
    load_judgments,
)
from contentfinder.config import Settings
from contentfinder.search import ranking, scoring
from contentfinder.search.session import SearchRequest, SearchSession
from indexer.pipeline import update_index

REPO = Path(__file__).resolve().parents[2]
SAMPLE_LIBRARY = REPO / "resources" / "sample-library"
BENCHMARK = REPO / "benchmarks" / "relevance"


@pytest.fixture(scope="module", params=["sample", "heldout"])
def judged(request, tmp_path_factory) -> tuple[Settings, list[SearchRequest]]:
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "sample":
        library = root / "library"
        shutil.copytree(SAMPLE_LIBRARY, library)
        paths, today = [BENCHMARK / "judgments.toml"], JUDGED_ON
    else:
        library = build_heldout(root)
        paths = [HELDOUT / "judgments.toml", HELDOUT / "validation.toml"]
        today = HELDOUT_JUDGED_ON
    settings = Settings(library=library, home=root / "home")
    update_index(settings, workers=1)
    texts = dict.fromkeys(q.text for path in paths for q in load_judgments(path))
    requests = [SearchRequest(text=text, limit=20, today=today) for text in texts]
    return settings, requests


def searched(settings: Settings, requests: list[SearchRequest], *, warm: bool) -> list[object]:
    with SearchSession(settings) as session:
        if warm:
            session.warm_up()
        return [session.search(request) for request in requests]


def test_dense_scoring_finds_what_dict_scoring_finds(judged, monkeypatch) -> None:
    settings, requests = judged
    window = scoring.dense_window
    in_dicts = searched(settings, requests, warm=False)  # as a one-shot search scores
    dense = []
    monkeypatch.setattr(ranking, "dense_window", lambda *a: dense.append(1) or window(*a))
    in_arrays = searched(settings, requests, warm=True)  # every search with arrays
    assert len(dense) > len(requests) * 0.8
    assert sum(bool(r.hits) for r in in_dicts) > len(requests) * 0.8
    assert len({h.score for r in in_dicts for h in r.hits}) > 100  # scores, not ties
    for request, one, other in zip(requests, in_dicts, in_arrays, strict=True):
        assert one == other, request.text
