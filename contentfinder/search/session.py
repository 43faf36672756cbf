"""Search: a `SearchRequest` in, plain `SearchResults` out (hits, facet counts, corrections),
and for the search box, suggestions and similar assets.

Queries are built as Whoosh query objects, never glued together as strings. Values selected
within one facet are ORed, facets are ANDed; counts are in `contentfinder.search.facets`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from importlib import import_module

from whoosh.index import Index

from contentfinder.config import Settings
from contentfinder.index.schema import open_for_reading
from contentfinder.index.stored import StoredAsset, decode_stored, tags_of
from contentfinder.index.text_cache import ExtractionCache
from contentfinder.index.whoosh_internals import refreshed
from contentfinder.library.opened import Library
from contentfinder.library.taxonomy import CONTENT_TYPE_FACET, Taxonomy, load_taxonomy
from contentfinder.search.autocomplete import Suggestion, SuggestionIndex
from contentfinder.search.coverage import Steer
from contentfinder.search.docbits import has, intersection_bits, union_bits
from contentfinder.search.expansion import Plan, expand
from contentfinder.search.facets import FacetPostings
from contentfinder.search.filters import FilterError, merge_filters, resolve_filters
from contentfinder.search.freshness import folder_stamp, storage_folder
from contentfinder.search.hits import HitMaker
from contentfinder.search.kept_texts import KeptTexts
from contentfinder.search.narrowing import (
    FormatPostings,
    UnknownFormat,
    counts_of,
    expired_matching,
    resolve_formats,
)
from contentfinder.search.query import parse_query
from contentfinder.search.ranking import FIELD_WEIGHTS, Ranker
from contentfinder.search.results import Hit, Match, SearchRequest, SearchResults, SimilarAsset
from contentfinder.search.similar import key_terms, most_like
from contentfinder.search.snippets import term_finder
from contentfinder.search.spelling import IndexLexicon, corrected_text, load_english_words
from contentfinder.search.synonyms import SynonymTable, saved_synonyms
from contentfinder.search.title_order import TitleOrder
from contentfinder.search.versions import newest_first, recency

__all__ = [
    "FilterError",
    "Hit",
    "Match",
    "SearchRequest",
    "SearchResults",
    "SearchSession",
    "SimilarAsset",
    "UnknownAsset",
    "search",
]

STORED_FIELDS_KEPT = 5000
FRESH_CHECK_SECONDS = 1.0  # see SearchSession._fresh


class UnknownAsset(LookupError):
    """An asset id the index does not hold."""


class SearchSession:
    """An open index to search again and again, as the app does while a rep types.

    Opening a Whoosh searcher copies each segment's files into memory, tens of milliseconds on a
    large index, so a session keeps one open and refreshes it only when an index run has
    committed since. Not thread-safe: one session per thread."""

    def __init__(
        self,
        settings: Settings,
        *,
        taxonomy: Taxonomy | None = None,
        synonyms: SynonymTable | None = None,
        index: Index | None = None,
    ) -> None:
        """`taxonomy` and `index` are those the caller has open already (a `Library`'s), else
        read here."""
        self.settings = settings
        self.taxonomy = taxonomy or load_taxonomy(settings.library)
        self._index = index if index is not None else open_for_reading(settings.index_dir)
        # Where the index's files are: what a session saves beside them goes there too.
        self._index_dir = storage_folder(self._index, settings.index_dir)
        analyzer = self._index.schema["body"].analyzer
        self._term_of = term_finder(analyzer)
        self.analyze = _analyze_with(analyzer)
        self.synonyms = synonyms or saved_synonyms(
            self._index_dir, settings.library, self.analyze, self.taxonomy, analyzer=analyzer
        )
        self._searcher = self._index.searcher()
        self._library_text = str(settings.library) if settings.library else ""
        self.texts = KeptTexts(ExtractionCache(settings.cache_dir), self._term_of)
        self._generation = 0
        self._checked: tuple[tuple[int, int, int] | None, float] = (None, 0.0)
        self._open_parts()

    @classmethod
    def for_library(cls, library: Library) -> SearchSession:
        """A session on what `library` has loaded already: its taxonomy and its index."""
        return cls(library.settings, taxonomy=library.taxonomy, index=library.index)

    def _open_parts(self) -> None:
        self._postings = FacetPostings.cached(self._searcher, self.taxonomy, self._index_dir)
        self._ranker = Ranker(self._searcher, self._index_dir)
        self._lexicon = IndexLexicon(self._searcher, self._ranker)
        self._by_day: dict[date, tuple[frozenset[int], frozenset[int]]] = {}
        self._bits_by_day: dict[date | None, tuple[int, int]] = {}
        self._formats = FormatPostings.of(self._postings)
        self._suggestions: SuggestionIndex | None = None
        self._title_order: TitleOrder | None = None
        self._stored: dict[int, dict] = {}
        self._assets: dict[int, tuple[StoredAsset, str]] = {}
        self._generation += 1

    def asset(self, docnum: int) -> tuple[StoredAsset, str]:
        """An asset's stored fields decoded, and its path, kept for the session's index
        generation like `stored` (decoding and joining the path cost more than the read)."""
        found = self._assets.get(docnum)
        if found is None:
            if len(self._assets) > STORED_FIELDS_KEPT:
                self._assets.clear()
            asset = decode_stored(self.stored(docnum), self.taxonomy)
            library = self._library_text
            # Joined as strings: pathlib's parsing was a tenth of a new hit's cost.
            path = os.path.join(library, *asset.id.split("/")) if library else asset.id
            found = self._assets[docnum] = (asset, path)
        return found

    def stored(self, docnum: int) -> dict:
        """An asset's stored fields, kept for the session's index generation (each read
        decompresses a block of them)."""
        fields = self._stored.get(docnum)
        if fields is None:
            if len(self._stored) > STORED_FIELDS_KEPT:
                self._stored.clear()
            fields = self._stored[docnum] = self._searcher.stored_fields(docnum)
        return fields

    @property
    def problems(self) -> tuple[str, ...]:
        """Configuration files that were skipped, and why (shown, never fatal)."""
        return self.synonyms.problems

    def __enter__(self) -> SearchSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._searcher.close()

    def _fresh(self):  # noqa: ANN202 - a whoosh searcher
        """The searcher, refreshed if an index run has committed since. Whoosh finds out by
        listing the index folder (a few milliseconds on every search and keystroke): while the
        folder's own stamp has not changed, that is done at most every FRESH_CHECK_SECONDS
        (a commit adds files, which changes it; the interval covers a clock too coarse to)."""
        stamp = folder_stamp(self._index_dir)
        now = time.monotonic()
        if (
            stamp is not None
            and stamp == self._checked[0]
            and now - self._checked[1] < (FRESH_CHECK_SECONDS)
        ):
            return self._searcher
        searcher = refreshed(self._searcher, self._index)
        self._checked = (stamp, now)  # the stamp from before the check: never newer than it
        if searcher is not self._searcher:
            self._searcher = searcher
            self._open_parts()
        return searcher

    def _expired(self, today: date) -> tuple[frozenset[int], frozenset[int]]:
        """The live documents expired by `today`, and the others: worked out once a day, not
        per search (at 50,000 assets the difference cost 2 ms)."""
        found = self._by_day.get(today)
        if found is None:
            self._by_day.clear()
            expired = self._postings.expired(today)
            found = self._by_day[today] = (expired, self._postings.live - expired)
        return found

    def _live_bits(self, today: date | None) -> tuple[int, int]:
        """`_expired(today)` as bitsets (`docbits`); for None, none and every live document."""
        found = self._bits_by_day.get(today)
        if found is None:
            if len(self._bits_by_day) > 1:
                self._bits_by_day.clear()
            expired, unexpired = (
                (frozenset(), self._postings.live) if today is None else self._expired(today)
            )
            of = self._ranker.doc_bits.of
            found = self._bits_by_day[today] = (of(expired), of(unexpired))
        return found

    def search(self, request: SearchRequest) -> SearchResults:
        parsed = parse_query(request.text, self.taxonomy)
        filters = merge_filters(resolve_filters(self.taxonomy, request.filters), parsed.filters)
        today = request.today or date.today()
        try:
            formats = resolve_formats(request.formats)
        except UnknownFormat as exc:
            raise FilterError(str(exc)) from exc
        self._fresh()
        expired, live = self._live_bits(None if request.include_expired else today)
        # The format filter is one more facet: ANDed with the others, ignored by its own counts.
        narrowed = list(self._postings.selected_bits(filters).values())
        if formats:
            narrowed.append(self._formats.selected_bits(formats))
        filtered = intersection_bits(live, narrowed)
        plan = expand(
            parsed,
            analyze=self.analyze,
            synonyms=self.synonyms,
            lexicon=self._lexicon,
            complete_last=(
                self._completions
                if request.completing and parsed.ends_in_last_word(request.text)
                else None
            ),
        )
        missing = plan.missing
        lacking: dict[int, tuple[str, ...]] = {}
        full = 0
        if parsed.is_browse:
            matching, allowed, top = self._browse(plan, live, filtered, request.limit)
            full = allowed.bit_count()
        elif not plan.concepts:  # nothing typed is in the library, however spelled
            matching, allowed, top = 0, 0, []
        else:
            steers = self._steers(plan, live)
            ranked = self._ranker.rank(plan, live, filtered, request.limit, steers)
            matching, allowed, full = ranked.matching, ranked.allowed, ranked.full.bit_count()
            in_full = {d for _, d in ranked.top if has(ranked.full, d)}
            words = plan.typed_words(parsed.words)
            missing += tuple(words[p] for p in ranked.unmentioned)
            # A partial match of another content type lacks the type, not its words.
            words.update((p, steer.value) for steer in steers for p in steer.places)
            lacking = {
                d: tuple(dict.fromkeys((*plan.missing, *(words[p] for p in places))))
                for d, places in ranked.lacking.items()
                if d not in in_full
            }
            top = newest_first(
                ranked.top,
                self._title_of,
                self._recency_of,
                tier_of=lambda docnum: int(docnum in in_full),
            )[: request.limit]
        hit_of = HitMaker(self, plan, filters, today)
        hits = tuple(hit_of(docnum, score, lacking.get(docnum, ())) for score, docnum in top)
        corrected = None
        if plan.corrections and allowed:
            corrected = corrected_text(request.text, plan.corrections)
        facets, by_format = counts_of(matching, filters, formats, self._postings, self._formats)
        hidden = 0
        if not request.include_expired:
            expired = intersection_bits(expired, narrowed)
            hidden = expired_matching(expired, plan, self._ranker, browse=parsed.is_browse)
        return SearchResults(
            request.text,
            allowed.bit_count(),
            corrected,
            facets,
            hits,
            filters,
            missing,
            full,
            by_format,
            hidden.bit_count(),
        )

    def _steers(self, plan: Plan, live: int) -> list[Steer]:
        """The content types the query names that some live asset has (a type no asset has
        steers nowhere: its words are looked for as words)."""
        assert self._postings.bits is not None, "FacetPostings always has its bitsets"
        tagged = self._postings.bits.get(CONTENT_TYPE_FACET, {})
        every_type = union_bits(tagged.values())
        steers = []
        for value, places in plan.content_types:
            of_type = tagged.get(value, 0)
            if of_type & live:
                steers.append(Steer(value, places, of_type, every_type & ~of_type))
        return steers

    def _suggestion_index(self) -> SuggestionIndex:
        if self._suggestions is None:
            self._suggestions = SuggestionIndex.read(
                self._searcher, self.taxonomy, self._postings, self._term_of
            )
        return self._suggestions

    def _completions(self, start: str) -> list[tuple[str, str]]:
        return self._suggestion_index().completions(start)

    def suggest(self, typed: str, limit: int = 8) -> list[Suggestion]:
        """Completions for a search box: tag values in words, titles, and words found with the
        words typed before them. The first call after an index change reads the titles and
        words (tens of milliseconds on 5,000 assets); later calls are binary searches."""
        self._fresh()
        suggestions = self._suggestion_index()
        live = self._live_bits(None)[1]
        body = self._ranker.term_bits

        with_context: dict[tuple[str, ...], int] = {}

        def together(terms: list[str]) -> int:
            # The body only: one postings list per word, and every word of an asset is there.
            # The assets of the words typed before are found once per keystroke, not per word.
            *context, candidate = terms
            key = tuple(context)
            if key not in with_context:
                with_context[key] = intersection_bits(live, (body("body", t) for t in context))
            return (body("body", candidate) & with_context[key]).bit_count()

        return suggestions.suggest(typed, limit, together=together)

    def warm_up(self) -> None:
        """Reads now what the first suggestion and the first ranked search would otherwise
        read while the rep waits: the suggestion lists, the field lengths, and numpy (about
        60 ms to import), which a session that lives for more than one search then scores many
        candidates with (`scoring`) and checks phrases with (`phrases`)."""
        self.suggest("warm")
        load_english_words()
        for field in FIELD_WEIGHTS:
            self._ranker.norms(field)
        import_module("contentfinder.search.phrases")
        self._ranker.use_arrays()

    def hit(self, asset_id: str, *, today: date | None = None) -> Hit | None:
        """One asset as a result (for favorites and recent assets), or None when the index no
        longer has it."""
        self._fresh()
        docnum = self._searcher.document_number(id=asset_id)
        if docnum is None or docnum not in self._postings.live:
            return None
        return HitMaker(self, Plan((), (), (), {}), {}, today or date.today())(docnum, 0.0)

    def text_of(self, asset_id: str) -> str:
        """An asset's title, summary and extracted text ('' when the index lacks it)."""
        self._fresh()
        docnum = self._searcher.document_number(id=asset_id)
        if docnum is None:
            return ""
        fields = self.stored(docnum)
        kept = self.texts.text(fields["content_hash"])
        body = " ".join(seg.text for seg in kept.segments) if kept else ""
        return " ".join((fields["title"], fields.get("summary") or "", body))

    @property
    def asset_count(self) -> int:
        self._fresh()
        return len(self._postings.live)

    def similar(
        self,
        asset_id: str,
        *,
        limit: int = 5,
        include_expired: bool = False,
        today: date | None = None,
    ) -> list[SimilarAsset]:
        """The assets most like `asset_id`: the same distinctive words and the same tags."""
        self._fresh()
        docnum = self._searcher.document_number(id=asset_id)
        if docnum is None or docnum not in self._postings.live:
            raise UnknownAsset(f"no asset '{asset_id}' in the index")
        fields = self.stored(docnum)
        kept = self.texts.text(fields["content_hash"])
        body = " ".join(seg.text for seg in kept.segments) if kept else ""
        text = " ".join((fields["title"], fields.get("summary") or "", body))
        tags = tags_of(fields, self.taxonomy)
        return self.similar_to(
            text,
            tags,
            limit=limit,
            include_expired=include_expired,
            today=today,
            leave_out=frozenset({docnum}),
        )

    def similar_to(
        self,
        text: str,
        tags: Mapping[str, tuple[str, ...]],
        *,
        limit: int = 5,
        include_expired: bool = False,
        today: date | None = None,
        leave_out: frozenset[int] = frozenset(),
    ) -> list[SimilarAsset]:
        """The assets most like a document with this text and these tags (one not in the
        library yet, as when publishing)."""
        self._fresh()
        today = today or date.today()
        unexpired = self._live_bits(None if include_expired else today)[1]
        live = unexpired & ~self._ranker.doc_bits.of(leave_out)
        assert self._postings.bits is not None, "FacetPostings always has its bitsets"
        found = most_like(
            key_terms(text, self._ranker),
            tags,
            self._ranker,
            candidates=live,
            tags_of=self._postings.bits,
            limit=limit,
        )
        hit_of = HitMaker(self, Plan((), (), (), {}), {}, today)
        return [
            SimilarAsset(
                hit_of(like.docnum, like.score), like.score, like.shared_words, like.shared_tags
            )
            for like in found
        ]

    def _browse(
        self, plan: Plan, live: int, filtered: int, limit: int
    ) -> tuple[int, int, list[tuple[float, int]]]:
        """No words: everything the filters let through (minus exclusions), by title. Sets of
        documents are bitsets (`docbits`)."""
        matching = live
        for alternative in plan.excluded:
            matching &= ~self._ranker.alternative_docs(alternative)
        allowed = matching & filtered
        if not allowed:
            return matching, allowed, []
        if self._title_order is None:
            self._title_order = TitleOrder.cached(
                self._searcher, self._postings.live, self._index_dir
            )
        return (
            matching,
            allowed,
            [
                (0.0, docnum)
                for docnum in self._title_order.first(allowed, limit, self._ranker.doc_bits)
            ],
        )

    def _title_of(self, docnum: int) -> str:
        return self.stored(docnum)["title"]

    def _recency_of(self, docnum: int) -> tuple:
        fields = self.stored(docnum)
        return recency(fields["title"], fields.get("mtime_ns", 0))


def search(
    settings: Settings, request: SearchRequest, *, taxonomy: Taxonomy | None = None
) -> SearchResults:
    """One search on a freshly opened index (the command line's way)."""
    with SearchSession(settings, taxonomy=taxonomy) as session:
        return session.search(request)


def _analyze_with(analyzer) -> Callable[[str], tuple[str, ...]]:  # noqa: ANN001
    # Remembered: the synonyms and the taxonomy analyse the same names again and again while
    # a session opens (a third of a one-shot search's own time), and a rep retypes words.
    @lru_cache(maxsize=16384)
    def analyze(text: str) -> tuple[str, ...]:
        return tuple(token.text for token in analyzer(text, mode="query"))

    return analyze
