"""Whoosh's private and internal API on the writing side, behind small named functions: the
writer lock's name, a storage that closes what an abandoned writer left open, a faster commit
(`_LeanSegmentWriter`), small posting blocks written plain, the hooks that record each
segment's text-field postings as it is written (`compact_postings`), opening a segment for a
merge, and cleaning up after a writer that could not finish. The reading side is in
`whoosh_internals`; `tests/index/test_whoosh_internals.py` checks both against the pinned
Whoosh.
"""

from __future__ import annotations

import os
import shutil
import struct
import weakref
from collections.abc import Iterable
from itertools import groupby, repeat
from operator import itemgetter
from pathlib import Path

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3Segment,
    _lenfield,
)
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.index import clean_files
from whoosh.reading import SegmentReader
from whoosh.util import random_name
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from contentfinder.index.compact_postings import EXTENSION as COMPACT_EXTENSION
from contentfinder.index.compact_postings import FieldRecording, PostingsRecorder, is_recorded
from contentfinder.index.posting_blocks import PostingsWriter
from contentfinder.index.posting_pool import GroupedPostingPool
from contentfinder.index.whoosh_internals import INDEX_NAME, WRITER_LOCK_FILE, WRITER_TEMP_FOLDER


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
    which was a quarter of the parent's commit time. Its pool holds postings grouped by field
    and term (`posting_pool`), not in one list sorted at the commit."""

    def __init__(self, ix, **options) -> None:  # noqa: ANN001, ANN003 - whoosh's
        super().__init__(ix, **options)
        limitmb = options.get("limitmb", 128)
        self.pool = GroupedPostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        fields = self.schema.items()
        self._plain_schema = not any(f.separate_spelling() or f.vector for _, f in fields)

    def add_document(self, **fields) -> None:  # noqa: ANN003 - whoosh's
        """Whoosh's, with each field's postings handed to the pool at once
        (`GroupedPostingPool.add_field`) instead of a Python call per posting. Whoosh's own for
        a schema with what this one leaves out (spelling graphs, term vectors)."""
        if not self._plain_schema:
            super().add_document(**fields)
            return
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    length = self.pool.add_field(fieldname, docnum, field.index(value), boost)
                    length = length if field.scorable else 0
                stored = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    column_value = field.to_column_value(stored)
                    perdocwriter.add_column_value(fieldname, field.column_type, column_value)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = _FieldLengths(pdr) if pdr is not None else None
        if isinstance(self.fieldwriter, _RecordingFieldWriter):  # the codec of segment_writer
            _add_postings(self.fieldwriter, self.schema, lengths, self.pool.term_postings())
            # Before the segment's files are assembled into its compound file: one of them.
            file = self.newsegment.create_file(self.storage, COMPACT_EXTENSION)
            self.fieldwriter.recorder.write(file)
        else:
            self.fieldwriter.add_postings(self.schema, pdr, self.pool.iter_postings())  # Whoosh's
        self.fieldwriter.close()
        if pdr is not None:
            pdr.close()


def _add_postings(fieldwriter, schema, lengths, term_postings) -> None:  # noqa: ANN001
    """Whoosh's `FieldWriter.add_postings`, a term's postings at a time: the pool's terms
    (`posting_pool.TermPostings`), in order, each term's postings handed to its postings
    writer in blocks (`posting_blocks.PostingsWriter.add_run`). Whoosh's made four Python calls
    per posting, two million at 5,000 assets. The pool gives its terms in order, so the order
    is not checked again; nor are spelling postings looked for (no field here has a spelling
    graph)."""
    for fieldname, in_field in groupby(term_postings, key=_FIELD):
        fieldwriter.start_field(fieldname, schema[fieldname])
        field_lengths = lengths.column(fieldname) if lengths is not None else None
        add_run = fieldwriter._postwriter.add_run
        for _, term, postings in in_field:
            fieldwriter.start_term(term)
            docnums, weights, values = zip(*postings, strict=True)
            if field_lengths is None:
                found = repeat(0, len(docnums))
            else:
                found = map(field_lengths.__getitem__, docnums)
            add_run(docnums, weights, values, list(found))
            fieldwriter.finish_term()
        fieldwriter.finish_field()


_FIELD = itemgetter(0)  # of a posting_pool.TermPostings


class _FieldLengths:
    """`doc_field_length` of a per-document reader, each field's column read once, whole.
    Gives what the reader gives, None for a length of zero included."""

    def __init__(self, reader) -> None:  # noqa: ANN001 - a W3PerDocReader
        self._reader = reader
        self._fields: dict[str, list[int | None]] = {}

    def column(self, fieldname: str) -> list[int | None]:
        """Every document's length in the field (None for zero), by document number."""
        lengths = self._fields.get(fieldname)
        if lengths is None:
            lengths = self._fields[fieldname] = self._read(fieldname, 0)
        return lengths

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


class _RecordingFieldWriter(W3FieldWriter):
    """Whoosh's field writer, telling the segment's `PostingsRecorder` each recorded field's
    terms as they start (their postings come from `posting_blocks.PostingsWriter`)."""

    def __init__(self, codec, storage, segment) -> None:  # noqa: ANN001 - whoosh's
        super().__init__(codec, storage, segment)
        # Positions wait for the segment's file beside the index, where its space is.
        self.recorder = PostingsRecorder(getattr(storage, "folder", None))
        self._recording: FieldRecording | None = None
        # Whoosh's __init__ made the table and wrote its header; only `add` differs.
        self._tindex.__class__ = _TermsTable

    def close(self) -> None:
        """Whoosh's; the recording's temporary files go too, whether or not it was written
        (a writer cancelled, or Whoosh's own committing with this codec)."""
        try:
            super().close()
        finally:
            self.recorder.discard()

    def start_field(self, fieldname, fieldobj) -> None:  # noqa: ANN001
        super().start_field(fieldname, fieldobj)
        self._recording = self.recorder.field(fieldname) if is_recorded(fieldobj) else None
        self._postwriter.recording = self._recording

    def start_term(self, btext) -> None:  # noqa: ANN001
        super().start_term(btext)
        if self._recording is not None:
            self._recording.start_term(btext)


class _TermsTable(OrderedHashWriter):
    """Whoosh's table of a segment's terms, writing each term's row in one write and counting
    the file's position rather than asking the system for it (a buffered file's `tell` is a
    system call): Whoosh asked twice per term and wrote a row in three writes. Rows are
    written only here, between the table's header and its close."""

    _position: int | None = None

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        position = self.dbfile.tell() if self._position is None else self._position
        self.index.append(position)
        self.dbfile.write(_ROW_LENGTHS.pack(len(key), len(value)) + key + value)
        self._position = position + _ROW_LENGTHS.size + len(key) + len(value)
        hashed = self.hashfn(key)
        self.buckets[hashed & 255].append((hashed, position))
        self.lastkey = key


_ROW_LENGTHS = struct.Struct("!ii")  # whoosh.filedb.filetables._lengths: a row's key, value


class _SmallBlocksPlain(W3Codec):
    """The W3 codec, writing small posting blocks uncompressed and recording the text fields'
    postings (`compact_postings`). The segments it makes name the plain W3 codec (the table of
    contents pickles it): reading needs nothing of this one."""

    def field_writer(self, storage, segment):  # noqa: ANN001, ANN201 - whoosh's
        return _RecordingFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):  # noqa: ANN001, ANN201 - whoosh's
        return PostingsWriter(
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
