"""The window of candidates ranking looks at again (proximity, versions): the best of the
scored assets, full matches first, ties to the lower document number."""

from __future__ import annotations

import heapq

# An asset of another content type than the query names, that only says the type's words
# (ranking.CONTENT_TYPE_BOOST): its score counts a tenth, so it comes last.
OTHER_TYPE_SHARE = 0.1


def best_window(
    window: int,
    scored: frozenset[int],
    full: frozenset[int],
    share: dict[int, float],
    scores: dict[int, float],
) -> list[tuple[int, float, int]]:
    """The best `window` of `scored` as (1 for a full match else 0, score, docnum): full
    matches first, then by score, each score scaled by the share of the query's rarity the
    asset covers (so one with only a common word of a sentence ranks below one with most of
    it); ties go to the lower document number."""
    if share or not full.issuperset(scored):

        def adjusted(docnum: int) -> float:
            covers = share.get(docnum, 1.0 if docnum in full else OTHER_TYPE_SHARE)
            return scores.get(docnum, 0.0) * covers

        best = heapq.nlargest(window, ((int(d in full), adjusted(d), -d) for d in scored))
        return [(n, score, -negated) for n, score, negated in best]
    # Every one a full match at its own score (most searches): the window's lowest score is
    # found among the scores alone, and only those at or above it are ordered.
    values = scores if len(scores) == len(scored) else {d: scores.get(d, 0.0) for d in scored}
    if len(values) > window:
        lowest = heapq.nlargest(window, values.values())[-1]
        kept = [(d, score) for d, score in values.items() if score >= lowest]
    else:
        kept = list(values.items())
    kept.sort(key=lambda item: (-item[1], item[0]))
    return [(1, score, docnum) for docnum, score in kept[:window]]
