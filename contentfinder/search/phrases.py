"""Phrases: which documents have a phrase's terms standing one right after another, worked
out for every position of each term at once with numpy.

Each term's positions become one sorted array of keys, a document's number in the high 32
bits and the position in the low ones. A phrase is then a few array lookups: the keys of the
first term plus one, found among the second's, plus one, found among the third's. Done
document by document in Python this cost about 2.5 µs per document and word pair: a phrase of
common words ('security review') was 10-35 ms at 5,000 assets and about 100 ms at 50,000.

numpy is imported with this module, which ranking imports when a phrase is first checked: a
one-shot search without one does not wait for it (a session imports it when it warms up).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from contentfinder.index.positions import POSITION_BYTES
from contentfinder.index.term_reader import PlacesRun
from contentfinder.search.numeric import np

_DOC_SHIFT = np.uint64(32)
_POSITION_BITS = np.uint64(0xFFFFFFFF)
_POSITION = np.dtype("<u4")  # how `positions.encode_positions` stores them
NO_KEYS = np.empty(0, dtype=np.uint64)


def run_keys(runs: Iterable[PlacesRun]) -> np.ndarray:
    """A term's keys (document << 32 | position), sorted, from its runs of positions."""
    parts = [_keys(run) for run in runs]
    parts = [p for p in parts if len(p)]
    if not parts:
        return NO_KEYS
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def places_keys(places: Mapping[int, bytes]) -> np.ndarray:
    """A term's keys from its encoded positions per document (some documents' only)."""
    return _keys(PlacesRun.of(places))


def standing_together(columns: Sequence[np.ndarray]) -> list[int]:
    """The documents in which the terms whose keys are `columns` stand one right after
    another, in that order (at least two columns). Worked out from the term with the fewest
    positions: a phrase with a common word ('security review time') would otherwise look up
    every place of the common word."""
    if any(not len(column) for column in columns):
        return []
    rarest = min(range(len(columns)), key=lambda i: len(columns[i]))
    starts = columns[rarest]
    if rarest:  # where the phrase would start: places too early in a document start none
        starts = starts[(starts & _POSITION_BITS) >= rarest] - np.uint64(rarest)
    for at in sorted(range(len(columns)), key=lambda i: len(columns[i])):
        if at == rarest or not len(starts):
            continue
        wanted = starts + np.uint64(at)
        column = columns[at]
        found = np.searchsorted(column, wanted)
        np.minimum(found, len(column) - 1, out=found)
        starts = starts[column[found] == wanted]
    docs = starts >> _DOC_SHIFT  # sorted: each document's keys are together
    if len(docs) > 1:
        docs = docs[np.concatenate(([True], docs[1:] != docs[:-1]))]
    return docs.tolist()


def _keys(run: PlacesRun) -> np.ndarray:
    if not len(run.docs):
        return NO_KEYS
    starts = np.asarray(run.starts, dtype=np.int64)
    lengths = np.diff(starts)
    if (lengths % POSITION_BYTES).any():  # a damaged posting: its neighbours still count
        return places_keys(_whole_postings(run, starts))
    counts = lengths // POSITION_BYTES
    first = int(starts[0]) - run.base
    positions = np.frombuffer(run.places, _POSITION, int(counts.sum()), first)
    docs = np.asarray(run.docs, dtype=np.uint64)
    if run.offset:
        docs = docs + np.uint64(run.offset)
    return (np.repeat(docs, counts) << _DOC_SHIFT) | positions


def _whole_postings(run: PlacesRun, starts: np.ndarray) -> dict[int, bytes]:
    """The run's postings whose positions are whole numbers of positions."""
    cuts = (starts - run.base).tolist()
    return {
        int(doc) + run.offset: value
        for doc, begin, end in zip(run.docs, cuts, cuts[1:], strict=False)
        if not len(value := run.places[begin:end]) % POSITION_BYTES
    }
