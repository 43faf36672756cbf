"""The contract with Whoosh's internals: the pinned whoosh-reloaded has exactly what
`contentfinder.index.whoosh_internals` relies on, its fast path is the one taken, and the
public-API fallback answers every search the same way."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.matching import ListMatcher
from whoosh.reading import EmptyReader
from whoosh.writing import LockError

from contentfinder.config import Settings
from contentfinder.index import whoosh_internals
from contentfinder.index.analysis import analyze_text
from contentfinder.index.compact_postings import EXTENSION as COMPACT_EXTENSION
from contentfinder.index.schema import open_for_reading, open_for_writing
from contentfinder.index.whoosh_internals import (
    leaf_matcher,
    places_in,
    reads_blocks,
    refreshed,
    segment_count,
    term_postings,
)
from contentfinder.index.whoosh_writer import (
    abandon,
    add_segments,
    posting_codec,
    remove_unfinished,
    segment_writer,
    writer_lock,
)
from contentfinder.search import autocomplete, ranking
from contentfinder.search.results import SearchRequest
from contentfinder.search.session import SearchSession
from indexer.pipeline import update_index
from tests.conftest import REPO, SAMPLE_LIBRARY

TODAY = date(2026, 11, 23)
EDITED = "Case Studies/Ridgeline Power Cooperative.txt"
# Words, phrases (typed and from synonyms), exclusions, filters typed and chosen, a typo,
# browsing; every hit carries its snippet, reasons and tags, and results their facet counts.
QUERIES = [
    SearchRequest(text="roi", today=TODAY),
    SearchRequest(text="cfo migration guide", today=TODAY),
    SearchRequest(text="integrations erp", today=TODAY),
    SearchRequest(text='"month-end close"', today=TODAY),
    SearchRequest(text='"total cost of ownership"', today=TODAY),
    SearchRequest(text="tco", today=TODAY),
    SearchRequest(text="security -soc", today=TODAY),
    SearchRequest(text='close -"month-end"', today=TODAY),
    SearchRequest(text="persona:CFO spend", today=TODAY),
    SearchRequest(text="close", filters={"stage": ("decision", "consideration")}, today=TODAY),
    SearchRequest(text="", filters={"persona": ("CFO",)}, today=TODAY),
    SearchRequest(text="secuirty questionaire", today=TODAY),
    SearchRequest(text="power cooperative outage", today=TODAY, include_expired=True),
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The sample library indexed, then one file edited and indexed again: two segments, one
    of them with a deleted document, as a rep's index soon has."""
    root = tmp_path_factory.mktemp("internals")
    library = root / "library"
    shutil.copytree(SAMPLE_LIBRARY, library)
    settings = Settings(library=library, home=root / "home")
    update_index(settings, workers=2, commit_every_seconds=3600)  # one segment, however slow
    edited = library / EDITED
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOutage drills each spring.\n")
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 10**9))
    assert update_index(settings, workers=1).updated == 1
    return settings


def test_the_installed_whoosh_is_the_pinned_one() -> None:
    pinned = re.search(r'"whoosh-reloaded~=([\d.]+)"', (REPO / "pyproject.toml").read_text())
    assert pinned, "pyproject.toml pins whoosh-reloaded with ~="
    wanted = tuple(int(p) for p in pinned.group(1).split("."))
    installed = tuple(int(p) for p in version("whoosh-reloaded").split(".")[:3])
    assert installed[:2] == wanted[:2] and installed >= wanted


def test_the_names_of_whoosh_files_are_the_ones_assumed(tmp_path: Path) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    assert whoosh_index._DEF_INDEX_NAME == whoosh_internals.INDEX_NAME == ix.indexname
    assert Path(ix.lock("WRITELOCK").filename).name == whoosh_internals.WRITER_LOCK_FILE
    writer = ix.writer()
    try:
        assert (tmp_path / "index" / whoosh_internals.WRITER_TEMP_FOLDER).is_dir()
    finally:
        writer.cancel()


def test_a_matcher_without_blocks_is_read_through_the_public_api() -> None:
    matcher = ListMatcher([1, 4], weights=[2.0, 1.0], values=[b"a", b"b"])
    assert not reads_blocks(matcher)
    weights: dict[int, float] = {}
    places: dict[int, bytes] = {}
    whoosh_internals._read_one_by_one(matcher, 10, weights, places)
    assert (weights, places) == ({11: 2.0, 14: 1.0}, {11: b"a", 14: b"b"})


def test_every_segment_reads_in_blocks_deleted_documents_or_not(sample: Settings) -> None:
    ix = open_for_reading(sample.index_dir)
    assert segment_count(ix) == 2
    with ix.searcher() as searcher:
        leaves = [sub for sub, _ in searcher.leaf_searchers()]
        assert sorted(leaf.reader().has_deletions() for leaf in leaves) == [False, True]
        for leaf in leaves:
            for field in ("title", "body", "tag_text", "summary"):
                term = next(t.decode() for t in leaf.reader().lexicon(field))
                matcher = leaf_matcher(leaf, field, term)
                assert reads_blocks(matcher), (field, type(matcher))


def test_the_fast_path_is_the_one_taken(sample: Settings, monkeypatch) -> None:
    def public_path(*args: object) -> None:
        raise AssertionError("read through the public matcher API")

    assert whoosh_internals.FAST_PATH
    monkeypatch.setattr(whoosh_internals, "_read_one_by_one", public_path)
    with SearchSession(sample) as session:
        for request in QUERIES:
            session.search(request)


def test_both_paths_read_the_same_postings_of_every_term(sample: Settings, monkeypatch) -> None:
    ix = open_for_reading(sample.index_dir)
    with ix.searcher() as searcher:
        for field in ("title", "summary", "tag_text", "body"):
            terms = [t.decode() for t in searcher.reader().lexicon(field)]
            fast = [term_postings(searcher, field, t) for t in terms]
            monkeypatch.setattr(whoosh_internals, "FAST_PATH", False)
            slow = [term_postings(searcher, field, t) for t in terms]
            monkeypatch.setattr(whoosh_internals, "FAST_PATH", True)
            for term, one, other in zip(terms, fast, slow, strict=True):
                assert one == other, (field, term)
        # The old version of the edited file, deleted, still counts: as Whoosh's frequencies.
        deleted = [d for d in range(searcher.doc_count_all()) if searcher.reader().is_deleted(d)]
        assert deleted and deleted[0] in term_postings(searcher, "body", "power")[0]


def test_the_analysis_is_the_same_through_the_fallback(monkeypatch) -> None:
    text = "Month-end close: the close closes closing books, closed on time."
    fast = analyze_text(text)
    monkeypatch.setattr(whoosh_internals, "FAST_PATH", False)
    assert analyze_text(text) == fast


def test_our_writer_lock_is_the_one_whoosh_writers_take(tmp_path: Path) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    lock = writer_lock(tmp_path / "index")
    assert lock.acquire(blocking=False)
    try:
        with pytest.raises(LockError):
            ix.writer(timeout=0)
    finally:
        lock.release()
    writer = ix.writer(timeout=0)
    try:
        assert writer.writelock.fd is not None  # what `abandon` releases when cancel fails
        assert not writer_lock(tmp_path / "index").acquire(blocking=False)
    finally:
        writer.cancel()
    assert writer_lock(tmp_path / "index").acquire(blocking=False)


def test_an_abandoned_writer_leaves_no_file_open_and_the_lock_free(tmp_path: Path) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    writer = ix.writer()
    for n in range(50):
        writer.add_document(id=f"d{n}", title=f"doc {n}", body="words " * 20)
    assert [f for f in ix.storage.opened if not f.is_closed]  # the new segment's files
    abandon(writer)
    assert not [f for f in ix.storage.opened if not f.is_closed]
    lock = writer_lock(tmp_path / "index")
    assert lock.acquire(blocking=False)
    lock.release()


def test_a_merge_policy_copies_segments_with_add_segments(tmp_path: Path) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    for word in ("alpha", "beta", "gamma"):
        writer = ix.writer()
        writer.add_document(id=word, title=word)
        writer.commit(merge=False)
    assert segment_count(ix) == 3

    def merge_all(writer, segments: list) -> list:
        add_segments(writer, segments)
        return []

    writer = ix.writer()
    writer.delete_by_term("id", "beta")
    writer.commit(mergetype=merge_all)
    assert segment_count(ix) == 1
    with ix.searcher() as searcher:
        assert sorted(f["id"] for f in searcher.all_stored_fields()) == ["alpha", "gamma"]


def test_the_lean_segment_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    """Field lengths read once per document instead of once per posting: the same bytes, and
    the text fields' postings recorded beside them."""
    texts = ["alpha beta beta gamma", "", "beta " * 300 + "delta", "gamma alpha"]
    written: dict[str, dict[str, bytes]] = {}
    whoosh = lambda ix, **o: ix.writer(codec=posting_codec(), **o)  # noqa: E731
    for name, make in (("whoosh", whoosh), ("lean", segment_writer)):
        ix, _ = open_for_writing(tmp_path / name)
        writer = make(ix, compound=False)  # the segment's files apart, to compare each
        for number, text in enumerate(texts):
            writer.add_document(id=str(number), title=text, body=analyze_text(text))
        writer.commit()
        written[name] = {
            path.name.removeprefix(f"MAIN_{ix._segments()[0].segid}"): path.read_bytes()
            for path in (tmp_path / name).iterdir()
            if path.suffix not in {".toc", ".seg"} and "_WRITELOCK" not in path.name
        }
    assert written["lean"].pop(COMPACT_EXTENSION).startswith(b"CFP1")
    assert written["lean"] == written["whoosh"]
    assert {".pst", ".trm"} <= set(written["lean"]), written["lean"].keys()


def test_small_posting_blocks_are_plain_and_read_as_whoosh_writes_them(tmp_path: Path) -> None:
    """Small posting blocks are written uncompressed, large ones compressed, and every term's
    postings read back as from an index Whoosh writes with its own codec; the segments name
    Whoosh's plain codec, so reading needs nothing of ours."""
    texts = [f"common word{n} " + "frequent " * (n % 7 + 1) for n in range(300)]
    postings: dict[str, dict[str, tuple[dict[int, float], dict[int, bytes]]]] = {}
    blocks: dict[str, dict] = {}
    infos: dict[str, dict] = {}
    for name, make in (("whoosh", lambda ix: ix.writer()), ("ours", segment_writer)):
        ix, _ = open_for_writing(tmp_path / name)
        writer = make(ix)
        for number, text in enumerate(texts):
            writer.add_document(id=str(number), body=analyze_text(text))
        writer.commit()
        assert all(type(s.codec()) is W3Codec for s in ix._segments())
        with ix.searcher() as searcher:
            terms = [t.decode() for t in searcher.reader().lexicon("body")]
            postings[name] = {t: term_postings(searcher, "body", t) for t in terms}
            kinds = {_block_compression(searcher, t) for t in ("word1", "frequent")}
            blocks[name] = {t: _blocks(searcher, t) for t in ("word1", "common", "frequent")}
            infos[name] = {t: _term_info(searcher, t) for t in terms}
        if name == "ours":
            # word1: one small block; frequent: large ones
            assert kinds == {0, 3}, kinds
    assert postings["ours"] == postings["whoosh"]
    # The same blocks, each with the same statistics, and the same per-term statistics.
    assert len(blocks["ours"]["frequent"]) == 3
    assert blocks["ours"] == blocks["whoosh"]
    assert infos["ours"] == infos["whoosh"]
    assert len(postings["ours"]) > 300


def test_positions_of_a_few_documents_are_those_of_the_whole_postings(tmp_path: Path) -> None:
    """`places_in` skips the blocks that hold none of the documents asked for, over several
    segments and a deletion: the same positions as the term's whole postings."""
    ix, _ = open_for_writing(tmp_path / "index")
    for batch in range(3):
        writer = segment_writer(ix)
        for n in range(batch * 400, batch * 400 + 400):
            words = "frequent " * (n % 5 + 1) + ("rare " if n % 97 == 0 else "") + f"w{n % 3}"
            writer.add_document(id=str(n), body=analyze_text(words))
        writer.commit(merge=False)
    writer = segment_writer(ix)
    writer.delete_by_term("id", "401")
    writer.commit(merge=False)
    with ix.searcher() as searcher:
        for term in ("frequent", "rare", "w1", "absent"):
            whole = term_postings(searcher, "body", term)[1]
            for docs in ([], [0], [5, 401, 402, 799, 800, 1199], range(0, 1200, 37), [1199, 3]):
                expected = {d: whole[d] for d in docs if d in whole}
                assert places_in(searcher, "body", term, docs) == expected, (term, docs)
        assert places_in(searcher, "body", "frequent", [5, 900])[900] != b""


def _blocks(searcher, term: str) -> list[tuple]:  # noqa: ANN001
    """Each posting block's length, longest and shortest document and greatest weight."""
    matcher = leaf_matcher(searcher, "body", term)
    found = []
    while matcher.is_active():
        found.append(
            (
                matcher._blocklength,
                matcher.block_min_length(),
                matcher.block_max_length(),
                matcher.block_max_weight(),
            )
        )
        matcher._next_block()
    return found


def _term_info(searcher, term: str) -> tuple:  # noqa: ANN001
    info = searcher.reader().term_info("body", term)
    return (
        info.weight(),
        info.doc_frequency(),
        info.min_length(),
        info.max_length(),
        info.max_weight(),
        info.min_id(),
        info.max_id(),
    )


def _block_compression(searcher, term: str) -> int:  # noqa: ANN001
    matcher = leaf_matcher(searcher, "body", term)
    return matcher._compression


def test_a_searcher_of_an_empty_index_is_refreshed_by_opening_a_new_one(tmp_path: Path) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    ours, theirs = ix.searcher(), ix.searcher()
    assert isinstance(ours.reader(), EmptyReader)
    assert refreshed(ours, ix) is ours  # still nothing committed
    writer = ix.writer()
    writer.add_document(id="a", title="alpha")
    writer.commit()
    with pytest.raises(TypeError):  # the Whoosh defect `refreshed` works around
        theirs.refresh()
    fresh = refreshed(ours, ix)
    assert fresh.doc_count() == 1
    fresh.close()


def test_files_of_a_segment_never_committed_are_removed(tmp_path: Path) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    writer = ix.writer()
    writer.add_document(id="kept", title="kept")
    writer.commit()
    committed = set(os.listdir(tmp_path / "index"))
    writer = ix.writer()
    for n in range(200):
        writer.add_document(id=f"lost{n}", title=f"lost {n}", body="words " * 50)
    writer.cancel()  # as a run stopped by a full disk: the new segment's files stay
    assert set(os.listdir(tmp_path / "index")) > committed
    lock = writer_lock(tmp_path / "index")
    assert lock.acquire(blocking=False)
    try:
        remove_unfinished(ix)
    finally:
        lock.release()
    assert set(os.listdir(tmp_path / "index")) == committed
    with ix.searcher() as searcher:
        assert [f["id"] for f in searcher.all_stored_fields()] == ["kept"]


def test_every_search_gives_the_same_results_through_the_fallback(
    sample: Settings, monkeypatch
) -> None:
    def everything(session: SearchSession) -> list[object]:
        answers: list[object] = [session.search(request) for request in QUERIES]
        answers += [session.suggest(typed) for typed in ("mig", "cfo sp", "month-end c")]
        first = answers[0].hits[0].id
        answers.append(session.similar(first, today=TODAY))
        return answers

    # Suggestions are looked up while a time budget lasts: the slower path must not offer
    # fewer for being slower.
    monkeypatch.setattr(autocomplete, "CONTEXT_BUDGET_SECONDS", 60.0)
    with SearchSession(sample) as session:
        fast = everything(session)
    # Positions read for each few documents from the blocks holding them, never whole.
    monkeypatch.setattr(ranking, "FEW_DOCS", 0)
    with SearchSession(sample) as session:
        assert everything(session) == fast
    monkeypatch.setattr(whoosh_internals, "FAST_PATH", False)
    with SearchSession(sample) as session:
        slow = everything(session)
    assert all(getattr(a, "hits", True) for a in fast[:9])  # the queries do find something
    assert any('"' in r.text for r in QUERIES) and any("-" in r.text for r in QUERIES)
    for request, one, other in zip(QUERIES, fast, slow, strict=False):
        assert one == other, request.text
    assert fast == slow


def test_the_environment_switches_the_fast_path_off() -> None:
    code = "from contentfinder.index import whoosh_internals as w; print(w.FAST_PATH)"
    env = {**os.environ, whoosh_internals.FAST_PATH_ENV: "0"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
