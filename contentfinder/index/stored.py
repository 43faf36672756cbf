"""One decoder of what the index stores for an asset: the fields the indexer wrote, read back
as a plain `StoredAsset` by search, reports, library health, publishing and the pipeline."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from contentfinder.index.schema import VALUE_SEPARATOR, tag_field
from contentfinder.library.taxonomy import Taxonomy

EXPIRING_SOON_DAYS = 30  # an asset expiring this soon is flagged wherever it is shown
# Where `StoredAsset.published` comes from.
FROM_CATALOG, FROM_FIRST_INDEXED = "catalog", "first indexed"


@dataclass(frozen=True)
class StoredAsset:
    """An asset's stored fields, decoded: what a hit, a report or the preview shows of it."""

    id: str
    title: str
    tags: dict[str, tuple[str, ...]]  # facet -> canonical values, facets of the taxonomy only
    free_tags: tuple[str, ...]
    format: str  # "PDF", "PowerPoint" (`contentfinder.library.formats`)
    kind: str
    size: int
    mtime_ns: int
    content_hash: str
    tag_fingerprint: str
    expires: date | None
    owner: str
    summary: str = ""
    # The publication date: the catalog's `published`, else the day the index first saw the
    # content (`published_from` says which). Age is counted from it, never from `modified`.
    published: date | None = None
    published_from: str = ""  # FROM_CATALOG, FROM_FIRST_INDEXED, or "" without a date
    first_seen: date | None = None

    @property
    def modified(self) -> date | None:
        """The file's modification day, from the index (never a `stat()` on a share). Not an
        age: a copy of the library to a new share resets it."""
        if self.mtime_ns <= 0:
            return None
        return datetime.fromtimestamp(self.mtime_ns / 1e9).date()

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today

    def expiring_soon(self, today: date) -> bool:
        soon = today + timedelta(days=EXPIRING_SOON_DAYS)
        return self.expires is not None and today <= self.expires <= soon


def decode_stored(fields: Mapping[str, object], taxonomy: Taxonomy | None) -> StoredAsset:
    """The stored fields of one document, as `indexer.documents` writes them; with no
    taxonomy, without its facet tags (a caller that needs only ids and hashes)."""
    expires = str(fields.get("expires") or "")
    catalog_published = _day(str(fields.get("published") or ""))
    first_seen = _day(str(fields.get("first_seen") or ""))
    published = catalog_published or first_seen
    if published is None:
        published_from = ""
    else:
        published_from = FROM_CATALOG if catalog_published else FROM_FIRST_INDEXED
    return StoredAsset(
        id=str(fields["id"]),
        title=str(fields.get("title") or ""),
        tags=tags_of(fields, taxonomy) if taxonomy is not None else {},
        free_tags=_values(fields.get("free_tags")),
        format=str(fields.get("format") or ""),
        kind=str(fields.get("kind") or ""),
        size=_integer(fields.get("size")),
        mtime_ns=_integer(fields.get("mtime_ns")),
        content_hash=str(fields.get("content_hash") or ""),
        tag_fingerprint=str(fields.get("tag_fingerprint") or ""),
        expires=_day(expires),
        owner=str(fields.get("owner") or ""),
        summary=str(fields.get("summary") or ""),
        published=published,
        published_from=published_from,
        first_seen=first_seen,
    )


def tags_of(fields: Mapping[str, object], taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """facet -> values of one document, for the facets `taxonomy` declares (a facet an older
    taxonomy had is left out until the next index run re-tags the asset)."""
    tags = {}
    for facet in taxonomy.facets:
        values = _values(fields.get(tag_field(facet.name)))
        if values:
            tags[facet.name] = values
    return tags


def read_stored_assets(searcher, taxonomy: Taxonomy | None) -> Iterator[StoredAsset]:  # noqa: ANN001
    """Every live asset of the index a Whoosh searcher has open."""
    for _, fields in searcher.reader().iter_docs():
        yield decode_stored(fields, taxonomy)


def _values(joined: object) -> tuple[str, ...]:
    return tuple(v for v in str(joined or "").split(VALUE_SEPARATOR) if v)


def _integer(value: object) -> int:
    return value if isinstance(value, int) else 0


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None
