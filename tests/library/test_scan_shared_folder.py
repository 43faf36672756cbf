"""The asset scan and the shared extraction cache's folder at the library root."""

from __future__ import annotations

from contentfinder.index.shared_cache import SHARED_FOLDER, shared_text_dir
from contentfinder.library.scan import scan_library
from tests.factories import write_text


def test_the_shared_cache_folder_holds_no_assets_whatever_it_contains(make_library) -> None:
    library = make_library({"Guides/close.md": lambda p: write_text(p, "# Close faster")})
    entries = shared_text_dir(library) / "ab"
    entries.mkdir(parents=True)
    (entries / ("ab" + "0" * 38 + ".entry")).write_bytes(b"{}\n")
    write_text(library / SHARED_FOLDER / "stray.md", "# looks like an asset")
    write_text(library / SHARED_FOLDER / "notes.docx", "not even a document")
    scan = scan_library(library)
    assert list(scan.assets) == ["Guides/close.md"]
    assert scan.unsupported == []
    assert scan.unreadable == []
