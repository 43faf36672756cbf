"""What a search returns: plain, immutable results the CLI prints and the app shows, with
the reasons each asset matched. Never a Whoosh object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SearchRequest:
    """One search as asked: the words typed, the facet values chosen and the options."""

    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    limit: int = 20
    include_expired: bool = False
    today: date | None = None  # fixed by tests; None means today
    # The last word may be unfinished (the app, as the rep types): a word the library lacks
    # is read as the start of the library's words ('secu' as security), not as a misspelling.
    completing: bool = False
    formats: tuple[str, ...] = ()  # format names of the formats table ('PDF'), ORed


@dataclass(frozen=True)
class Match:
    """Why a hit matched one part of the query."""

    typed: str  # what the rep typed: 'tco'
    matched: str  # what the asset has: 'total cost of ownership'
    reason: str  # 'typed', 'synonym', 'split' (soc2 as soc 2) or 'correction'
    fields: tuple[str, ...]  # where: title, tag_text, summary, body


@dataclass(frozen=True)
class Hit:
    """One asset as a search result: what the list shows, and why it matched."""

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
    modified: str | None = None  # ISO date the file last changed, as the index saw it
    matches: tuple[Match, ...] = ()
    filters_met: dict[str, tuple[str, ...]] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # words of the query this asset lacks: a partial match

    @property
    def full(self) -> bool:
        return not self.missing

    def explain(self) -> str:
        """One line for a person: 'roi, cfo in title, tags; tco → total cost of ownership
        (synonym) in text; persona CFO'."""
        as_typed: dict[tuple[str, ...], list[str]] = {}
        parts = []
        for match in self.matches:
            where = ", ".join(_FIELD_NAMES.get(f, f) for f in match.fields)
            if match.reason == "typed":
                as_typed.setdefault(match.fields, []).append(match.typed)
                continue
            said = f"{match.typed} → {match.matched} ({_REASON_NAMES[match.reason]})"
            parts.append(f"{said} in {where}" if where else said)
        typed = [
            f"{', '.join(words)} in {', '.join(_FIELD_NAMES.get(f, f) for f in fields)}"
            for fields, words in as_typed.items()
        ]
        parts = typed + parts
        parts.extend(f"{facet} {', '.join(values)}" for facet, values in self.filters_met.items())
        return "; ".join(parts)


_FIELD_NAMES = {"title": "title", "tag_text": "tags", "summary": "summary", "body": "text"}
_REASON_NAMES = {
    "typed": "as typed",
    "synonym": "synonym",
    "tag": "tagged",
    "split": "read apart",
    "correction": "spelling corrected",
    "completion": "completing the word",
}


@dataclass(frozen=True)
class SearchResults:
    """The answer to one search: its hits, facet counts and what the query lacked."""

    query: str
    total: int
    corrected: str | None  # the query as searched, when misspelt words were corrected
    facets: dict[str, dict[str, int]]
    hits: tuple[Hit, ...]
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # incl. facet:value typed
    missing: tuple[str, ...] = ()  # typed words no asset mentions, however spelled
    full_total: int = 0  # of `total`, the assets with every word that counts: full matches
    format_counts: dict[str, int] = field(default_factory=dict)  # format name -> count
    expired_hidden: int = 0  # expired assets that matched but are not shown

    @property
    def full_result(self) -> bool:
        """Whether any asset has every key concept of the query; when not, the search is a
        gap in the library however many partial matches it shows."""
        return self.full_total > 0

    def to_json(self) -> dict[str, object]:
        """The `search --json` contract of SPEC §2, plus `filters`, `missing_concepts`,
        `full_total` and, per hit, `full`, `missing`, `location`, `expiring_soon`, `expired`
        and `matched`."""
        return {
            "query": self.query,
            "total": self.total,
            "corrected": self.corrected,
            "facets": self.facets,
            "filters": {facet: list(values) for facet, values in self.filters.items()},
            "missing_concepts": list(self.missing),
            "full_total": self.full_total,
            "hits": [hit_json(h) for h in self.hits],
        }


def hit_json(h: Hit) -> dict[str, object]:
    """One hit as `search --json` gives it (SPEC §2); `prep --json` gives its hits so too."""
    return {
        "id": h.id,
        "title": h.title,
        "path": h.path,
        "score": round(h.score, 4),
        "snippet": h.snippet,
        "location": h.location,
        "tags": {facet: list(values) for facet, values in h.tags.items()},
        "expires": h.expires,
        "expired": h.expired,
        "expiring_soon": h.expiring_soon,
        "full": h.full,
        "missing": list(h.missing),
        "matched": [
            {"typed": m.typed, "matched": m.matched, "reason": m.reason, "fields": list(m.fields)}
            for m in h.matches
        ],
    }


@dataclass(frozen=True)
class SimilarAsset:
    """An asset like another, with what they share."""

    hit: Hit
    similarity: float  # 0..1
    shared_words: tuple[str, ...]  # distinctive words both use, most telling first
    shared_tags: dict[str, tuple[str, ...]]  # facet -> values both carry

    def explain(self) -> str:
        parts = [f"{facet} {', '.join(values)}" for facet, values in self.shared_tags.items()]
        if self.shared_words:
            parts.insert(0, "both mention " + ", ".join(self.shared_words[:5]))
        return "; ".join(parts)


@dataclass(frozen=True)
class Searched:
    """The search child's answer to one search request. Here, not beside the service loop, so
    the app unpickles it without importing the search itself (Whoosh and all)."""

    number: int
    request: SearchRequest
    results: SearchResults
    seconds: float
