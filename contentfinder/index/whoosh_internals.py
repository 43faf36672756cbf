"""Whoosh's private and internal API on the reading side, behind small named functions (the
writing side is `whoosh_writer`).

Two kinds. Speed: a term's postings read block by block from the W3 codec's matcher; the
public matcher API gives the same results about a third slower (common terms of a
5,000-asset library). `FAST_PATH` switches the fast path off: CONTENTFINDER_WHOOSH_FAST=0 in
the environment, or a test setting it. A matcher lacking what the fast path reads is read through
the public API anyway. Also for speed: a segment's own file (the recorded postings of
`compact_postings`) read in place from its memory map, and positions of a few documents read
from only the blocks that hold them. Behaviour with no public API: the names of the index's
files and lock, refreshing a searcher of an empty index.

The range of whoosh-reloaded in pyproject.toml pins all of it; `tests/index/
test_whoosh_internals.py` checks that the pinned version has exactly what is used here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from itertools import accumulate, repeat

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching import FilterMatcher
from whoosh.reading import EmptyReader, SegmentReader
from whoosh.util.numeric import byte_to_length

FAST_PATH_ENV = "CONTENTFINDER_WHOOSH_FAST"

INDEX_NAME = "MAIN"  # whoosh.index._DEF_INDEX_NAME: the prefix of every file of the index
WRITER_LOCK_FILE = f"{INDEX_NAME}_WRITELOCK"  # what SegmentWriter locks: ix.lock("WRITELOCK")
WRITER_TEMP_FOLDER = f"{INDEX_NAME}.tmp"  # the writer's pool files until it finishes
BLOCK_MATCHER_ATTRIBUTES = (
    "_read_data",
    "_data",
    "_byteids",
    "_blocklength",
    "_fixedsize",
    "_read_values",
    "_values",
    "_next_block",
)
# A stored length byte -> the length it stands for; 0: none (`doc_field_length` gives None).
_BYTE_LENGTHS = [0, *(byte_to_length(b) for b in range(1, 256))]

# -- postings --------------------------------------------------------------------------------


def term_postings(
    searcher,  # noqa: ANN001 - a whoosh searcher
    field: str,
    term: str,
) -> tuple[dict[int, float], dict[int, bytes]]:
    """The term's weight and encoded positions in `field`, per document number (documents
    deleted but not yet merged away included: callers narrow to the live ones, and the
    counts stay those Whoosh's own document frequencies give)."""
    weights: dict[int, float] = {}
    places: dict[int, bytes] = {}
    for reader, offset in leaf_readers(searcher):
        segment_postings(reader, offset, field, term, weights, places)
    return weights, places


def leaf_readers(searcher) -> list[tuple[object, int]]:  # noqa: ANN001 - a whoosh searcher
    """Each segment's reader and the number of its first document in the searcher's."""
    return [(subsearcher.reader(), offset) for subsearcher, offset in searcher.leaf_searchers()]


def segment_postings(
    reader,  # noqa: ANN001 - a whoosh segment reader
    offset: int,
    field: str,
    term: str,
    weights: dict[int, float],
    places: dict[int, bytes],
) -> None:
    """`term_postings` for one segment: its postings added to `weights` and `places`."""
    if (field, term) not in reader:
        return
    matcher = _unfiltered(reader.postings(field, term))
    if FAST_PATH and reads_blocks(matcher):
        _read_blocks(matcher, offset, weights, places)
    else:
        _read_one_by_one(matcher, offset, weights, places)


def places_in(
    searcher,  # noqa: ANN001 - a whoosh searcher
    field: str,
    term: str,
    docs: Iterable[int],
) -> dict[int, bytes]:
    """The term's encoded positions in `field` in each of `docs` that has it, decoding only
    the posting blocks that hold them (the others are skipped by their headers): for a few
    documents and a term in most of a large library, a small part of its postings."""
    places: dict[int, bytes] = {}
    wanted = sorted(docs)
    for reader, offset in leaf_readers(searcher):
        end = offset + reader.doc_count_all()
        local = [d - offset for d in wanted if offset <= d < end]
        segment_places_in(reader, offset, field, term, local, places)
    return places


def segment_places_in(
    reader,  # noqa: ANN001 - a whoosh segment reader
    offset: int,
    field: str,
    term: str,
    local: list[int],
    places: dict[int, bytes],
) -> None:
    """`places_in` for one segment: the positions in `local` (its own document numbers,
    sorted) added to `places`, numbered from `offset`."""
    if not local or (field, term) not in reader:
        return
    matcher = _unfiltered(reader.postings(field, term))
    for docnum in local:
        if not matcher.is_active():
            break
        matcher.skip_to(docnum)
        if matcher.is_active() and matcher.id() == docnum:
            places[docnum + offset] = matcher.value()


def segment_file(reader, extension: str) -> memoryview | None:  # noqa: ANN001
    """The bytes of the segment's own file with `extension` (one `segment_writer` added, as
    `compact_postings`), read in place from the segment's memory map when it has one; None
    when the segment has no such file."""
    segment = reader.segment() if isinstance(reader, SegmentReader) else None
    storage = getattr(reader, "_storage", None)
    if segment is None or storage is None:
        return None
    name = segment.make_filename(extension)
    if not storage.file_exists(name):
        return None
    opened = storage.open_file(name)
    if isinstance(getattr(opened, "_buf", None), memoryview):  # a part of the compound map
        return opened._buf
    try:
        return memoryview(opened.read())
    finally:
        opened.close()


def reads_blocks(matcher: object) -> bool:
    """Whether `matcher` is the W3 codec's, whose blocks the fast path reads whole."""
    return all(hasattr(matcher, a) for a in BLOCK_MATCHER_ATTRIBUTES)


def leaf_matcher(searcher, field: str, term: str) -> object:  # noqa: ANN001
    """The matcher `term_postings` reads for the first segment holding the term (for tests)."""
    for subsearcher, _ in searcher.leaf_searchers():
        if (field, term) in subsearcher.reader():
            return _unfiltered(subsearcher.reader().postings(field, term))
    raise LookupError((field, term))


def _unfiltered(matcher):  # noqa: ANN001, ANN202
    """A segment with deletions wraps its postings in a filter, which has already moved them
    past the deleted documents at its start: back to the start (public classes and API)."""
    if not isinstance(matcher, FilterMatcher):
        return matcher
    while isinstance(matcher, FilterMatcher):
        [matcher] = matcher.children()
    matcher.reset()
    return matcher


def _read_one_by_one(
    matcher,  # noqa: ANN001
    offset: int,
    weights: dict[int, float],
    places: dict[int, bytes],
) -> None:
    while matcher.is_active():
        docnum = matcher.id() + offset
        weights[docnum] = matcher.weight()
        places[docnum] = matcher.value()
        matcher.next()


def _read_blocks(
    matcher,  # noqa: ANN001
    offset: int,
    weights: dict[int, float],
    places: dict[int, bytes],
) -> None:
    while matcher.is_active():  # whole blocks: several times faster than one by one
        ids, block_weights, values = _block(matcher)
        docnums = list(map(offset.__add__, ids)) if offset else list(ids)
        weights.update(zip(docnums, block_weights, strict=True))  # dict.update: a C loop
        places.update(zip(docnums, values, strict=True))
        matcher._next_block()


def _block(matcher) -> tuple[Iterable[int], Iterable[float], Iterable[bytes]]:  # noqa: ANN001
    """The current block's document numbers, weights and values. The W3 matcher decodes the
    numbers with a Python generator; the running sum here is done in C."""
    if matcher._data is None:
        matcher._read_data()
    ids, weights, values = matcher._data[:3]
    if not matcher._byteids:
        ids = accumulate(ids)
    count = matcher._blocklength
    if weights is None:
        weights = repeat(1.0, count)
    elif isinstance(weights, float):
        weights = repeat(weights, count)
    if matcher._fixedsize is not None and matcher._fixedsize >= 0:
        matcher._read_values()
        values = matcher._values
    return ids, weights, values


# -- field lengths ---------------------------------------------------------------------------


def field_lengths(searcher, field: str) -> list[int]:  # noqa: ANN001 - a whoosh searcher
    """Every document's length in `field` as Whoosh stores it (its one-byte approximation
    decoded), 0 where the document has none, in document-number order. Each segment's lengths
    column is read as one run of bytes: `doc_field_length` per document took ~0.1 s per
    field at 5,000 assets, most of a one-shot search. A segment whose column is not the W3
    codec's byte column is read through the public API."""
    lengths: list[int] = []
    for reader, offset in searcher.reader().leaf_readers():
        count = reader.doc_count_all()
        lengths.extend([0] * (offset - len(lengths)))
        raw = _length_bytes(reader, field) if FAST_PATH else None
        if raw is None:
            lengths.extend(reader.doc_field_length(d, field, 0) or 0 for d in range(count))
        else:
            lengths.extend(_BYTE_LENGTHS[b] for b in raw[:count])
            lengths.extend([0] * (count - len(raw)))  # not written past the last document
    return lengths


def _length_bytes(reader, field: str) -> bytes | None:  # noqa: ANN001
    """The segment's lengths column for `field` as bytes (b"" when it has none), or None
    when the reader is not a W3 segment reader whose column is one byte per document."""
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(reader, SegmentReader) or not hasattr(perdoc, "_cached_reader"):
        return None
    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is None:
        return b""
    if not all(hasattr(column, a) for a in ("_dbfile", "_basepos", "_count", "_fixedlen")):
        return None
    if column._fixedlen != 1:
        return None
    return bytes(column._dbfile.get(column._basepos, column._count)) if column._count else b""


FAST_PATH = os.environ.get(FAST_PATH_ENV, "1") != "0"


# -- searchers -------------------------------------------------------------------------------


def refreshed(searcher, ix):  # noqa: ANN001, ANN201 - whoosh searcher and index
    """`searcher` if it still shows the latest commit, else one that does. Whoosh's own
    refresh fails on a searcher opened while the index had no segment (its EmptyReader has
    no segment list, and no generation to compare), as after a first run killed early."""
    if isinstance(searcher.reader(), EmptyReader):
        if ix.is_empty():
            return searcher
        searcher.close()
        return ix.searcher()
    if searcher.up_to_date():
        return searcher
    return searcher.refresh()


def segment_count(ix) -> int:  # noqa: ANN001
    return len(ix._segments())
