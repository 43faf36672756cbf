"""Each segment's postings of the text fields as plain arrays: per term, the documents that
have it and its weight in each, in a file of the segment's own (`<segment>.cfp`, assembled into
the segment's compound file with Whoosh's own files, and removed with them).

Why: Whoosh keeps a term's documents, weights and positions in the same compressed, pickled
blocks, so learning which assets have a word meant inflating and unpickling every position of
it: a third of a search's time at 50,000 assets. Ranking asks for documents and weights for
every word of every search, and for positions only for phrases and proximity, which are still
read from Whoosh's blocks.

Written while Whoosh writes the segment: its pool yields the postings sorted by field, term and
document, and `PostingsRecorder.passing` notes them on the way (one pass, no second read). Read
through memoryviews of the segment's memory-mapped file: opening one reads its header, finding
a term is a binary search. A segment without the file (an index written before it, or by
another writer) or with one this version cannot read is read from Whoosh's postings instead.
"""

from __future__ import annotations

import json
import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence

EXTENSION = ".cfp"
MAGIC = b"CFP1"
_HEADER_LENGTH = struct.Struct("<I")
_ALIGN = 8


def recorded_fields(schema) -> frozenset[str]:  # noqa: ANN001 - a whoosh schema
    """The fields whose postings are recorded: those analysed into words with positions (the
    text fields searches rank by), not IDs, keywords or numbers."""
    return frozenset(
        name
        for name, field in schema.items()
        if field.format is not None and field.format.supports("positions")
    )


# -- writing ---------------------------------------------------------------------------------


class PostingsRecorder:
    """Notes the postings of `fields` as they pass on their way to Whoosh's writer, and writes
    them as one file."""

    def __init__(self, fields: Collection[str], doc_count: int) -> None:
        """`doc_count`: the segment's documents (numbered from 0)."""
        self._fields = frozenset(fields)
        # Two bytes a document number where they fit: the arrays are held until the segment
        # is written (tens of millions of postings at 50,000 assets).
        self._doc_type = "H" if doc_count <= 1 << 16 else "I"
        # Per field: the terms (bytes, in the pool's order), where each term's postings start,
        # and the postings' documents and weights.
        self._terms: dict[str, list[bytes]] = {}
        self._starts: dict[str, array] = {}
        self._docs: dict[str, array] = {}
        self._weights: dict[str, array] = {}

    def passing(self, postings: Iterable[tuple]) -> Iterator[tuple]:
        """`postings` (Whoosh's pool items: field, term bytes, document, weight, value), each
        passed on unchanged."""
        fields = self._fields
        field_now = term_now = None
        terms: list[bytes] = []
        starts = docs = weights = array("I")
        for item in postings:
            field = item[0]
            if field in fields:
                if field != field_now:
                    field_now, term_now = field, None
                    terms, starts, docs, weights = self._start_field(field)
                term = item[1]
                if term != term_now:
                    term_now = term
                    terms.append(term)
                    starts.append(len(docs))
                docs.append(item[2])
                weights.append(item[3])
            yield item

    def _start_field(self, field: str) -> tuple[list[bytes], array, array, array]:
        if field not in self._terms:
            self._terms[field] = []
            self._starts[field] = array("I")
            self._docs[field] = array(self._doc_type)
            self._weights[field] = array("d")
        return self._terms[field], self._starts[field], self._docs[field], self._weights[field]

    def write(self, dbfile) -> None:  # noqa: ANN001 - a whoosh StructFile, closed here
        """The recorded postings as one file: a header (JSON: each section's place) and the
        sections, each in the narrowest array type that holds its values exactly."""
        sections: list[bytes] = []
        fields: dict[str, dict] = {}
        place = 0

        def section(data: bytes) -> int:
            nonlocal place
            at = place
            padding = -len(data) % _ALIGN
            sections.append(data + b"\0" * padding)
            place += len(data) + padding
            return at

        for field in sorted(self._fields):
            terms = self._terms.get(field, [])
            docs = self._docs.get(field, array("I"))
            weights = self._weights.get(field, array("d"))
            term_starts = array("I", [0])
            for term in terms:
                term_starts.append(term_starts[-1] + len(term))
            posting_starts = array("I", self._starts.get(field, array("I")))
            posting_starts.append(len(docs))
            docs, weights = _narrowest(docs, ("H", "I")), _narrowest(weights, ("H", "f", "d"))
            fields[field] = {
                "terms": len(terms),
                "text": [section(b"".join(terms)), term_starts[-1]],
                "term_starts": section(term_starts.tobytes()),
                "posting_starts": section(posting_starts.tobytes()),
                "docs": [section(docs.tobytes()), docs.typecode],
                "weights": [section(weights.tobytes()), weights.typecode],
            }
        header = json.dumps({"byteorder": sys.byteorder, "fields": fields}).encode()
        header += b" " * (-(len(MAGIC) + _HEADER_LENGTH.size + len(header)) % _ALIGN)
        dbfile.write(MAGIC + _HEADER_LENGTH.pack(len(header)) + header)
        for data in sections:
            dbfile.write(data)
        dbfile.close()


def _narrowest(values: array, typecodes: Sequence[str]) -> array:
    """`values` in the first of `typecodes` that holds every one of them exactly."""
    for typecode in typecodes[:-1]:
        try:
            exact = values if typecode in "fd" else map(int, values)
            narrowed = array(typecode, exact)
        except OverflowError:
            continue
        if narrowed == values:  # compared value by value, in C
            return narrowed
    return array(typecodes[-1], values)


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

    def find(self, term: bytes) -> tuple[int, int]:
        """Where the term's postings are in `docs` and `weights` (an empty range: none)."""
        index = bisect_left(self._terms, term)
        if index == len(self._terms) or self._terms[index] != term:
            return 0, 0
        return self._posting_starts[index], self._posting_starts[index + 1]


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
