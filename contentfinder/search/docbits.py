"""Sets of documents as bitsets, for counting: one Python int with bit d set for document d.

ANDing two of them and counting the bits takes microseconds at 50,000 documents, where
intersecting two frozensets of tens of thousands took milliseconds: a search's facet counts
were about a fifth of its time at that size. Ranking keeps frozensets, which it iterates.
"""

from __future__ import annotations

from collections.abc import Iterable

# One byte per document (0 or 1), read as binary digits: int(digits, 2) builds the bitset in
# one linear pass, where OR-ing shifted ones would copy the growing int once per document.
_FLAGS_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def bits_of(docs: Iterable[int], size: int) -> int:
    """The bitset of `docs`, document numbers below `size`."""
    flags = bytearray(size)
    for docnum in docs:
        flags[docnum] = 1
    return int(flags.translate(_FLAGS_AS_DIGITS)[::-1], 2) if size else 0


def union_bits(bitsets: Iterable[int]) -> int:
    found = 0
    for bits in bitsets:
        found |= bits
    return found
