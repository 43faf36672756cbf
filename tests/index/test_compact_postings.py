"""The text fields' postings recorded as arrays beside each segment (`compact_postings`) give
exactly the weights Whoosh's own postings give, over several segments, deletions and merges; a
segment without them, or with a damaged file, is read from Whoosh's postings instead."""

from __future__ import annotations

import os
from array import array
from pathlib import Path
from types import SimpleNamespace

import pytest
import zstandard

from contentfinder.index import compact_postings, whoosh_internals
from contentfinder.index.analysis import analyze_text
from contentfinder.index.compact_postings import (
    EXTENSION,
    DamagedPositions,
    FieldRecording,
    PostingsRecorder,
    SegmentPostings,
    _narrowest,
    is_recorded,
)
from contentfinder.index.positions import encode_positions
from contentfinder.index.schema import (
    SUMMARY_BOOST,
    TITLE_BOOST,
    build_schema,
    open_for_writing,
)
from contentfinder.index.term_reader import PlacesRun, TermReader
from contentfinder.index.whoosh_internals import (
    segment_count,
    segment_file,
    term_postings,
)
from contentfinder.index.whoosh_writer import add_segments, segment_writer

TEXT_FIELDS = ("title", "summary", "tag_text", "body")


def _add(writer, number: int) -> None:  # noqa: ANN001
    words = [f"word{number % 13}", "common", f"rare{number}", "ünïcode" if number % 5 else "zebra"]
    body = " ".join(words * (number % 4 + 1)) + " tail" * (number % 3)
    writer.add_document(
        id=str(number),
        title=analyze_text(f"title {words[0]} {number % 2}", TITLE_BOOST),
        summary=analyze_text(f"summary {words[2]} common common", SUMMARY_BOOST),
        tag_text=analyze_text("roi calculator" if number % 2 else "", 2.0),
        body=analyze_text(body),
    )


def _every_term(searcher) -> list[tuple[str, str]]:  # noqa: ANN001
    reader = searcher.reader()
    return [(f, t.decode()) for f in TEXT_FIELDS for t in reader.lexicon(f)]


def _assert_as_whoosh_reads(ix) -> None:  # noqa: ANN001
    with ix.searcher() as searcher:
        reader = TermReader(searcher)
        terms = _every_term(searcher)
        assert len(terms) > 60
        some = [0, 3, 41, 42, 80, 119, 121, 159, 10_000]  # across segments, some without
        for field, term in [*terms, ("body", "absent"), ("title", "zzz")]:
            weights, places = term_postings(searcher, field, term)
            assert reader.weights(field, term) == weights, term
            assert reader.places(field, term) == places, term
            wanted = {d: v for d, v in places.items() if d in some}
            assert reader.places(field, term, some) == wanted, term
            assert _places_of_runs(reader.places_runs(field, term)) == places, term


def _places_of_runs(runs: list[PlacesRun]) -> dict[int, bytes]:
    """Encoded positions per document, cut from each segment's run."""
    found = {}
    for run in runs:
        cuts = [start - run.base for start in run.starts]
        for docnum, begin, end in zip(run.docs, cuts, cuts[1:], strict=False):
            found[docnum + run.offset] = run.places[begin:end]
    return found


def test_recorded_fields_are_the_text_fields() -> None:
    assert {name for name, field in build_schema().items() if is_recorded(field)} == set(
        TEXT_FIELDS
    )


def test_every_segment_records_what_whoosh_reads_over_commits_deletions_and_merges(
    tmp_path: Path,
) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    for batch in range(4):
        writer = segment_writer(ix)
        for number in range(batch * 40, batch * 40 + 40):
            _add(writer, number)
        writer.commit(merge=False)
    writer = segment_writer(ix)
    for number in range(0, 160, 7):
        writer.delete_by_term("id", str(number))
    writer.commit(merge=False)
    assert segment_count(ix) == 4
    with ix.searcher() as searcher:
        segments = TermReader(searcher).segments()
        assert all(recorded is not None for _, _, recorded in segments)
        assert all(r.has_places(f) for _, _, r in segments for f in TEXT_FIELDS)  # type: ignore[union-attr]
    _assert_as_whoosh_reads(ix)

    def merge_all(writer, segments: list) -> list:  # noqa: ANN001
        add_segments(writer, segments)
        return []

    writer = segment_writer(ix)
    _add(writer, 1000)
    writer.commit(mergetype=merge_all)
    assert segment_count(ix) == 1
    _assert_as_whoosh_reads(ix)


def test_a_segment_written_without_them_is_read_from_whoosh(tmp_path: Path) -> None:
    """An index written before the recorded postings existed (Whoosh's own writer here), and
    one segment of each kind."""
    ix, _ = open_for_writing(tmp_path / "index")
    for make in (lambda ix: ix.writer(), segment_writer):
        writer = make(ix)
        for number in range(30):
            _add(writer, number)
        writer.commit(merge=False)
    with ix.searcher() as searcher:
        recorded = [r is not None for _, _, r in TermReader(searcher).segments()]
    assert sorted(recorded) == [False, True]
    _assert_as_whoosh_reads(ix)


def test_whooshs_public_api_alone_reads_no_recorded_postings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    writer = segment_writer(ix)
    for number in range(20):
        _add(writer, number)
    writer.commit()
    monkeypatch.setattr(whoosh_internals, "FAST_PATH", False)
    with ix.searcher() as searcher:
        assert [r for _, _, r in TermReader(searcher).segments()] == [None]
    _assert_as_whoosh_reads(ix)


def test_the_file_goes_with_its_segment(tmp_path: Path) -> None:
    """Written apart (not assembled into a compound file), it is removed as Whoosh removes a
    merged segment's own files."""
    ix, _ = open_for_writing(tmp_path / "index")
    for batch in range(2):
        writer = segment_writer(ix, compound=False)
        _add(writer, batch)
        writer.commit(merge=False)
    recorded = sorted(p for p in os.listdir(tmp_path / "index") if p.endswith(EXTENSION))
    assert len(recorded) == 2
    writer = segment_writer(ix, compound=False)
    _add(writer, 9)
    writer.commit(optimize=True)
    [segment] = ix._segments()
    left = sorted(p for p in os.listdir(tmp_path / "index") if p.endswith(EXTENSION))
    assert left == [segment.make_filename(EXTENSION)]
    _assert_as_whoosh_reads_small(ix)


def _assert_as_whoosh_reads_small(ix) -> None:  # noqa: ANN001
    with ix.searcher() as searcher:
        reader = TermReader(searcher)
        assert all(r is not None for _, _, r in reader.segments())
        for field, term in _every_term(searcher):
            weights, places = term_postings(searcher, field, term)
            assert reader.weights(field, term) == weights
            assert reader.places(field, term) == places
            assert _places_of_runs(reader.places_runs(field, term)) == places


def _one_segment(tmp_path: Path, documents: int):  # noqa: ANN202 - a whoosh index
    ix, _ = open_for_writing(tmp_path / "index")
    writer = segment_writer(ix)
    for number in range(documents):
        _add(writer, number)
    writer.commit()
    return ix


def _recorded_bytes(tmp_path: Path) -> bytes:
    ix = _one_segment(tmp_path, 10)
    with ix.searcher() as searcher:
        [(reader, _)] = whoosh_internals.leaf_readers(searcher)
        return bytes(segment_file(reader, EXTENSION))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"CFP9" + data[4:],  # another version's
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:8] + b"{not json" + data[17:],
        lambda data: data.replace(b'"little"', b'"big!!!"').replace(b'"big"', b'"little"'),
    ],
)
def test_a_damaged_or_foreign_file_is_not_read(tmp_path: Path, damage) -> None:  # noqa: ANN001
    data = _recorded_bytes(tmp_path)
    assert SegmentPostings.read(memoryview(data)) is not None
    assert SegmentPostings.read(memoryview(damage(data))) is None


def test_values_are_kept_in_the_narrowest_exact_array() -> None:
    assert _narrowest(array("I", [1, 65535]), ("H", "I")).typecode == "H"
    assert _narrowest(array("I", [1, 65536]), ("H", "I")).typecode == "I"
    assert _narrowest(array("d", [3.0, 6.0]), ("H", "f", "d")).typecode == "H"
    assert _narrowest(array("d", [1.5, 4.5]), ("H", "f", "d")).typecode == "f"
    exact = _narrowest(array("d", [0.1, 2.0]), ("H", "f", "d"))
    assert exact.typecode == "d" and exact.tolist() == [0.1, 2.0]


def _write(recorder: PostingsRecorder, target: Path) -> SegmentPostings:
    with target.open("wb") as dbfile:
        recorder.write(dbfile)
    recorded = SegmentPostings.read(memoryview(target.read_bytes()))
    assert recorded is not None
    return recorded


def test_a_recording_reads_back_term_by_term(tmp_path: Path) -> None:
    recorder = PostingsRecorder()
    body = recorder.field("body")
    body.start_term(b"alpha")
    body.add(array("I", [0, 3]), array("f", [1.0, 2.0]), [b"a0", b"a3"])
    body.start_term(b"beta")
    body.add(array("I", [1]), array("f", [1.5]), [b"b1"])
    body.add(array("I", [2]), array("f", [4.5]), [b"b2..."])  # a second block of the term
    title = recorder.field("title")
    title.start_term(b"gamma")
    title.add(array("I", [7]), array("f", [3.0]))  # no positions: none kept for the field
    recorded = _write(recorder, tmp_path / "recorded")
    assert not recorded.has_field("id")
    docs, weights = recorded.term("body", "alpha")
    assert list(docs) == [0, 3] and list(weights) == [1.0, 2.0]
    docs, weights = recorded.term("body", "beta")
    assert list(docs) == [1, 2] and list(weights) == [1.5, 4.5]
    assert list(recorded.term("title", "gamma")[0]) == [7]
    assert list(recorded.term("title", "alpha")[0]) == []
    assert list(recorded.term("body", "zzz")[0]) == []
    assert recorded.has_places("body") and not recorded.has_places("title")
    assert recorded.places("body", "alpha") == {0: b"a0", 3: b"a3"}
    assert recorded.places("body", "beta", offset=10) == {11: b"b1", 12: b"b2..."}
    assert recorded.places("body", "beta", [0, 2, 5], offset=10) == {12: b"b2..."}
    assert recorded.places("body", "zzz") == {}


def test_a_segment_of_more_documents_than_two_bytes_number(tmp_path: Path) -> None:
    recorder = PostingsRecorder()
    recorder.field("body").start_term(b"alpha")
    recorder.field("body").add(array("I", [3, 69_999]), array("f", [1.0, 2.0]))
    recorded = _write(recorder, tmp_path / "recorded")
    assert list(recorded.term("body", "alpha")[0]) == [3, 69_999]


def test_a_file_without_positions_has_them_read_from_whoosh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a segment recorded before positions were: weights from the file, positions from
    Whoosh's blocks, the same either way."""
    add = FieldRecording.add
    monkeypatch.setattr(
        FieldRecording, "add", lambda self, docs, weights, places=(): add(self, docs, weights)
    )
    ix = _one_segment(tmp_path, 40)
    monkeypatch.undo()
    with ix.searcher() as searcher:
        [(_, _, recorded)] = TermReader(searcher).segments()
        assert recorded is not None and recorded.has_field("body")
        assert not any(recorded.has_places(f) for f in TEXT_FIELDS)
    _assert_as_whoosh_reads(ix)


def test_long_runs_of_positions_are_stored_compressed(tmp_path: Path) -> None:
    recorder = PostingsRecorder()
    body = recorder.field("body")
    long_run = [encode_positions(list(range(n, 400, 3))) for n in range(3)]
    body.start_term(b"common")
    body.add(array("I", [0, 1, 2]), array("f", [1.0, 1.0, 1.0]), long_run)
    body.start_term(b"rare")
    body.add(array("I", [1]), array("f", [1.0]), [encode_positions([5])])
    path = tmp_path / "recorded"
    recorded = _write(recorder, path)
    assert path.stat().st_size < sum(map(len, long_run))
    assert recorded.places("body", "common") == dict(enumerate(long_run))
    assert recorded.places("body", "common", [2]) == {2: long_run[2]}
    assert recorded.places("body", "rare") == {1: encode_positions([5])}


def test_a_damaged_run_of_positions_is_read_from_whoosh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that no longer inflates (a damaged file) is read from Whoosh's blocks, the
    search goes on."""
    broken = SimpleNamespace(compress=lambda data: zstandard.FRAME_HEADER + b"not zstd")
    monkeypatch.setattr(compact_postings.zstd_codecs, "compressor", lambda level: broken)
    ix = _one_segment(tmp_path, 40)
    monkeypatch.undo()
    with ix.searcher() as searcher:
        [(_, _, recorded)] = TermReader(searcher).segments()
        with pytest.raises(DamagedPositions):
            recorded.places("body", "common")  # type: ignore[union-attr]
        with pytest.raises(DamagedPositions):
            recorded.run("body", "common")  # type: ignore[union-attr]
    _assert_as_whoosh_reads(ix)
