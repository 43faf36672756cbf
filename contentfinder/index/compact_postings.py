"""Each segment's postings of the text fields as plain arrays: per term, the documents that
have it, its weight in each and its encoded positions there, in a file of the segment's own
(`<segment>.cfp`, assembled into the segment's compound file with Whoosh's own files, and
removed with them).

Why: Whoosh keeps a term's documents, weights and positions in the same compressed, pickled
blocks, so learning which assets have a word meant inflating and unpickling every position of
it: a third of a search's time at 50,000 assets. Ranking asks for documents and weights for
every word of every search, and for positions for phrases and proximity: those are kept apart,
as Whoosh encodes them, a term's at a time (compressed when long), so a phrase of common words
(the synonym 'go live') no longer inflates and unpickles every block of both.

Written while Whoosh writes the segment: its writer hands each field, term and block of
postings to a `FieldRecording` (`whoosh_writer` has the hooks), which copies the block's
document numbers, weights and positions in C; no second pass over the postings. Read
through memoryviews of the segment's memory-mapped file: opening one reads its header, finding
a term is a binary search. A segment without the file (an index written before it, or by
another writer) or with one this version cannot read is read from Whoosh's postings instead.
"""

from __future__ import annotations

import json
import struct
import sys
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import BinaryIO

import zstandard

from contentfinder.index import zstd_codecs

EXTENSION = ".cfp"
MAGIC = b"CFP1"
_HEADER_LENGTH = struct.Struct("<I")
_ALIGN = 8
_COPY_BYTES = 1 << 20  # positions are copied from their temporary file a megabyte at a time
# A term's positions shorter than this are stored as they are: a compressor's set-up costs more
# than it saves on the few postings of most terms.
COMPRESSED_PLACES_BYTES = 256
# Zstandard at level 1, against zlib at level 1 before: a common word's 136 KB of positions
# inflated in 0.2 ms, not 1.5, compressed in 0.6 ms, not 3.6, and came out a few percent smaller.
PLACES_ZSTD_LEVEL = 1


class DamagedPositions(ValueError):
    """A term's run of positions that does not inflate to what the file records (a damaged
    file): Whoosh's own blocks hold them too."""


def is_recorded(field) -> bool:  # noqa: ANN001 - a whoosh field
    """Whether a field's postings are recorded: a field analysed into words with positions
    (the text fields searches rank by), not an ID, keyword or number."""
    return field.format is not None and field.format.supports("positions")


# -- writing ---------------------------------------------------------------------------------


class FieldRecording:
    """One field's postings as Whoosh's writer writes them: its terms in order, where each
    term's postings start, and the postings' documents, weights and encoded positions, a block
    at a time. Positions, most of the bytes, go to a temporary file a term at a time (a term's
    compressed when long enough for that to pay): a segment of 50,000 assets holds half a
    gigabyte of them, which the writing process would otherwise keep until the segment is
    written."""

    def __init__(self, spill_folder: str | None = None) -> None:
        """`spill_folder`: where the temporary file of positions goes (the system's temporary
        folder by default)."""
        self.terms: list[bytes] = []
        self.starts = array("I")
        self.docs = array("I")
        self.weights = array("f")  # Whoosh's own blocks hold them as 32-bit floats too
        self.place_lengths = array("I")  # each posting's encoded positions' length
        self.chunk_starts = array("Q", [0])  # where each term's run starts in the spill
        # False once a block came without a value per posting: the field's positions are then
        # not recorded at all, and read from Whoosh's blocks.
        self.has_places = True
        self._pending = bytearray()  # the current term's positions, one posting's after another
        self._spill_folder = spill_folder
        self._spill: BinaryIO | None = None

    def start_term(self, term: bytes) -> None:
        if self.terms:
            self._finish_term()
        self.terms.append(term)
        self.starts.append(len(self.docs))

    def add(self, docs: array, weights: array, places: Sequence[bytes] = ()) -> None:
        """A block of the current term's postings (copied in C, not posting by posting)."""
        self.docs.extend(docs)
        self.weights.extend(weights)
        if not self.has_places:
            return
        if len(places) != len(docs):
            self._drop_places()
            return
        self._pending += b"".join(places)
        self.place_lengths.extend(map(len, places))

    def spilled_places(self) -> tuple[BinaryIO | None, int]:
        """Once every term is in: the temporary file of positions, at its start, and its
        length (None, 0 when the field has none)."""
        if self.terms:
            self._finish_term()
        if self._spill is None or not self.has_places:
            return None, 0
        self._spill.seek(0)
        return self._spill, self.chunk_starts[-1]

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    def _finish_term(self) -> None:
        if not self.has_places or len(self.chunk_starts) > len(self.terms):
            return  # nothing kept, or the last term finished already
        chunk = bytes(self._pending)
        self._pending = bytearray()
        if len(chunk) >= COMPRESSED_PLACES_BYTES:
            packed = zstd_codecs.compressor(PLACES_ZSTD_LEVEL).compress(chunk)
            if len(packed) < len(chunk):
                chunk = packed
        if chunk:
            if self._spill is None:
                self._spill = tempfile.TemporaryFile(dir=self._spill_folder)  # noqa: SIM115
            self._spill.write(chunk)
        self.chunk_starts.append(self.chunk_starts[-1] + len(chunk))

    def _drop_places(self) -> None:
        self.has_places = False
        self._pending, self.place_lengths, self.chunk_starts = bytearray(), array("I"), array("Q")
        self.close()


class PostingsRecorder:
    """The recorded fields of one segment, written as one file once Whoosh's are."""

    def __init__(self, spill_folder: str | None = None) -> None:
        self._fields: dict[str, FieldRecording] = {}
        self._spill_folder = spill_folder

    def field(self, name: str) -> FieldRecording:
        if name not in self._fields:
            self._fields[name] = FieldRecording(self._spill_folder)
        return self._fields[name]

    def write(self, dbfile) -> None:  # noqa: ANN001 - a whoosh StructFile, closed here
        """The recorded postings as one file: a header (JSON: each section's place) and the
        sections, each in the narrowest array type that holds its values exactly."""
        sections: list[bytes | tuple[BinaryIO, int]] = []  # bytes, or a file's first bytes
        fields: dict[str, dict] = {}
        place = 0

        def section(data: bytes | tuple[BinaryIO, int]) -> int:
            nonlocal place
            at = place
            length = len(data) if isinstance(data, bytes) else data[1]
            sections.append(data)
            place += length + -length % _ALIGN
            return at

        try:
            for field in sorted(self._fields):
                recording = self._fields[field]
                fields[field] = _field_sections(recording, section)
            header = json.dumps({"byteorder": sys.byteorder, "fields": fields}).encode()
            header += b" " * (-(len(MAGIC) + _HEADER_LENGTH.size + len(header)) % _ALIGN)
            dbfile.write(MAGIC + _HEADER_LENGTH.pack(len(header)) + header)
            for data in sections:
                if isinstance(data, bytes):
                    dbfile.write(data)
                    length = len(data)
                else:
                    spill, length = data
                    for _ in range(0, length, _COPY_BYTES):
                        dbfile.write(spill.read(_COPY_BYTES))
                dbfile.write(b"\0" * (-length % _ALIGN))
        finally:
            self.discard()
            dbfile.close()

    def discard(self) -> None:
        """Closes (and so deletes) the recording's temporary files."""
        for recording in self._fields.values():
            recording.close()


def _field_sections(recording: FieldRecording, section: Callable[..., int]) -> dict:
    """One field's sections, placed by `section`; the field's part of the header."""
    terms, docs, weights = recording.terms, recording.docs, recording.weights
    term_starts = array("I", [0])
    for term in terms:
        term_starts.append(term_starts[-1] + len(term))
    posting_starts = array("I", recording.starts)
    posting_starts.append(len(docs))
    spill, spilled = recording.spilled_places()
    docs, weights = _narrowest(docs, ("H", "I")), _narrowest(weights, ("H", "f"))
    spec = {
        "terms": len(terms),
        "text": [section(b"".join(terms)), term_starts[-1]],
        "term_starts": section(term_starts.tobytes()),
        "posting_starts": section(posting_starts.tobytes()),
        "docs": [section(docs.tobytes()), docs.typecode],
        "weights": [section(weights.tobytes()), weights.typecode],
    }
    if recording.has_places:
        assert len(recording.chunk_starts) == len(terms) + 1, "a term's run not finished"
        place_starts = array("Q", accumulate(recording.place_lengths, initial=0))
        place_starts = _narrowest(place_starts, ("I", "Q"))
        chunk_starts = _narrowest(recording.chunk_starts, ("I", "Q"))
        spec["places"] = [section((spill, spilled)) if spill else section(b""), spilled]
        spec["place_starts"] = [section(place_starts.tobytes()), place_starts.typecode]
        spec["chunk_starts"] = [section(chunk_starts.tobytes()), chunk_starts.typecode]
    return spec


def _narrowest(values: array, typecodes: Sequence[str]) -> array:
    """`values` in the first of `typecodes` that holds every one of them exactly."""
    if values.typecode in _WHOLE_NUMBERS:  # their largest says which holds them all
        largest = max(values, default=0)
        for typecode in typecodes:
            if largest < 1 << (8 * array(typecode).itemsize):
                return values if typecode == values.typecode else array(typecode, values)
    for typecode in typecodes[:-1]:
        try:
            exact = values if typecode in "fd" else map(int, values)
            narrowed = array(typecode, exact)
        except OverflowError:
            continue
        if narrowed == values:  # compared value by value, in C
            return narrowed
    return array(typecodes[-1], values)


_WHOLE_NUMBERS = "BHILQ"  # unsigned array types


# -- reading ---------------------------------------------------------------------------------


class _FieldTerms(Sequence[bytes]):
    """A field's sorted terms, read from the file's text as asked for (for `bisect`)."""

    def __init__(self, text: bytes, starts: memoryview) -> None:
        self._text = text
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index: int) -> bytes:  # type: ignore[override] - no slices here
        return self._text[self._starts[index] : self._starts[index + 1]]


class _FieldPostings:
    def __init__(self, buffer: memoryview, body: int, spec: dict) -> None:
        count = spec["terms"]
        text_at, text_length = spec["text"]
        self._text = bytes(buffer[body + text_at : body + text_at + text_length])
        term_starts = _cast(buffer, body + spec["term_starts"], "I", count + 1)
        self._terms = _FieldTerms(self._text, term_starts)
        self._posting_starts = _cast(buffer, body + spec["posting_starts"], "I", count + 1)
        postings = self._posting_starts[count] if count else 0
        docs_at, docs_type = spec["docs"]
        weights_at, weights_type = spec["weights"]
        self.docs = _cast(buffer, body + docs_at, docs_type, postings)
        self.weights = _cast(buffer, body + weights_at, weights_type, postings)
        self.places: memoryview | None = None  # None: positions not recorded (read Whoosh's)
        self.place_starts: memoryview | None = None
        self.chunk_starts: memoryview | None = None
        if "places" in spec:
            places_at, places_length = spec["places"]
            starts_at, starts_type = spec["place_starts"]
            chunks_at, chunks_type = spec["chunk_starts"]
            self.places = _cast(buffer, body + places_at, "B", places_length)
            self.place_starts = _cast(buffer, body + starts_at, starts_type, postings + 1)
            self.chunk_starts = _cast(buffer, body + chunks_at, chunks_type, count + 1)
            if self.chunk_starts[count] != places_length:
                raise ValueError("positions that do not end where their section does")

    def term_places(self, index: int) -> tuple[bytes, int]:
        """The encoded positions of the term at `index`, one posting's after the other, and
        where they start in `place_starts`' numbering."""
        assert self.places is not None and self.place_starts is not None
        assert self.chunk_starts is not None
        start, end = self.range_of(index)
        base = self.place_starts[start]
        length = self.place_starts[end] - base
        chunk = self.places[self.chunk_starts[index] : self.chunk_starts[index + 1]]
        if len(chunk) == length:
            return bytes(chunk), base
        if bytes(chunk[: len(zstandard.FRAME_HEADER)]) != zstandard.FRAME_HEADER:
            raise DamagedPositions("positions neither as they are nor compressed")
        try:
            whole = zstd_codecs.decompressor().decompress(chunk, max_output_size=length)
        except zstandard.ZstdError as exc:
            raise DamagedPositions(str(exc)) from exc
        if len(whole) != length:
            raise DamagedPositions("positions of another length than recorded")
        return whole, base

    def find(self, term: bytes) -> tuple[int, int]:
        """Where the term's postings are in `docs` and `weights` (an empty range: none)."""
        index = self.index_of(term)
        return self.range_of(index) if index >= 0 else (0, 0)

    def range_of(self, index: int) -> tuple[int, int]:
        """Where the postings of the term at `index` are in `docs` and `weights`."""
        return self._posting_starts[index], self._posting_starts[index + 1]

    def index_of(self, term: bytes) -> int:
        """The term's place among the field's terms; -1 when the field has no such term."""
        index = bisect_left(self._terms, term)
        if index == len(self._terms) or self._terms[index] != term:
            return -1
        return index


class SegmentPostings:
    """One segment's recorded postings."""

    def __init__(self, buffer: memoryview, body: int, fields: dict[str, dict]) -> None:
        self._buffer = buffer
        self._body = body
        self._specs = fields
        self._fields: dict[str, _FieldPostings] = {}

    @classmethod
    def read(cls, buffer: memoryview) -> SegmentPostings | None:
        """The postings in `buffer` (the file's bytes), or None when it is not a file this
        version reads (another format, another byte order, damaged)."""
        try:
            if bytes(buffer[: len(MAGIC)]) != MAGIC:
                return None
            (length,) = _HEADER_LENGTH.unpack_from(buffer, len(MAGIC))
            body = len(MAGIC) + _HEADER_LENGTH.size + length
            header = json.loads(bytes(buffer[len(MAGIC) + _HEADER_LENGTH.size : body]))
            if header.get("byteorder") != sys.byteorder:
                return None
            postings = cls(buffer, body, header["fields"])
            for field in postings._specs:  # every section within the file
                postings._field(field)
        except (ValueError, KeyError, TypeError, IndexError, struct.error):
            return None
        return postings

    def has_field(self, field: str) -> bool:
        return field in self._specs

    def term(self, field: str, term: str) -> tuple[Sequence[int], Sequence[float]]:
        """The segment's documents with `term` in `field` (a recorded field) and its weight
        in each."""
        postings = self._field(field)
        start, end = postings.find(term.encode("utf-8"))
        return postings.docs[start:end], postings.weights[start:end]

    def has_places(self, field: str) -> bool:
        return field in self._specs and self._field(field).places is not None

    def places(
        self, field: str, term: str, docs: Iterable[int] | None = None, offset: int = 0
    ) -> dict[int, bytes]:
        """The encoded positions of `term` in `field` (a field `has_places`) per document
        that has it, numbered from `offset`: all of them, or those of `docs` (the segment's
        own numbers, sorted)."""
        postings = self._field(field)
        starts = postings.place_starts
        assert starts is not None, "a field without positions"
        index = postings.index_of(term.encode("utf-8"))
        if index < 0:
            return {}
        start, end = postings.range_of(index)
        whole, base = postings.term_places(index)
        numbers = postings.docs
        if docs is None:
            cuts = map(  # each posting's positions cut from the term's, in C
                slice,
                map(base.__rsub__, starts[start:end]),
                map(base.__rsub__, starts[start + 1 : end + 1]),
            )
            numbered = map(offset.__add__, numbers[start:end]) if offset else numbers[start:end]
            return dict(zip(numbered, map(whole.__getitem__, cuts), strict=True))
        found: dict[int, bytes] = {}
        at = start
        for docnum in docs:
            at = bisect_left(numbers, docnum, at, end)
            if at == end:
                break
            if numbers[at] == docnum:
                found[docnum + offset] = whole[starts[at] - base : starts[at + 1] - base]
        return found

    def run(self, field: str, term: str) -> tuple[Sequence[int], Sequence[int], bytes, int]:
        """The encoded positions of `term` in `field` (a field `has_places`) as one run: the
        documents that have it (the segment's numbers), where each one's positions start in
        the run (one more than documents, counted from the base, the last value), and the
        positions, one document's after another."""
        postings = self._field(field)
        starts = postings.place_starts
        assert starts is not None, "a field without positions"
        index = postings.index_of(term.encode("utf-8"))
        if index < 0:
            return (), (0,), b"", 0
        start, end = postings.range_of(index)
        whole, base = postings.term_places(index)
        return postings.docs[start:end], starts[start : end + 1], whole, base

    def _field(self, field: str) -> _FieldPostings:
        found = self._fields.get(field)
        if found is None:
            spec = self._specs[field]
            found = self._fields[field] = _FieldPostings(self._buffer, self._body, spec)
        return found


def _cast(buffer: memoryview, at: int, typecode: str, count: int) -> memoryview:
    size = array(typecode).itemsize
    if at < 0 or at + size * count > len(buffer):
        raise ValueError("a section past the end of the file")
    return buffer[at : at + size * count].cast("B").cast(typecode)
