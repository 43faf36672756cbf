"""Every use of Whoosh's private or internal API, behind small named functions.

Two kinds. Speed: a term's postings read block by block from the W3 codec's matcher, and
positions decoded knowing their pickled encoding; the public matcher API gives the same
results about a third slower (common terms of a 5,000-asset library). `FAST_PATH` switches the
fast path off: CONTENTFINDER_WHOOSH_FAST=0 in the environment, a Whoosh that encodes positions
otherwise, or a test setting it. A matcher lacking what the fast path reads is read through
the public API anyway. Also for speed: the writer's hooks that record each segment's text-field
postings as it is written, and the segment's own file read in place from its memory map
(`compact_postings`, `tests/index/test_compact_postings.py`). Behaviour with no public API:
the writer lock's name, opening a segment for a merge, refreshing a searcher of an empty index,
cleaning up after a writer that could not finish.

The range of whoosh-reloaded in pyproject.toml pins all of it; `tests/index/
test_whoosh_internals.py` checks that the pinned version has exactly what is used here.
"""

from __future__ import annotations

import os
import pickle
import shutil
import weakref
from collections.abc import Iterable, Iterator
from itertools import accumulate, islice, pairwise, repeat
from pathlib import Path

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PostingsWriter,
    W3Segment,
    _lenfield,
)
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.index import clean_files
from whoosh.matching import FilterMatcher
from whoosh.reading import EmptyReader, SegmentReader
from whoosh.system import pack_uint
from whoosh.util import random_name
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

from contentfinder.index.compact_postings import EXTENSION as COMPACT_EXTENSION
from contentfinder.index.compact_postings import FieldRecording, PostingsRecorder, is_recorded

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
_POSITIONS = Positions()  # the format of every text field: its public encode and decode
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
        if not local or (field, term) not in reader:
            continue
        matcher = _unfiltered(reader.postings(field, term))
        for docnum in local:
            if not matcher.is_active():
                break
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                places[docnum + offset] = matcher.value()
    return places


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


# -- positions -------------------------------------------------------------------------------


def encode_positions(places: list[int]) -> bytes:
    """What the Positions format stores for a term standing at `places` (sorted)."""
    if not FAST_PATH:
        return _POSITIONS.encode(places)
    return _pickled(places)


def _pickled(places: list[int]) -> bytes:
    deltas = [places[0]] + [b - a for a, b in pairwise(places)]
    return pack_uint(len(deltas)) + pickle.dumps(deltas, 2)


def _encoding_is_known() -> bool:
    """Whether Whoosh encodes positions as this module decodes them by itself."""
    sample = [0, 3, 4, 70_000]
    try:
        return _POSITIONS.encode(sample) == _pickled(sample)
    except Exception:  # noqa: BLE001 - any difference means: use Whoosh's own
        return False


def decode_positions(value: bytes) -> Iterator[int]:
    """Positions.decode_positions, with the running sum done in C."""
    if not FAST_PATH:
        return iter(_POSITIONS.decode_positions(value))
    if not value.endswith(b"."):
        value += b"."
    return accumulate(pickle.loads(value[4:]))


def positions_after(value: bytes) -> Iterator[int]:
    """Each position plus one: where a following word stands."""
    if not FAST_PATH:
        return (p + 1 for p in _POSITIONS.decode_positions(value))
    if not value.endswith(b"."):
        value += b"."
    return islice(accumulate(pickle.loads(value[4:]), initial=1), 1, None)


FAST_PATH = os.environ.get(FAST_PATH_ENV, "1") != "0" and _encoding_is_known()


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


# -- writing ---------------------------------------------------------------------------------


class _TrackedStorage(FileStorage):
    """A FileStorage that remembers the files it opens. A writer stopped half-way (a full
    disk) leaves Whoosh's files open, some only in its own stack frames, for the garbage
    collector; `abandon` closes them at once, so their space comes back."""

    def __init__(self, path: str, opened: weakref.WeakSet | None = None) -> None:
        super().__init__(path)
        self.opened: weakref.WeakSet = weakref.WeakSet() if opened is None else opened

    def create_file(self, name, **kwargs):  # noqa: ANN001, ANN003, ANN201 - whoosh's signature
        return self._tracked(super().create_file(name, **kwargs))

    def open_file(self, name, **kwargs):  # noqa: ANN001, ANN003, ANN201
        return self._tracked(super().open_file(name, **kwargs))

    def temp_storage(self, name=None):  # noqa: ANN001, ANN201 - the writer's pool files
        name = name or f"{random_name()}.tmp"
        return _TrackedStorage(os.path.join(self.folder, name), self.opened).create()

    def _tracked(self, structfile):  # noqa: ANN001, ANN202
        self.opened.add(structfile)
        return structfile

    def close_opened(self) -> None:
        for structfile in list(self.opened):
            if not structfile.is_closed:
                try:
                    structfile.close()
                except Exception:  # noqa: BLE001, S110 - a full disk fails the last flush; the file is closed
                    pass


def open_for_writer(index_dir: Path):  # noqa: ANN201 - a whoosh index
    """The index in `index_dir`, opened so that `abandon` can close what its writer opened."""
    return _TrackedStorage(str(index_dir)).open_index()


def create_for_writer(index_dir: Path, schema):  # noqa: ANN001, ANN201
    """A new index in `index_dir` (an existing folder), opened as `open_for_writer` does."""
    return _TrackedStorage(str(index_dir)).create().create_index(schema)


def toc_file(generation: int) -> str:
    """The name of the table of contents Whoosh writes at each commit (`TOC._filename`)."""
    return f"_{INDEX_NAME}_{generation}.toc"


def written_generation(writer) -> int | None:  # noqa: ANN001
    """The generation a segment writer's commit writes (None for another kind of writer)."""
    generation = getattr(writer, "generation", None)
    return generation if isinstance(generation, int) else None


def writer_lock(index_dir: Path):  # noqa: ANN201 - a whoosh lock: acquire(blocking), release()
    """The lock a Whoosh writer of the index in `index_dir` takes (the folder must exist)."""
    return FileStorage(str(index_dir)).lock(WRITER_LOCK_FILE)


class _LeanSegmentWriter(SegmentWriter):
    """A SegmentWriter that also writes the text fields' postings as arrays
    (`compact_postings`), and whose commit reads each field's lengths once per document. Whoosh's
    own asks the length column again for every posting (a quarter million at 1,000 assets),
    which was a quarter of the parent's commit time. Its pool takes postings without
    Whoosh's type checks (`_LeanPostingPool`)."""

    def __init__(self, ix, **options) -> None:  # noqa: ANN001, ANN003 - whoosh's
        super().__init__(ix, **options)
        limitmb = options.get("limitmb", 128)
        self.pool = _LeanPostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = _FieldLengths(pdr) if pdr is not None else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        recorder = getattr(self.fieldwriter, "recorder", None)
        if recorder is not None:
            # Before the segment's files are assembled into its compound file: one of them.
            recorder.write(self.newsegment.create_file(self.storage, COMPACT_EXTENSION))
        if pdr is not None:
            pdr.close()


class _LeanPostingPool(PostingPool):
    """Whoosh's posting pool, less its two assertions per posting (the postings come from
    Whoosh's own fields and `analysis.PreAnalyzed`, bytes throughout); the same run-size
    estimate, so the same runs and the same segment."""

    def add(self, item) -> None:  # noqa: ANN001 - (field, term bytes, docnum, weight, value)
        self.fieldnames.add(item[0])
        # Whoosh's estimate: tuple 48, field 21 + len, term 26 + 2 len, numbers 34, value 21 + len.
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


class _FieldLengths:
    """`doc_field_length` of a per-document reader, each field's column read once, whole.
    Gives what the reader gives, None for a length of zero included."""

    def __init__(self, reader) -> None:  # noqa: ANN001 - a W3PerDocReader
        self._reader = reader
        self._fields: dict[str, list[int | None]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            lengths = self._fields[fieldname] = self._read(fieldname, default)
        return lengths[docnum]

    def _read(self, fieldname: str, default: int) -> list:
        count = self._reader.doc_count_all()
        column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return [default] * (count + 1)
        found = [byte_to_length(b) if b else None for b in (column[i] for i in range(count))]
        return [*found, None]


def segment_writer(ix, **options):  # noqa: ANN001, ANN003, ANN201 - a whoosh index and writer
    """`ix.writer(**options)`, with the faster commit of `_LeanSegmentWriter` and small posting
    blocks left uncompressed (`_SmallBlocksPlain`)."""
    return _LeanSegmentWriter(ix, codec=posting_codec(), **options)


def posting_codec():  # noqa: ANN201 - a whoosh codec
    """The codec `segment_writer` writes with."""
    return _SmallBlocksPlain()


# A posting block smaller than this is written uncompressed. Whoosh compresses every block, and
# for the small ones (most terms of a document collection occur in a handful of documents) the
# compressor's set-up costs more than it saves: 0.5 s of the parent's 5 s CPU at 1,000 assets,
# for 0.7% more index. Each block records its own compression, so readers read both kinds.
PLAIN_BLOCK_BYTES = 256


class _SmallBlocksPlainWriter(W3PostingsWriter):
    """Whoosh's postings writer, writing small blocks plain, and handing every block of a
    recorded field to its `FieldRecording` (set by `_RecordingFieldWriter`)."""

    recording: FieldRecording | None = None

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - whoosh's
        super().__init__(*args, **kwargs)
        self._level = self._compression

    def finish_postings(self):  # noqa: ANN201 - whoosh's terminfo
        if self.recording is not None and not self.written() and len(self) < self._inlinelimit:
            self.recording.add(self._ids, self._weights)  # inlined in the term's info: no block
        return super().finish_postings()

    def add_posting(self, id_, weight, vbytes, length=None) -> None:  # noqa: ANN001
        """Whoosh's, less its four type assertions per posting (the pool's postings are
        Whoosh's own tuples)."""
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def _write_block(self, last: bool = False) -> None:
        # The block's size before pickling: ids and weights, and the encoded positions.
        size = 8 * len(self._ids) + sum(map(len, self._values))
        self._compression = self._level if size >= PLAIN_BLOCK_BYTES else 0
        if self.recording is not None:
            self.recording.add(self._ids, self._weights)
        super()._write_block(last)


class _RecordingFieldWriter(W3FieldWriter):
    """Whoosh's field writer, telling the segment's `PostingsRecorder` each recorded field's
    terms as they start (their postings come from `_SmallBlocksPlainWriter`)."""

    def __init__(self, codec, storage, segment) -> None:  # noqa: ANN001 - whoosh's
        super().__init__(codec, storage, segment)
        self.recorder = PostingsRecorder()
        self._recording: FieldRecording | None = None

    def start_field(self, fieldname, fieldobj) -> None:  # noqa: ANN001
        super().start_field(fieldname, fieldobj)
        self._recording = self.recorder.field(fieldname) if is_recorded(fieldobj) else None
        self._postwriter.recording = self._recording

    def start_term(self, btext) -> None:  # noqa: ANN001
        super().start_term(btext)
        if self._recording is not None:
            self._recording.start_term(btext)


class _SmallBlocksPlain(W3Codec):
    """The W3 codec, writing small posting blocks uncompressed and recording the text fields'
    postings (`compact_postings`). The segments it makes name the plain W3 codec (the table of
    contents pickles it): reading needs nothing of this one."""

    def field_writer(self, storage, segment):  # noqa: ANN001, ANN201 - whoosh's
        return _RecordingFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):  # noqa: ANN001, ANN201 - whoosh's
        return _SmallBlocksPlainWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def new_segment(self, storage, indexname):  # noqa: ANN001, ANN201
        plain = W3Codec(self._blocklimit, self._compression, self._inlinelimit)
        return W3Segment(plain, indexname)


def add_segments(writer, segments: Iterable) -> None:  # noqa: ANN001
    """Has `writer` copy the live documents of `segments` (for a merge policy)."""
    for segment in segments:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()


def abandon(writer) -> None:  # noqa: ANN001
    """Cancels `writer` and closes every file it left open. When cancelling fails too (a full
    disk fails the last flush), its lock is released anyway, so the next run is not told the
    index is busy."""
    try:
        writer.cancel()
    except Exception:  # noqa: BLE001 - whatever it was, the files and the lock must go
        _close_opened(writer)  # now: some are held only by this failure's frames
        lock = getattr(writer, "writelock", None)
        if lock is not None and getattr(lock, "fd", None) is not None:
            lock.release()
        writer.is_closed = True
    else:
        _close_opened(writer)


def _close_opened(writer) -> None:  # noqa: ANN001
    if isinstance(writer.storage, _TrackedStorage):
        writer.storage.close_opened()


def remove_unfinished(ix) -> None:  # noqa: ANN001
    """Deletes the files of segments a writer began and never committed, and its pool files
    (Whoosh leaves them to the next commit). Only while holding the writer lock."""
    toc = ix._read_toc()
    clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
    shutil.rmtree(Path(ix.storage.folder) / WRITER_TEMP_FOLDER, ignore_errors=True)
