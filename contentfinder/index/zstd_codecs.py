"""Zstandard's compressors and decompressor, kept per thread: an instance must not be used by
two threads at once (the interpreter crashes), and making one per use cost a fifth of reading
a 13 KB cache entry."""

from __future__ import annotations

import threading

import zstandard


class _PerThread(threading.local):
    def __init__(self) -> None:
        self.compressors: dict[int, zstandard.ZstdCompressor] = {}
        self.decompressor = zstandard.ZstdDecompressor()


_LOCAL = _PerThread()


def compressor(level: int) -> zstandard.ZstdCompressor:
    """This thread's compressor at `level`."""
    found = _LOCAL.compressors.get(level)
    if found is None:
        found = _LOCAL.compressors[level] = zstandard.ZstdCompressor(level=level)
    return found


def decompressor() -> zstandard.ZstdDecompressor:
    """This thread's decompressor."""
    return _LOCAL.decompressor
