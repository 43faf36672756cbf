"""The segment writer's pool gives every posting it was given, in the order Whoosh's sorting
pool gives them (field, term, document), whether it kept them in memory or wrote runs."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from contentfinder.index import posting_pool
from contentfinder.index.posting_pool import GroupedPostingPool

FIELDS = ("title", "body", "tags", "id")


def _documents(count: int, seed: int) -> list[dict[str, list[tuple]]]:
    """Per document, per field, its (term bytes, frequency, weight, positions) items."""
    rng = random.Random(seed)
    words = [f"w{n}".encode() for n in range(300)]
    documents = []
    for _ in range(count):
        fields = {}
        for field in rng.sample(FIELDS, rng.randint(1, len(FIELDS))):
            terms = rng.sample(words, rng.randint(1, 40))
            fields[field] = [(t, 1, rng.choice((1.0, 2.5)), bytes([len(t)])) for t in terms]
        documents.append(fields)
    return documents


def _pooled(tmp_path: Path, documents: list, limitmb: float, boost: float = 1.0) -> tuple:
    storage = FileStorage(str(tmp_path)).create()
    pool = GroupedPostingPool(storage, segment=None, limitmb=limitmb)
    for docnum, fields in enumerate(documents):
        # Half the documents come as a merge adds them (`add`), posting by posting.
        for field, items in fields.items():
            if docnum % 2:
                pool.add_field(field, docnum, items, boost)
            else:
                for term, _, weight, value in items:
                    pool.add((field, term, docnum, weight * boost, value))
    runs = len(pool.runs)
    return list(pool.iter_postings()), runs, sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize("limitmb", [64, 0.02])
def test_the_pool_gives_every_posting_sorted_as_whoosh_does(
    tmp_path: Path, limitmb: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(posting_pool, "RUN_BATCH", 5)  # several pickles to a run
    documents = _documents(300, seed=3)
    given = [
        (field, term, docnum, weight * 2.0, value)
        for docnum, fields in enumerate(documents)
        for field, items in fields.items()
        for term, _, weight, value in items
    ]
    postings, runs, files_left = _pooled(tmp_path, documents, limitmb, boost=2.0)
    assert postings == sorted(given)
    assert (runs > 3) == (limitmb < 1)  # the small pool wrote runs and merged them
    assert files_left == []  # each run file is removed once read


def test_a_term_in_several_runs_keeps_its_documents_in_order(tmp_path: Path) -> None:
    storage = FileStorage(str(tmp_path)).create()
    pool = GroupedPostingPool(storage, segment=None, limitmb=64)
    for docnum in range(6):
        pool.add_field("body", docnum, [(b"roi", 1, 1.0, None), (b"x%d" % docnum, 1, 1.0, None)], 1)
        pool.save()  # a run per document
    groups = list(pool.term_postings())
    assert groups[0] == ("body", b"roi", [(n, 1.0, None) for n in range(6)])
    assert [term for _, term, _ in groups] == [b"roi", *(b"x%d" % n for n in range(6))]


def test_a_run_is_written_in_batches_bounded_by_postings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge holds one batch of every run at once: a batch of many common terms would
    hold most of a run (at 50,000 assets the writing process peaked at 1.5 GB so)."""
    monkeypatch.setattr(posting_pool, "RUN_BATCH", 10)
    storage = FileStorage(str(tmp_path)).create()
    pool = GroupedPostingPool(storage, segment=None, limitmb=64)
    for docnum in range(4):
        pool.add_field("body", docnum, [(b"t%02d" % n, 1, 1.0, None) for n in range(30)], 1.0)
    pool.add_field("body", 4, [(b"t00", 1, 1.0, None)], 1.0)  # t00: 5 postings, the rest 4
    pool.save()
    (run,) = pool.runs
    sizes = []
    with open(tmp_path / run, "rb") as f:
        while True:
            try:
                sizes.append([len(postings) for _, _, postings in pickle.load(f)])
            except EOFError:
                break
    assert sum(map(sum, sizes)) == 121
    assert all(sum(batch) < 10 + max(batch) for batch in sizes)  # it ends at 10 or more
    assert all(sum(batch) >= 10 for batch in sizes[:-1])
