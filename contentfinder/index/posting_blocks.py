"""The postings writer the index's segments are written with: Whoosh's W3 postings writer,
writing small blocks uncompressed, pickling blocks with a protocol that stores bytes as bytes,
and handing each block of a recorded field to its `compact_postings.FieldRecording`.

Everything written here is read by Whoosh's own reader as it is (each block records its
compression; `pickle.loads` reads any protocol), so segments written before or by Whoosh's own
writer read the same.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Sequence

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3PostingsWriter
from whoosh.system import pack_int
from whoosh.util.numeric import length_to_byte

from contentfinder.index.compact_postings import FieldRecording

# Whoosh pickles a block with protocol 2, which has no opcode for bytes: each posting's
# positions go through `_codecs.encode` of a latin-1 string, both ways. Protocol 4 stores them
# as bytes: a block of 128 postings pickles in 7 µs, not 69, unpickles in 8, not 62, and takes
# 3.4 KB, not 6.3. Readers are unchanged (pickle reads any protocol since Python 3.4).
BLOCK_PICKLE_PROTOCOL = 4

# A posting block smaller than this is written uncompressed. Whoosh compresses every block, and
# for the small ones (most terms of a document collection occur in a handful of documents) the
# compressor's set-up costs more than it saves: 0.5 s of the parent's 5 s CPU at 1,000 assets,
# for 0.7% more index. Each block records its own compression, so readers read both kinds.
PLAIN_BLOCK_BYTES = 256


class PostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, writing small blocks plain, pickling them faster, and handing
    every block of a recorded field to its `FieldRecording` (set by the field writer of
    `whoosh_writer`)."""

    recording: FieldRecording | None = None

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - whoosh's
        super().__init__(*args, **kwargs)
        self._level = self._compression
        self._postfile = _PositionKept(self._postfile)

    def finish_postings(self):  # noqa: ANN201 - whoosh's terminfo
        if self.recording is not None and not self.written() and len(self) < self._inlinelimit:
            # Inlined in the term's info: no block.
            self.recording.add(self._ids, self._weights, self._values)
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

    def add_run(
        self,
        docnums: Sequence[int],
        weights: Sequence[float],
        values: Sequence[bytes | None],
        lengths: Sequence[int | None],
    ) -> None:
        """`add_posting` for each of a run of the current term's postings, a block's worth
        at a time: the same blocks, written when the next posting finds one full."""
        limit, at, count = self._blocklimit, 0, len(docnums)
        while at < count:
            if len(self._ids) >= limit:
                self._write_block()
            end = min(count, at + limit - len(self._ids))
            self._ids.extend(docnums[at:end])
            self._weights.extend(weights[at:end])
            self._maxweight = max(self._maxweight, max(weights[at:end]))
            self._values.extend(filter(None, values[at:end]))  # as add_posting: the non-empty
            known = [n for n in lengths[at:end] if n]
            if known:
                shortest = min(known)
                if self._minlength is None or shortest < self._minlength:
                    self._minlength = shortest
                self._maxlength = max(self._maxlength, max(known))
            at = end

    def _write_block(self, last: bool = False) -> None:
        """Whoosh's `W3PostingsWriter._write_block`, the block's data pickled with protocol 4
        (see BLOCK_PICKLE_PROTOCOL); small blocks plain, and recorded."""
        # The block's size before pickling: ids and weights, and the encoded positions.
        size = 8 * len(self._ids) + sum(map(len, self._values))
        comp = self._compression = self._level if size >= PLAIN_BLOCK_BYTES else 0
        if self.recording is not None:
            self.recording.add(self._ids, self._weights, self._values)
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = pickle.dumps(data, BLOCK_PICKLE_PROTOCOL)
        if comp:
            databytes = zlib.compress(databytes, comp)
        # What a reader checks before it inflates the data, pickled as Whoosh does (no bytes).
        ids = self._ids
        info = (
            len(ids),
            ids[-1],
            self._maxweight,
            comp,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        infobytes = pickle.dumps(info, 2)
        blocklength = len(infobytes) + len(databytes)
        postfile.write_int(-blocklength if last else blocklength)  # the last one: negative
        postfile.write(infobytes)
        postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class _PositionKept:
    """The postings file as its writer uses it (write, write_int, tell), its position counted
    rather than asked of the system: a buffered file's `tell` is a system call (lseek, 0.6 µs
    here), and Whoosh asks twice per term. Only the postings writer writes to this file."""

    def __init__(self, structfile) -> None:  # noqa: ANN001 - a whoosh StructFile
        self._file = structfile
        self._position = structfile.tell()

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._position += len(data)

    def write_int(self, number: int) -> None:
        self.write(pack_int(number))

    def tell(self) -> int:
        return self._position

    def __getattr__(self, name: str):  # noqa: ANN204 - anything else is the file's
        return getattr(self._file, name)
