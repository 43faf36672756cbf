"""Hits for preview tests: what a search returns for an asset of the sample library."""

from __future__ import annotations

from pathlib import Path

from contentfinder.search.results import Hit, Match
from tests.conftest import SAMPLE_LIBRARY

KINDS = {
    "PDF": "document",
    "Word": "document",
    "PowerPoint": "presentation",
    "Excel": "spreadsheet",
    "Markdown": "text",
    "Text": "text",
    "HTML": "web",
}


def hit_for(
    path: Path | str,
    fmt: str,
    *,
    location: int | None = None,
    words: tuple[str, ...] = (),
    snippet: str = "",
) -> Hit:
    path = Path(path)
    asset_id = (
        str(path.relative_to(SAMPLE_LIBRARY)) if path.is_relative_to(SAMPLE_LIBRARY) else path.name
    )
    marked = snippet or " ".join(f"<b>{word}</b>" for word in words)
    return Hit(
        id=asset_id,
        title=path.stem,
        path=str(path),
        score=1.0,
        snippet=marked,
        location=location,
        tags={},
        free_tags=(),
        format=fmt,
        kind=KINDS[fmt],
        owner="",
        expires=None,
        expired=False,
        expiring_soon=False,
        matches=tuple(Match(w, w, "typed", ("body",)) for w in words),
    )
