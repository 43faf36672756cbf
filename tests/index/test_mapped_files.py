"""Segment files are read in place from the memory map (`contentfinder.index.mapped_files`),
and read exactly as Whoosh's own copy would read them."""

from __future__ import annotations

import io
import mmap
import pickle
import random
from array import array
from pathlib import Path

from whoosh.filedb.structfile import BufferFile

from contentfinder.index.mapped_files import MappedReader
from contentfinder.index.schema import open_for_reading


def _mapped(tmp_path: Path, data: bytes) -> memoryview:
    path = tmp_path / "part.bin"
    path.write_bytes(data)
    with path.open("rb") as f:
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return memoryview(mapped)[3:]  # a part of the map, as a compound file hands it out


def test_reads_seeks_and_lines_as_a_bytes_io_does(tmp_path: Path):
    data = bytes(random.Random(7).randrange(256) for _ in range(5000)) + b"\nlast line"
    view = _mapped(tmp_path, data)
    ours, theirs = MappedReader(view), io.BytesIO(view.tobytes())
    rng = random.Random(11)
    for _ in range(2000):
        operation = rng.choice(("read", "readline", "seek", "seek_cur", "seek_end", "tell"))
        if operation == "read":
            size = rng.choice((-1, None, 0, 1, 7, 300, 10_000))
            assert ours.read(size) == theirs.read(size)
        elif operation == "readline":
            size = rng.choice((-1, 5, 400))
            assert ours.readline(size) == theirs.readline(size)
        elif operation == "seek":
            position = rng.randrange(len(data) + 50)
            assert ours.seek(position) == theirs.seek(position)
        elif operation == "seek_cur":
            step = rng.randrange(-min(theirs.tell(), 3), 20)
            assert ours.seek(step, io.SEEK_CUR) == theirs.seek(step, io.SEEK_CUR)
        elif operation == "seek_end":
            back = -rng.randrange(40)
            assert ours.seek(back, io.SEEK_END) == theirs.seek(back, io.SEEK_END)
        assert ours.tell() == theirs.tell()
    ours.seek(0)
    theirs.seek(0)
    assert list(ours) == list(theirs)


def test_arrays_and_pickles_read_through_it(tmp_path: Path):
    numbers = array("i", range(100))
    data = numbers.tobytes() + pickle.dumps({"field": ["a", "b"]}, protocol=2)
    view = _mapped(tmp_path, b"xyz" + data)[:]
    reader = MappedReader(view)
    got = array("i")
    got.fromfile(reader, 100)
    assert got == numbers
    assert pickle.load(reader) == {"field": ["a", "b"]}
    buffer = bytearray(4)
    reader.seek(0)
    assert reader.readinto(buffer) == 4 and bytes(buffer) == numbers.tobytes()[:4]


def test_whoosh_buffer_files_over_a_map_use_it_and_bytes_still_work(tmp_path: Path):
    view = _mapped(tmp_path, b"...hello\nworld")
    assert isinstance(BufferFile(view).file, MappedReader)
    assert BufferFile(view).read(5) == b"hello"
    assert BufferFile(b"plain bytes").read(5) == b"plain"  # a subset's copy, as before


def test_an_index_reads_the_same_through_the_map(tmp_path: Path):
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import QueryParser

    folder = tmp_path / "ix"
    folder.mkdir()
    ix = index.create_in(str(folder), Schema(id=ID(stored=True), body=TEXT(stored=True)))
    words = "revenue pipeline forecast quota renewal churn onboarding security".split()
    rng = random.Random(3)
    for batch in range(3):  # three segments, each a compound file read through the map
        with ix.writer() as writer:
            for n in range(200):
                body = " ".join(rng.choice(words) for _ in range(30))
                writer.add_document(id=f"{batch}-{n}", body=body)
    ix = index.open_dir(str(folder))
    with ix.searcher() as searcher:
        assert isinstance(searcher.reader().leaf_readers()[0][0]._terms._dbfile.file, MappedReader)
        hits = searcher.search(QueryParser("body", ix.schema).parse("quota churn"), limit=None)
        found = {hit["id"] for hit in hits}
        assert len(found) > 100
        lexicon = list(searcher.reader().lexicon("body"))
        assert sorted(w.decode() for w in lexicon) == sorted(words)
    assert open_for_reading  # the module that installs it is the one every index opens through
