"""The lean writer (`whoosh_writer.segment_writer`) writes what Whoosh's own writer writes:
every field of this schema, every term's postings, stored fields, lengths and columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3Codec

from contentfinder.index import posting_pool, whoosh_writer
from contentfinder.index.analysis import analyze_text
from contentfinder.index.schema import (
    SUMMARY_BOOST,
    TITLE_BOOST,
    build_schema,
    open_for_writing,
    tag_field,
)
from contentfinder.index.whoosh_internals import term_postings
from contentfinder.index.whoosh_writer import segment_writer


def _document(number: int) -> dict:
    words = f"roi calculator word{number % 11} " * (number % 3 + 1)
    return {
        "id": f"asset-{number}",
        "title": analyze_text(f"Title {number % 7} of the guide", TITLE_BOOST),
        "title_sort": f"title {number:04d}",
        "summary": analyze_text(f"summary {words}", SUMMARY_BOOST),
        "tag_text": analyze_text("security compliance" if number % 2 else "pricing", 2.0),
        # "only<n>": a term of one document.
        "body": analyze_text(f"{words} only{number}" + " tail" * (number % 5)),
        "spell": "roi calculator guide",
        "free_tags": "Renewal,Q3" if number % 3 else "",
        "format": "pdf" if number % 2 else "docx",
        "kind": "Case Study",
        "size": 1000 + number,
        "content_hash": f"{number:040x}",
        "expires": "2027-01-01" if number % 4 == 0 else "",
        "expires_day": 739_000 + number,
        tag_field("persona"): "CFO,IT Director" if number % 2 else "CFO",
        "_title_boost": 1.0 + number % 2,  # a field boost given with the document
    }


def _written(folder: Path, make) -> dict:  # noqa: ANN001
    ix, _ = open_for_writing(folder)
    writer = make(ix)
    for number in range(150):
        writer.add_document(**_document(number))
    writer.commit()
    found: dict = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        # (field, term bytes, document, weight, value) of every posting, in order.
        found["postings"] = list(reader.iter_postings())
        found["body roi"] = term_postings(searcher, "body", "roi")
        documents = range(reader.doc_count_all())
        found["stored"] = [searcher.stored_fields(d) for d in documents]
        for field in (
            "title",
            "summary",
            "tag_text",
            "body",
            tag_field("persona"),
            "id",
            "spell",
            "free_tags",
            "format",
        ):
            found[f"length {field}"] = [reader.doc_field_length(d, field) for d in documents]
        found["title_sort column"] = list(reader.column_reader("title_sort"))
        found["term infos"] = [
            (field, text, info.weight(), info.doc_frequency(), info.min_length())
            + (info.max_length(), info.max_weight(), info.min_id(), info.max_id())
            for field, text in reader.all_terms()
            for info in [reader.term_info(field, text)]
        ]
    return found


def test_the_lean_writer_writes_what_whooshs_writer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = _written(tmp_path / "whoosh", lambda ix: ix.writer())
    ours = _written(tmp_path / "ours", segment_writer)
    assert len(ours["postings"]) > 2000 and ours["body roi"][0]
    assert {p[0] for p in ours["postings"]} >= {"title", "body", "expires_day", "spell"}
    assert ours == theirs
    single = [i for i in ours["term infos"] if i[0] == "body" and i[1].startswith(b"only")]
    assert len(single) == 150 and all(i[3] == 1 for i in single)
    # A pool too small for the postings: sorted in runs on disk, batches of them at a time.
    runs: list[int] = []
    write_run = posting_pool.GroupedPostingPool._write_run
    monkeypatch.setattr(posting_pool, "RUN_BATCH", 7)
    monkeypatch.setattr(
        posting_pool.GroupedPostingPool,
        "_write_run",
        lambda pool, f, items: runs.append(1) or write_run(pool, f, items),
    )
    spilled = _written(tmp_path / "runs", lambda ix: segment_writer(ix, limitmb=0.05))
    assert len(runs) > 5
    assert spilled == theirs


def test_the_lean_writer_with_another_codec_writes_its_postings_as_whoosh_does(
    tmp_path: Path,
) -> None:
    """Given Whoosh's plain codec (no recording), the commit is Whoosh's own."""
    theirs = _written(tmp_path / "whoosh", lambda ix: ix.writer())
    plain = _written(
        tmp_path / "plain", lambda ix: whoosh_writer._LeanSegmentWriter(ix, codec=W3Codec())
    )
    assert plain == theirs


def test_a_schema_with_a_spelling_field_is_written_by_whooshs_own_add_document(
    tmp_path: Path,
) -> None:
    from whoosh.fields import TEXT, Schema
    from whoosh.index import create_in

    schema = Schema(id=build_schema()["id"], text=TEXT(spelling=True))
    (tmp_path / "spelled").mkdir()
    ix = create_in(str(tmp_path / "spelled"), schema)
    writer = segment_writer(ix)
    writer.add_document(id="a", text="alpha beta")
    writer.commit()
    with ix.searcher() as searcher:
        assert list(searcher.reader().lexicon("text")) == [b"alpha", b"beta"]
