"""Tag resolution (SPEC §1): what the file says, then what the catalog says, later wins per facet.

Keyword strings are split on ';' and ','. `facet: value` is explicit; a bare part that names a
value or synonym of exactly one facet becomes that value; anything else is kept as a free tag.
The owner is the catalog's, else the file's own author (an extension of SPEC §1), unless that
author is a name authoring tools write by themselves ("python-docx", "Windows User").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from contentfinder.library.catalog import CatalogEntry
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.text import fold
from indexer.extract.base import Extracted

_SPLIT = re.compile(r"[;,]")
# Titles that authoring tools write by themselves; a file name says more than these.
_PLACEHOLDER_TITLE = re.compile(
    r"^(untitled|title|presentation\d*|powerpoint presentation|document\d*|doc\d*|book\d*|"
    r"slide \d+|microsoft word - .*|microsoft powerpoint - .*|untitled document)$",
    re.IGNORECASE,
)
# Authors no person is: libraries' and installers' defaults, seen in the real-world corpus.
_PLACEHOLDER_AUTHOR = re.compile(
    r"^(python-docx|python-pptx|openpyxl|apache poi|unknown|user|author|owner|admin|"
    r"administrator|windows user|windows ユーザー|microsoft office user|office user|"
    r"array\(0x[0-9a-f]+\))$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ResolvedTags:
    title: str
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    free_tags: tuple[str, ...] = ()
    expires: date | None = None
    owner: str = ""
    summary: str = ""
    published: date | None = None  # the catalog's publication date, when it gives one


def resolve_tags(
    asset_id: str,
    extracted: Extracted,
    catalog_entry: CatalogEntry | None,
    taxonomy: Taxonomy,
) -> ResolvedTags:
    facets: dict[str, list[str]] = {}
    free: list[str] = []
    for keyword_string in extracted.keyword_strings:
        for part in _SPLIT.split(keyword_string):
            _resolve_part(part.strip(), taxonomy, facets, free)
    for facet_name, raw in extracted.facet_values:
        facet = taxonomy.facet(facet_name)
        value = facet.resolve(raw) if facet is not None and raw.strip() else None
        if facet is not None and value is not None:
            _add(facets, facet.name, value)
        elif facet is not None and raw.strip():
            free.append(raw.strip())

    title = _usable_title(extracted.title) or _usable_title(extracted.first_heading)
    expires, owner, summary, published = None, "", "", None
    if catalog_entry is not None:
        for facet_name, values in catalog_entry.facets.items():
            facets[facet_name] = list(values)  # a non-empty cell replaces the file's own values
        free.extend(catalog_entry.unknown_values)
        title = catalog_entry.title or title
        expires, owner, summary, published = (
            catalog_entry.expires,
            catalog_entry.owner,
            catalog_entry.summary,
            catalog_entry.published,
        )

    single = {f.name for f in taxonomy.facets if not f.multi}
    return ResolvedTags(
        title=title or PurePosixPath(asset_id).stem,
        facets={
            name: tuple(values[:1] if name in single else values)
            for name, values in facets.items()
            if values
        },
        free_tags=_unique_folded(free),
        expires=expires,
        owner=owner or _usable_author(extracted.author),
        summary=summary,
        published=published,
    )


def _resolve_part(
    part: str, taxonomy: Taxonomy, facets: dict[str, list[str]], free: list[str]
) -> None:
    if not part:
        return
    name, colon, raw_value = part.partition(":")
    if colon:
        facet = taxonomy.facet(name.strip())
        if facet is not None:
            value = facet.resolve(raw_value)
            if value is not None:
                _add(facets, facet.name, value)
            elif raw_value.strip():
                free.append(raw_value.strip())
            return
    known = taxonomy.facets_knowing(part)
    if len(known) == 1:
        _add(facets, *known[0])
    else:
        free.append(part)


def _add(facets: dict[str, list[str]], facet: str, value: str) -> None:
    values = facets.setdefault(facet, [])
    if value not in values:
        values.append(value)


def _usable_title(raw: str) -> str:
    title = " ".join(raw.split())
    return "" if not title or _PLACEHOLDER_TITLE.match(title) else title


def _usable_author(raw: str) -> str:
    author = " ".join(raw.split())
    return "" if not author or _PLACEHOLDER_AUTHOR.match(author) else author


def _unique_folded(values: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    unique = []
    for value in values:
        key = fold(value)
        if key and key not in seen:
            seen.add(key)
            unique.append(" ".join(value.split()))
    return tuple(unique)
