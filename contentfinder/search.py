"""Search: a `SearchRequest` in, plain `SearchResults` out (hits, facet counts, "did you mean").

Queries are built as Whoosh query objects, never glued together as strings. Values selected
within one facet are ORed, facets are ANDed; counts are in `contentfinder.facets`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from whoosh import qparser, query
from whoosh.collectors import TopCollector

from contentfinder.config import Settings
from contentfinder.facets import FacetPostings
from contentfinder.index_schema import VALUE_SEPARATOR, open_for_reading, tag_field
from contentfinder.ranking import FIELD_WEIGHTS, PlainQuery, Ranker, plain_query
from contentfinder.snippets import make_snippet, term_finder
from contentfinder.spelling import suggest_correction
from contentfinder.taxonomy import Taxonomy, load_taxonomy
from contentfinder.text_cache import ExtractionCache

SEARCH_FIELDS = tuple(FIELD_WEIGHTS)  # the fields Whoosh's parser searches, as ranking does
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


class SearchSession:
    """An open index to search again and again, as the app does while a rep types.

    Opening a Whoosh searcher copies each segment's files into memory, tens of milliseconds on a
    large index, so a session keeps one open and refreshes it only when an index run has
    committed since. Not thread-safe: one session per thread."""

    def __init__(self, settings: Settings, *, taxonomy: Taxonomy | None = None) -> None:
        self.settings = settings
        self.taxonomy = taxonomy or load_taxonomy(settings.library)
        self._index = open_for_reading(settings.index_dir)
        self._searcher = self._index.searcher()
        self._postings = FacetPostings.cached(self._searcher, self.taxonomy, settings.index_dir)
        self._term_of = term_finder(self._index.schema["body"].analyzer)
        self._ranker = Ranker(self._searcher)
        self._expired_cache: tuple[object, frozenset[int]] = (None, frozenset())

    def __enter__(self) -> SearchSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._searcher.close()

    def _fresh(self):  # noqa: ANN202 - a whoosh searcher
        if not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._postings = FacetPostings.cached(
                self._searcher, self.taxonomy, self.settings.index_dir
            )
            self._ranker = Ranker(self._searcher)
        return self._searcher

    def _expired(self, today: date) -> frozenset[int]:
        key = (id(self._searcher), today)
        if self._expired_cache[0] != key:
            docs = frozenset(self._searcher.docs_for_query(_expired(today)))
            self._expired_cache = (key, docs)
        return self._expired_cache[1]

    def search(self, request: SearchRequest) -> SearchResults:
        filters = resolve_filters(self.taxonomy, request.filters)
        today = request.today or date.today()
        searcher = self._fresh()
        schema = self._index.schema
        live = self._postings.live
        if not request.include_expired:
            live = live - self._expired(today)
        filtered = live.intersection(*self._postings.selection(filters).values())
        plain = plain_query(request.text, schema["body"].analyzer)
        if plain is not None:
            found = _Found.ranked(searcher, self._ranker, plain, live, filtered, request.limit)
            terms = plain.terms
        else:
            text_query = _parse(schema, request.text, all_terms=True)
            found = _Found.of(searcher, text_query, live, filtered, request.limit)
            if not found.matching and request.text.strip():
                # No asset has every word: accept assets with most of them.
                text_query = _parse(schema, request.text, all_terms=False)
                found = _Found.of(searcher, text_query, live, filtered, request.limit)
            terms = tuple(
                text for name, text in text_query.iter_all_terms(phrases=True) if name == "body"
            )
        corrected = None
        if not found.total and request.text.strip():
            corrected = suggest_correction(
                searcher, self._ranker, request.text, filtered, self._term_of
            )
        hit_of = _HitMaker(self.settings, self.taxonomy, today, frozenset(terms), self._term_of)
        hits = tuple(hit_of(fields, score) for score, fields in found.top)
        facets = self._postings.counts(found.matching, filters)
        return SearchResults(request.text, found.total, corrected, facets, hits)


def search(
    settings: Settings, request: SearchRequest, *, taxonomy: Taxonomy | None = None
) -> SearchResults:
    """One search on a freshly opened index (the command line's way)."""
    with SearchSession(settings, taxonomy=taxonomy) as session:
        return session.search(request)


@dataclass(frozen=True)
class _Found:
    matching: frozenset[int]  # documents the words match (before facet filters)
    total: int  # of those, how many the filters allow
    top: list[tuple[float, dict]]  # (score, stored fields) of the best of those, best first

    @classmethod
    def ranked(
        cls,
        searcher,  # noqa: ANN001
        ranker: Ranker,
        plain: PlainQuery,
        live: frozenset[int],
        filtered: frozenset[int],
        limit: int,
    ) -> _Found:
        """Words, phrases and exclusions, matched and ranked from the postings directly."""
        matching = ranker.matching(plain, live)
        allowed = matching & filtered
        best = ranker.best(plain.terms, allowed, limit)
        return cls(matching, len(allowed), [(s, searcher.stored_fields(d)) for s, d in best])

    @classmethod
    def of(
        cls,
        searcher,  # noqa: ANN001
        text_query: query.Query,
        live: frozenset[int],
        filtered: frozenset[int],
        limit: int,
    ) -> _Found:
        """Any query, through Whoosh's own matching and scoring."""
        if isinstance(text_query, query.Every):  # browsing: everything, by title
            top = (
                searcher.search(
                    text_query, filter=set(filtered), limit=limit, sortedby="title_sort"
                )
                if filtered
                else []
            )
            return cls(live, len(filtered), [(0.0, hit.fields()) for hit in top])
        collector = _ScoreOnce(limit, live, filtered)
        searcher.search_with_collector(text_query, collector)
        matching = frozenset(collector.matched)
        top = [(hit.score, hit.fields()) for hit in collector.results()]
        return cls(matching, len(matching & filtered), top)


class _ScoreOnce(TopCollector):
    """One pass over the matches: records every live match (for the total and the facet
    counts) and scores only those the facet filters allow, keeping the best `limit`."""

    def __init__(self, limit: int, live: frozenset[int], allowed: frozenset[int]) -> None:
        # No block-quality skipping and no matcher replacement: both skip documents that
        # cannot reach the top, and the total and the facet counts need every match.
        super().__init__(limit=max(limit, 1), usequality=False)
        self.replace = 0
        self.live, self.allowed = live, allowed
        self.matched: list[int] = []

    def collect(self, sub_docnum: int):  # noqa: ANN201 - whoosh's signature
        docnum = self.offset + sub_docnum
        if docnum not in self.live:
            return None
        self.matched.append(docnum)
        if docnum in self.allowed:
            return super().collect(sub_docnum)
        return None


def _parse(schema, text: str, *, all_terms: bool) -> query.Query:  # noqa: ANN001
    if not text.strip():
        return query.Every()
    group = qparser.AndGroup if all_terms else qparser.OrGroup.factory(0.9)
    parser = qparser.MultifieldParser(list(SEARCH_FIELDS), schema, group=group)
    return parser.parse(text)


def _expired(today: date) -> query.Query:
    return query.NumericRange("expires_day", None, today.toordinal() - 1)


class _HitMaker:
    """Turns stored fields into plain `Hit`s with their snippet, for one search."""

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

    def __call__(self, fields: dict, score: float) -> Hit:
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
            score=float(score),
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
