"""Document sets combined without copies: the same documents as the set operators, and the
very set back where nothing needs combining."""

from __future__ import annotations

from contentfinder.search.docsets import EMPTY, all_of, any_of

EVENS = frozenset(range(0, 1000, 2))
THIRDS = frozenset(range(0, 1000, 3))
FEW = frozenset({0, 6, 7, 600, 999})


def test_all_of_is_the_intersection_whatever_the_order() -> None:
    assert all_of(EVENS, [THIRDS, FEW]) == EVENS & THIRDS & FEW == {0, 6, 600}
    assert all_of(FEW, [EVENS, THIRDS]) == {0, 6, 600}
    assert all_of(EVENS, [EMPTY]) == EMPTY


def test_all_of_nothing_else_is_the_set_itself() -> None:
    assert all_of(EVENS) is EVENS
    assert all_of(EVENS, [EVENS]) is EVENS  # the set with itself, as a filter that is `live`


def test_any_of_is_the_union_and_one_set_is_itself() -> None:
    assert any_of([EVENS, FEW]) == EVENS | FEW
    assert any_of([EVENS]) is EVENS
    assert any_of([EMPTY, EVENS, EMPTY]) is EVENS
    assert any_of(iter([FEW])) is FEW  # any iterable, read once
    assert any_of([]) == EMPTY
