"""Shared fixtures: a temporary home for every test, and factories for real libraries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from contentfinder.config import Settings
from tests.factories import TEST_TAXONOMY

REPO = Path(__file__).resolve().parent.parent
SAMPLE_LIBRARY = REPO / "resources" / "sample-library"
CORPUS = REPO.parent / "shared" / "corpus" / "realworld"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No test may read or write the real user's data folder.
    monkeypatch.setenv("CONTENTFINDER_HOME", str(tmp_path / "env-home"))
    monkeypatch.delenv("CONTENTFINDER_LIBRARY", raising=False)


@pytest.fixture
def make_library(tmp_path: Path) -> Callable[..., Path]:
    """A library folder with the test taxonomy; `files` maps asset id -> writer(path)."""

    def make(
        files: dict[str, Callable[[Path], object]] | None = None,
        *,
        catalog: str | None = None,
        taxonomy: str | None = TEST_TAXONOMY,
        name: str = "library",
    ) -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        if taxonomy is not None:
            (root / "taxonomy.toml").write_text(taxonomy, encoding="utf-8")
        for asset_id, writer in (files or {}).items():
            path = root / asset_id
            path.parent.mkdir(parents=True, exist_ok=True)
            writer(path)
        if catalog is not None:
            (root / "catalog.csv").write_text(catalog, encoding="utf-8-sig")
        return root

    return make


@pytest.fixture
def settings_for(tmp_path: Path) -> Callable[[Path], Settings]:
    def make(library: Path) -> Settings:
        return Settings(library=library, home=tmp_path / "home")

    return make
