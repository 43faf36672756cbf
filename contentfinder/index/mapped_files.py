"""Whoosh's segment files read in place from the memory map, not copied first.

Whoosh maps each segment's compound file and hands a part of it (a terms table, postings) to
its readers as a `BufferFile`, which wraps the part in a `BytesIO`; a `BytesIO` made from a
memory view copies it. Opening a reader copies every segment's terms this way: at 50,000
assets, about a second of copying per reader, and an index run opens three of them, the app's
search process one more at its start. `install` makes `BufferFile` read through a view of the
map instead, which copies only what is read. Its random access (`get`, what searching uses)
already read the view; only the sequential reads (`read`, `seek`, a table's header) went
through the copy. Installed when `contentfinder.index.schema`, which opens every index, is
imported; `tests/index/test_mapped_files.py` checks it and the Whoosh it relies on.
"""

from __future__ import annotations

import io
from io import BytesIO

from whoosh.filedb.structfile import BufferFile

_LINE_CHUNK = 256


class MappedReader:
    """A read-only, seekable file over a memory view, reading without copying the view."""

    __slots__ = ("_buf", "_length", "_position")

    def __init__(self, buf: memoryview) -> None:
        self._buf = buf
        self._length = len(buf)
        self._position = 0

    closed = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def read(self, size: int | None = -1) -> bytes:
        start = self._position
        end = self._length if size is None or size < 0 else min(self._length, start + size)
        if end <= start:
            return b""
        self._position = end
        return self._buf[start:end].tobytes()

    def readinto(self, target: bytearray | memoryview) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        limit = self._length
        if size is not None and size >= 0:
            limit = min(limit, self._position + size)
        start = end = self._position
        while end < limit:
            chunk = self._buf[end : min(limit, end + _LINE_CHUNK)].tobytes()
            newline = chunk.find(b"\n")
            if newline >= 0:
                end += newline + 1
                break
            end += len(chunk)
        self._position = end
        return self._buf[start:end].tobytes()

    def __iter__(self):  # noqa: ANN204 - lines, as a file gives them
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence == io.SEEK_END:
            offset += self._length
        if offset < 0:
            raise ValueError(f"negative seek position {offset}")
        self._position = offset
        return offset

    def tell(self) -> int:
        return self._position

    def write(self, _data: bytes) -> int:
        raise io.UnsupportedOperation("a segment file is read-only")

    def truncate(self, _size: int | None = None) -> int:
        raise io.UnsupportedOperation("a segment file is read-only")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass  # the view belongs to the segment's storage, which releases the map


def _buffer_file_init(self, buf, name=None, onclose=None) -> None:  # noqa: ANN001
    """`BufferFile.__init__` as Whoosh has it, but a memory view is read in place."""
    self._buf = buf
    self._name = name
    self.file = MappedReader(buf) if isinstance(buf, memoryview) else BytesIO(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def install() -> None:
    BufferFile.__init__ = _buffer_file_init


install()
