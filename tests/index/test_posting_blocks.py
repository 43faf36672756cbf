"""The index's posting blocks: what Whoosh writes, with positions pickled as bytes (protocol 4,
not Whoosh's protocol 2, which sends every posting's bytes through `_codecs.encode`), small
blocks uncompressed, and read back by Whoosh's own reader."""

from __future__ import annotations

import io
import pickle
import zlib

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb.structfile import StructFile

from contentfinder.index.positions import FixedPositions, encode_positions
from contentfinder.index.posting_blocks import BLOCK_PICKLE_PROTOCOL, PostingsWriter


def _blocks(postings: list[tuple[int, float, bytes]]) -> list[tuple[tuple, bytes]]:
    """Each block a term's postings are written in: its info and its data's pickle."""
    buffer = io.BytesIO()
    writer = PostingsWriter(StructFile(buffer), blocklimit=128, compression=3)
    writer.start_postings(FixedPositions(), W3TermInfo())
    for docnum, weight, value in postings:
        writer.add_posting(docnum, weight, value)
    writer.finish_postings()
    stream = io.BytesIO(buffer.getvalue())
    assert stream.read(len(WHOOSH3_HEADER_MAGIC)) == WHOOSH3_HEADER_MAGIC
    blocks = []
    while True:
        length = int.from_bytes(stream.read(4), "big", signed=True)
        start = stream.tell()
        info = pickle.load(stream)
        data = stream.read(abs(length) - (stream.tell() - start))
        blocks.append((info, zlib.decompress(data) if info[3] else data))
        if length < 0:  # the last block
            return blocks


def test_a_small_block_is_pickled_plain_with_its_positions_as_bytes() -> None:
    postings = [(3, 2.0, encode_positions([1, 9])), (8, 1.0, encode_positions([4]))]
    [(info, data)] = _blocks(postings)
    assert info[:2] == (2, 8) and info[3] == 0  # two postings, the last document 8, plain
    assert data[:2] == pickle.PROTO + bytes([BLOCK_PICKLE_PROTOCOL])
    assert b"_codecs" not in data
    ids, weights, values = pickle.loads(data)
    assert ids == (3, 5) and weights == (2.0, 1.0)  # document numbers as gaps
    assert values == (encode_positions([1, 9]), encode_positions([4]))


def test_a_long_run_of_postings_fills_compressed_blocks() -> None:
    postings = [(n, 1.0, encode_positions(range(n % 7 + 1))) for n in range(300)]
    blocks = _blocks(postings)
    assert [info[0] for info, _ in blocks] == [128, 128, 44]
    assert all(info[3] for info, _ in blocks)  # large enough to be worth compressing
    values = [v for _, data in blocks for v in pickle.loads(data)[2]]
    assert values == [p[2] for p in postings]
