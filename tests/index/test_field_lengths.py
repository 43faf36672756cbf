"""`whoosh_internals.field_lengths`: whole lengths columns read as bytes give what Whoosh's
per-document `doc_field_length` gives, on an index of several segments, one with a deletion."""

from __future__ import annotations

import os
import shutil

import pytest

from contentfinder.config import Settings
from contentfinder.index import whoosh_internals
from contentfinder.index.schema import open_for_reading
from contentfinder.index.whoosh_internals import field_lengths
from contentfinder.search.ranking import FIELD_WEIGHTS
from indexer.pipeline import update_index
from tests.conftest import SAMPLE_LIBRARY

EDITED = "Case Studies/Ridgeline Power Cooperative.txt"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("lengths")
    library = root / "library"
    shutil.copytree(SAMPLE_LIBRARY, library)
    settings = Settings(library=library, home=root / "home")
    update_index(settings, workers=1)
    edited = library / EDITED
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOutage drills each spring.\n")
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 10**9))
    assert update_index(settings, workers=1).updated == 1
    return settings


@pytest.mark.parametrize("field", [*FIELD_WEIGHTS, "id"])
def test_lengths_are_whooshs_per_document_lengths(sample: Settings, field: str) -> None:
    index = open_for_reading(sample.index_dir)
    with index.searcher() as searcher:
        reader = searcher.reader()
        assert len(list(reader.leaf_readers())) >= 2
        expected = [
            reader.doc_field_length(d, field, 0) or 0 for d in range(reader.doc_count_all())
        ]
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        assert all(whoosh_internals._length_bytes(leaf, field) is not None for leaf in leaves)
        assert field_lengths(searcher, field) == expected
        if field != "id":
            assert any(expected)  # a field with text: not a list of zeros by accident


def test_the_public_api_gives_the_same(sample: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    index = open_for_reading(sample.index_dir)
    with index.searcher() as searcher:
        fast = field_lengths(searcher, "body")
        monkeypatch.setattr(whoosh_internals, "FAST_PATH", False)
        assert field_lengths(searcher, "body") == fast
