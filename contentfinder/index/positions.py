"""Where each term stands in a text field, as the index stores it: positions as fixed-width
little-endian 32-bit integers, one after another, in each posting.

Whoosh's own Positions format pickles the gaps between positions. Reading those back meant a
pickle per document, so a phrase of common words was checked document by document in Python:
about 2.5 µs per document and word pair, 100 ms at 50,000 assets. Stored fixed-width, a
term's positions in a whole segment are one array (`compact_postings` keeps each term's run
of postings together) that numpy reads without copying (`search.phrases`).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable

from whoosh.formats import Positions

POSITION_BYTES = 4
_SWAPPED = sys.byteorder != "little"  # stored little-endian whatever the machine
assert array("I").itemsize == POSITION_BYTES, "an unsigned int of another width"


def encode_positions(places: Iterable[int]) -> bytes:
    """A posting's value for a term standing at `places` (sorted)."""
    values = array("I", places)
    if _SWAPPED:
        values.byteswap()
    return values.tobytes()


def decode_positions(value: bytes) -> array:
    """The positions `encode_positions` stored (a value not a whole number of them is cut)."""
    values = array("I")
    values.frombytes(value[: len(value) - len(value) % POSITION_BYTES])
    if _SWAPPED:
        values.byteswap()
    return values


class FixedPositions(Positions):
    """Whoosh's Positions format, storing positions fixed-width (the schema's text fields).
    Whoosh's own phrase queries and matchers read them through these methods."""

    def encode(self, poslist: Iterable[int]) -> bytes:  # type: ignore[override]
        return encode_positions(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:  # type: ignore[override]
        return decode_positions(valuestring).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:  # type: ignore[override]
        return len(valuestring) // POSITION_BYTES
