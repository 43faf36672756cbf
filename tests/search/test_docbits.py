"""Bitsets of documents (what facet counts and the ranking's matching are made of) hold
exactly the documents given, made in plain Python or with numpy."""

from __future__ import annotations

import random
from array import array

import pytest

from contentfinder.search.docbits import DocBits, bits_of, has, intersection_bits, union_bits


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


@pytest.fixture(params=["python", "numpy"])
def doc_bits(request) -> DocBits:
    made = DocBits(5003)
    if request.param == "numpy":
        import numpy

        made.use_numpy(numpy)
    return made


def test_runs_of_segments_become_the_bits_of_their_documents(doc_bits: DocBits) -> None:
    rng = random.Random(11)
    first = sorted(rng.sample(range(3000), 700))
    second = sorted(rng.sample(range(2003), 500))
    runs = [(0, array("I", first)), (3000, memoryview(array("H", second))), (4000, [])]
    bits = doc_bits.of_runs(runs)
    expected = set(first) | {3000 + d for d in second}
    assert bits == shifted(expected)
    assert doc_bits.members(bits) == sorted(expected)
    assert doc_bits.of(expected) == bits
    assert doc_bits.members(0) == [] and doc_bits.of([]) == 0
    assert doc_bits.members(1 << 5002) == [5002]  # the last document


def test_a_mask_and_back_is_the_same_bitset() -> None:
    import numpy

    doc_bits = DocBits(77)
    doc_bits.use_numpy(numpy)
    bits = shifted({0, 8, 9, 63, 64, 76})
    mask = doc_bits.mask(bits)
    assert mask.dtype == bool and len(mask) == 77
    assert numpy.flatnonzero(mask).tolist() == [0, 8, 9, 63, 64, 76]
    assert doc_bits.of_mask(mask) == bits


def test_has_and_intersection_answer_as_sets_would() -> None:
    bits = shifted({3, 500})
    assert has(bits, 3) and has(bits, 500) and not has(bits, 4) and not has(bits, 10_000)
    assert intersection_bits(bits, [shifted({3, 7}), shifted({3, 500})]) == shifted({3})
    assert intersection_bits(bits, []) == bits
