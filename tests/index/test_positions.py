"""Positions stored fixed-width: the values the index holds, and Whoosh reading them through
the schema's format (its own phrase queries and matchers)."""

from __future__ import annotations

from pathlib import Path

from whoosh import index, query
from whoosh.fields import ID, Schema

from contentfinder.index.analysis import PreAnalyzedText, analyze_text, text_analyzer
from contentfinder.index.positions import FixedPositions, decode_positions, encode_positions
from contentfinder.index.schema import build_schema


def test_positions_are_stored_as_little_endian_32_bit_integers() -> None:
    places = [0, 3, 4, 17, 300, 70_000, 2**32 - 1]
    encoded = encode_positions(places)
    assert encoded[:8] == b"\0\0\0\0\x03\0\0\0"
    assert encoded[-4:] == b"\xff\xff\xff\xff" and len(encoded) == 4 * len(places)
    assert decode_positions(encoded).tolist() == places
    assert decode_positions(encoded + b"\x07").tolist() == places  # a torn last value: cut
    assert decode_positions(b"").tolist() == []


def test_the_format_gives_whoosh_frequency_weight_and_positions() -> None:
    format_ = FixedPositions(field_boost=3.0)
    value = format_.encode([2, 9, 11])
    assert format_.decode_frequency(value) == 3
    assert format_.decode_weight(value) == 9.0
    assert format_.decode_positions(value) == [2, 9, 11]
    assert format_.decode_positions(format_.combine([value, format_.encode([5, 9])])) == [
        2,
        5,
        9,
        11,
    ]


def test_every_text_field_of_the_schema_stores_positions_fixed_width() -> None:
    schema = build_schema()
    for name in ("title", "summary", "tag_text", "body"):
        assert type(schema[name].format) is FixedPositions, name
    assert schema["title"].format.field_boost == 3.0


def test_the_workers_analysis_is_what_the_field_itself_makes() -> None:
    field = PreAnalyzedText(analyzer=text_analyzer(), field_boost=1.5)
    text = "Total cost of ownership: the cost, the costs, total."
    assert set(analyze_text(text, 1.5).items) == set(field.index(text))
    cost = next(v for t, _, _, v in analyze_text(text).items if t == b"cost")
    assert decode_positions(cost).tolist() == [1, 3, 4]  # 'of', 'the' are stop words


def test_whoosh_phrase_queries_read_the_stored_positions(tmp_path: Path) -> None:
    schema = Schema(id=ID(stored=True), body=PreAnalyzedText(analyzer=text_analyzer()))
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        writer.add_document(id="a", body="a security review in a week")
        writer.add_document(id="b", body=analyze_text("review the security of it"))
        writer.add_document(id="c", body=analyze_text("security review time"))
    with ix.searcher() as searcher:
        phrase = query.Phrase("body", ["secur", "review"])
        assert sorted(hit["id"] for hit in searcher.search(phrase)) == ["a", "c"]
        spans = searcher.search(query.Term("body", "review"), terms=True)
        assert len(spans) == 3
