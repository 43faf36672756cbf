"""The Library object: each part read once, on first use, and again only after `reload`."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.index.schema import IndexUnavailable
from contentfinder.library.opened import Library
from contentfinder.library.scan import LibraryError

TAXONOMY = """
[facets.persona]
label = "Persona"
[[facets.persona.values]]
name = "{name}"
[facets.stage]
label = "Stage"
[[facets.stage.values]]
name = "awareness"
[facets.pain]
label = "Pain"
[[facets.pain.values]]
name = "cost"
"""


def test_reads_the_taxonomy_once(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    (root / "taxonomy.toml").write_text(TAXONOMY.format(name="cfo"))
    library = Library(Settings(library=root, home=tmp_path / "home"))
    first = library.taxonomy
    (root / "taxonomy.toml").write_text(TAXONOMY.format(name="cio"))
    assert library.taxonomy is first
    assert [v.name for v in library.taxonomy.facet("persona").values] == ["cfo"]
    assert [v.name for v in Library(library.settings).taxonomy.facet("persona").values] == ["cio"]


def test_says_what_is_missing(tmp_path: Path) -> None:
    library = Library(Settings(library=tmp_path / "nowhere", home=tmp_path / "home"))
    with pytest.raises(LibraryError, match="nowhere"):
        _ = library.root
    with pytest.raises(IndexUnavailable, match="no index yet"):
        _ = library.index
