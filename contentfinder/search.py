"""Search: a `SearchRequest` in, plain `SearchResults` out (hits, facet counts, "did you mean").

Queries are built as Whoosh query objects, never glued together as strings. Values selected
within one facet are ORed, facets are ANDed; counts are in `contentfinder.facets`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from whoosh import qparser, query

from contentfinder.config import Settings
from contentfinder.facets import FacetPostings
from contentfinder.index_schema import VALUE_SEPARATOR, open_for_reading, tag_field
from contentfinder.snippets import make_snippet, term_finder
from contentfinder.taxonomy import Taxonomy, load_taxonomy
from contentfinder.text_cache import ExtractionCache

SEARCH_FIELDS = ("title", "tag_text", "summary", "body")
EXPIRING_SOON_DAYS = 30


class FilterError(ValueError):
    """A filter names a facet or value the taxonomy does not know; the message lists the known."""


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    limit: int = 20
    include_expired: bool = False
    today: date | None = None  # fixed by tests; None means today


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    path: str
    score: float
    snippet: str  # HTML-escaped text with matches in <b>…</b>
    location: int | None  # page / slide / sheet of the snippet
    tags: dict[str, tuple[str, ...]]
    free_tags: tuple[str, ...]
    format: str
    kind: str
    owner: str
    expires: str | None
    expired: bool
    expiring_soon: bool


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    corrected: str | None
    facets: dict[str, dict[str, int]]
    hits: tuple[Hit, ...]

    def to_json(self) -> dict[str, object]:
        """The `search --json` contract of SPEC §2."""
        return {
            "query": self.query,
            "total": self.total,
            "corrected": self.corrected,
            "facets": self.facets,
            "hits": [
                {
                    "id": h.id,
                    "title": h.title,
                    "path": h.path,
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                    "tags": {facet: list(values) for facet, values in h.tags.items()},
                    "expires": h.expires,
                }
                for h in self.hits
            ],
        }


def resolve_filters(
    taxonomy: Taxonomy, raw: Mapping[str, list[str] | tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """Canonical values for filters typed by a person ('cfo', 'TOFU'); unknown ones refused."""
    resolved: dict[str, tuple[str, ...]] = {}
    for facet_name, values in raw.items():
        facet = taxonomy.facet(facet_name)
        if facet is None:
            known = ", ".join(taxonomy.facet_names)
            raise FilterError(f"unknown facet '{facet_name}'; known facets: {known}")
        canonical: list[str] = []
        for raw_value in values:
            value = facet.resolve(raw_value)
            if value is None:
                known = ", ".join(v.name for v in facet.values)
                raise FilterError(f"unknown {facet.name} '{raw_value}'; known values: {known}")
            if value not in canonical:
                canonical.append(value)
        if canonical:
            resolved[facet.name] = tuple(canonical)
    return resolved


def search(
    settings: Settings, request: SearchRequest, *, taxonomy: Taxonomy | None = None
) -> SearchResults:
    taxonomy = taxonomy or load_taxonomy(settings.library)
    filters = resolve_filters(taxonomy, request.filters)
    today = request.today or date.today()
    ix = open_for_reading(settings.index_dir)
    with ix.searcher() as searcher:
        mask = None if request.include_expired else _expired(today)
        text_query = _parse(ix.schema, request.text, all_terms=True)
        results = _run(searcher, text_query, filters, mask, request.limit)
        if results.is_empty() and request.text.strip():
            # No asset has every word: accept assets with most of them.
            text_query = _parse(ix.schema, request.text, all_terms=False)
            results = _run(searcher, text_query, filters, mask, request.limit)
        postings = FacetPostings.read(searcher, taxonomy)
        facets = postings.counts(_matching(searcher, postings, text_query, mask), filters)
        corrected = None
        if results.is_empty() and request.text.strip():
            corrected = _correction(searcher, ix.schema, request.text, filters, mask)
        terms = frozenset(
            text for name, text in text_query.iter_all_terms(phrases=True) if name == "body"
        )
        hit_of = _HitMaker(
            settings, taxonomy, today, terms, term_finder(ix.schema["body"].analyzer)
        )
        hits = tuple(hit_of(hit) for hit in results[: request.limit])
        return SearchResults(request.text, len(results), corrected, facets, hits)


def _parse(schema, text: str, *, all_terms: bool) -> query.Query:  # noqa: ANN001
    if not text.strip():
        return query.Every()
    group = qparser.AndGroup if all_terms else qparser.OrGroup.factory(0.9)
    parser = qparser.MultifieldParser(list(SEARCH_FIELDS), schema, group=group)
    return parser.parse(text)


def _expired(today: date) -> query.Query:
    return query.NumericRange("expires_day", None, today.toordinal() - 1)


def _filter_query(
    filters: Mapping[str, tuple[str, ...]], skip: str | None = None
) -> query.Query | None:
    parts = [
        query.Or([query.Term(tag_field(facet), value) for value in values])
        for facet, values in filters.items()
        if facet != skip
    ]
    return query.And(parts) if parts else None


def _run(searcher, text_query, filters, mask, limit: int):  # noqa: ANN001, ANN202
    return searcher.search(
        text_query,
        filter=_filter_query(filters),
        mask=mask,
        limit=max(limit, 1),
        sortedby="title_sort" if isinstance(text_query, query.Every) else None,
    )


def _matching(searcher, postings: FacetPostings, text_query, mask) -> frozenset[int]:  # noqa: ANN001
    """The documents the words and the expiry rule let through, before any facet filter."""
    matching = postings.live
    if not isinstance(text_query, query.Every):
        matching = matching.intersection(searcher.docs_for_query(text_query))
    if mask is not None:
        matching = matching.difference(searcher.docs_for_query(mask))
    return matching


def _correction(searcher, schema, text: str, filters, mask) -> str | None:  # noqa: ANN001
    """A corrected query string, offered only when it finds something."""
    parser = qparser.QueryParser("spell", schema)
    original = parser.parse(text)
    corrected = searcher.correct_query(
        original, text, correctors={"spell": searcher.corrector("spell")}
    )
    if corrected.string == text or not corrected.string.strip():
        return None
    retry = _parse(schema, corrected.string, all_terms=False)
    found = searcher.search(retry, filter=_filter_query(filters), mask=mask, limit=1)
    return corrected.string if found.scored_length() else None


class _HitMaker:
    """Turns Whoosh hits into plain `Hit`s with their snippet, for one search."""

    def __init__(
        self,
        settings: Settings,
        taxonomy: Taxonomy,
        today: date,
        terms: frozenset[str],
        term_of: Callable[[str], str | None],
    ) -> None:
        self.settings, self.taxonomy, self.today = settings, taxonomy, today
        self.terms, self.term_of = terms, term_of
        self.cache = ExtractionCache(settings.cache_dir)

    def __call__(self, hit) -> Hit:  # noqa: ANN001
        fields = hit.fields()
        extracted = self.cache.get(fields["content_hash"])
        snippet = make_snippet(extracted, self.terms, self.term_of) if extracted else None
        expires = fields.get("expires") or None
        expiry = date.fromisoformat(expires) if expires else None
        library = self.settings.library
        soon = self.today + timedelta(days=EXPIRING_SOON_DAYS)
        return Hit(
            id=fields["id"],
            title=fields["title"],
            path=str(library / fields["id"]) if library else fields["id"],
            score=float(hit.score) if isinstance(hit.score, int | float) else 0.0,
            snippet=snippet.html if snippet else "",
            location=snippet.location if snippet else None,
            tags={
                facet.name: tuple(fields[tag_field(facet.name)].split(VALUE_SEPARATOR))
                for facet in self.taxonomy.facets
                if fields.get(tag_field(facet.name))
            },
            free_tags=tuple(t for t in fields.get("free_tags", "").split(VALUE_SEPARATOR) if t),
            format=fields.get("format", ""),
            kind=fields.get("kind", ""),
            owner=fields.get("owner") or "",
            expires=expires,
            expired=expiry is not None and expiry < self.today,
            expiring_soon=expiry is not None and self.today <= expiry <= soon,
        )
