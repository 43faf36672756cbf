"""The window of best candidates: the quick way for a page of full matches (lowest score of the
window first, then only those at or above it ordered) picks exactly what ranking every
candidate by (full match, score, lower document number) does, ties included."""

from __future__ import annotations

import heapq
import random

from contentfinder.search.window import best_window


def _by_every_candidate(window: int, scored, scores) -> list:  # noqa: ANN001
    best = heapq.nlargest(window, ((1, scores.get(d, 0.0), -d) for d in scored))
    return [(n, score, -negated) for n, score, negated in best]


def test_the_quick_window_is_the_full_ranking_s() -> None:
    rng = random.Random(7)
    for trial in range(300):
        size = rng.randint(0, 120)
        docs = rng.sample(range(10_000), size)
        # Few distinct scores: many ties, at the window's edge too.
        scores = {d: rng.choice((0.5, 1.25, 2.0, 3.5, rng.random())) for d in docs}
        scored = frozenset(docs)
        if trial % 3 == 0 and docs:  # a candidate without a score counts as 0
            scored |= {10_001 + trial}
        window = rng.choice((1, 5, 40, 200))
        assert best_window(window, scored, scored, {}, scores) == _by_every_candidate(
            window, scored, scores
        ), trial


def test_partial_matches_are_scaled_by_their_share_and_come_after_full_ones() -> None:
    scores = {1: 10.0, 2: 4.0, 3: 3.0}
    full = frozenset({3})
    got = best_window(40, frozenset(scores), full, {1: 0.2, 2: 0.5}, scores)
    assert got == [(1, 3.0, 3), (0, 2.0, 1), (0, 2.0, 2)]
