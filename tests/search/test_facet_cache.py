"""The facet postings cache is a pickle beside the index: one written by an older version,
whose classes have since moved, is a miss, never a crash on the first search."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date

import pytest

from contentfinder.search.facets import CACHE_PREFIX, FacetPostings
from contentfinder.search.session import SearchRequest, search
from indexer.pipeline import update_index
from tests.factories import write_text


def old_pickle(postings: FacetPostings) -> bytes:
    """`postings` as a version that kept FacetPostings in contentfinder/facets.py pickled it."""
    current = pickle.dumps(postings, protocol=2)
    old = current.replace(
        b"ccontentfinder.search.facets\nFacetPostings\n", b"ccontentfinder.facets\nFacetPostings\n"
    )
    assert old != current
    return old


@pytest.fixture
def settings(make_library, settings_for):
    library = make_library(
        {"roi.md": lambda p: write_text(p, "---\npersona: CFO\n---\nROI for finance.")}
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


@pytest.mark.parametrize("stale", ["moved", "cut", "empty", "junk"])
def test_a_stale_facet_cache_is_read_again(settings, stale: str) -> None:
    search(settings, SearchRequest(text="roi"))  # writes the cache for this index generation
    [cache] = settings.index_dir.glob(f"{CACHE_PREFIX}*.pickle")
    old = old_pickle(pickle.loads(cache.read_bytes()))
    with pytest.raises(ModuleNotFoundError, match="contentfinder.facets"):
        pickle.loads(old)
    cache.write_bytes({"moved": old, "cut": old[:40], "empty": b"", "junk": b"junk"}[stale])
    results = search(settings, SearchRequest(text="roi", filters={"persona": ("CFO",)}))
    assert [h.id for h in results.hits] == ["roi.md"]
    assert results.facets["persona"]["CFO"] == 1
    assert isinstance(pickle.loads(cache.read_bytes()), FacetPostings)  # saved again, readable


def test_a_cache_without_expiry_days_is_read_again(make_library, settings_for) -> None:
    library = make_library(
        {
            "old.md": lambda p: write_text(p, "ROI from last year."),
            "due.md": lambda p: write_text(p, "ROI that expires today."),
        },
        catalog="path,expires\nold.md,2026-11-30\ndue.md,2026-12-01\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    today = date(2026, 12, 1)
    search(settings, SearchRequest(text="roi", today=today))
    [cache] = settings.index_dir.glob(f"{CACHE_PREFIX}*.pickle")
    saved = pickle.loads(cache.read_bytes())
    assert sorted(len(docs) for docs in saved.expiry.values()) == [1, 1]
    cache.write_bytes(pickle.dumps(replace(saved, expiry=None)))  # as an older version left it
    results = search(settings, SearchRequest(text="roi", today=today))
    assert [h.id for h in results.hits] == ["due.md"]  # expiring today is still shown
    assert results.expired_hidden == 1
    assert pickle.loads(cache.read_bytes()).expiry is not None  # saved again, with the days


@pytest.mark.parametrize("missing", ["bits", "format_bits"])
def test_a_cache_without_bitsets_is_read_again(settings, missing: str) -> None:
    search(settings, SearchRequest(text="roi"))
    [cache] = settings.index_dir.glob(f"{CACHE_PREFIX}*.pickle")
    saved = pickle.loads(cache.read_bytes())
    cache.write_bytes(pickle.dumps(replace(saved, **{missing: None})))  # an older version's
    results = search(settings, SearchRequest(text="roi", formats=("Markdown",)))
    assert results.facets["persona"]["CFO"] == 1
    assert results.format_counts["Markdown"] == 1
    assert getattr(pickle.loads(cache.read_bytes()), missing) is not None
