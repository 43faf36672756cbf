"""Bitsets of documents (what facet counts are made of) hold exactly the documents given."""

from __future__ import annotations

import random

import pytest

from contentfinder.search.docbits import bits_of, union_bits


def shifted(docs: set[int]) -> int:
    return sum(1 << d for d in docs)


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 64, 65, 5000])
def test_a_bitset_has_the_bit_of_each_document_and_no_other(size: int) -> None:
    rng = random.Random(size)
    for docs in (set(), set(range(size)), set(rng.sample(range(size), size // 3))):
        bits = bits_of(docs, size)
        assert bits == shifted(docs)
        assert bits.bit_count() == len(docs)


def test_the_last_document_is_the_highest_bit_and_one_past_it_is_refused() -> None:
    assert bits_of([9], 10) == 1 << 9
    with pytest.raises(IndexError):
        bits_of([10], 10)


def test_and_and_union_count_what_sets_would() -> None:
    rng = random.Random(7)
    a, b, c = (set(rng.sample(range(3000), 900)) for _ in range(3))
    bits = {name: bits_of(docs, 3000) for name, docs in (("a", a), ("b", b), ("c", c))}
    assert (bits["a"] & bits["b"]).bit_count() == len(a & b)
    assert union_bits(bits.values()).bit_count() == len(a | b | c)
    assert union_bits([]) == 0
