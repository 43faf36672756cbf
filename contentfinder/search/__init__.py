"""Search: a `SearchRequest` in, plain `SearchResults` out, and everything between (query
understanding, synonyms, spelling, ranking, facets, snippets, versions, similar, autocomplete,
and the service loop the app's search child runs).

`from contentfinder.search import SearchSession, SearchRequest` is the front door; the names
are loaded on first use so that importing one search module does not open them all.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contentfinder.search.results import Hit, SearchRequest, SearchResults
    from contentfinder.search.session import SearchSession

_EXPORTS = {
    "SearchSession": "contentfinder.search.session",
    "SearchRequest": "contentfinder.search.results",
    "SearchResults": "contentfinder.search.results",
    "Hit": "contentfinder.search.results",
}
__all__ = ["Hit", "SearchRequest", "SearchResults", "SearchSession"]


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the export is
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'contentfinder.search' has no attribute {name!r}")
