"""The "tagging" report: assets missing a required facet, each with a proposal from its own
text and from its most similar assets' tags; free tags a letter or two from a known value;
and the catalog's problems. Proposals only: nothing is tagged here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from contentfinder.index.stored import StoredAsset
from contentfinder.library.opened import Library
from contentfinder.library.scan import LibraryError
from contentfinder.library.tag_matching import NearMatcher, mentioned_value
from contentfinder.library.taxonomy import Facet, Taxonomy
from contentfinder.reports.inputs import ReportInput, Section
from contentfinder.reports.model import Table
from contentfinder.search.session import SearchSession, SimilarAsset
from contentfinder.text import fold

SIMILAR = 5  # assets whose tags vote for a missing value


def build(data: ReportInput) -> Section:
    tables = [_missing_tags(data)]
    near = _near_misses(data.library.taxonomy, data.assets.values())
    if near:
        tables.append(
            Table(
                name="Unknown tag values",
                columns=("Title", "Asset", "Tag as written", "Did you mean"),
                rows=tuple(near),
                note="Tags no facet knows that are a letter or two from a value that it does: "
                "most likely a typo in the file's properties or in catalog.csv.",
            )
        )
    problems = _catalog_problems(data.library)
    if problems:
        tables.append(
            Table(
                name="Catalog problems",
                columns=("catalog.csv row", "Problem"),
                rows=tuple(problems),
                note="Unknown values, missing files and bad dates in catalog.csv.",
            )
        )
    return Section("Tagging gaps", tables)


def _missing_tags(data: ReportInput) -> Table:
    library = data.library
    required = [f for f in library.taxonomy.facets if f.required]
    rows = []
    with SearchSession.for_library(library) as session:
        for asset in sorted(data.assets.values(), key=lambda a: a.title.casefold()):
            missing = [f for f in required if not asset.tags.get(f.name)]
            if not missing:
                continue
            try:
                similar = session.similar(asset.id, limit=SIMILAR, today=data.today)
            except LookupError:
                similar = []
            words = fold(session.text_of(asset.id))
            for facet in missing:
                rows.append(
                    (
                        asset.title,
                        asset.id,
                        facet.label,
                        *_from_text(facet, words),
                        *_from_similar(facet.name, similar),
                    )
                )
    return Table(
        name="Missing tags",
        columns=(
            "Title",
            "Asset",
            "Missing",
            "From its text",
            "Why",
            "From similar assets",
            "Why (similar)",
        ),
        rows=tuple(rows),
        note="Suggestions are proposals; nothing is tagged without marketing's choice.",
    )


def _near_misses(taxonomy: Taxonomy, assets: Iterable[StoredAsset]) -> list[tuple[str, ...]]:
    matcher = NearMatcher(taxonomy)
    rows = []
    for asset in sorted(assets, key=lambda a: a.title.casefold()):
        for tag in asset.free_tags:
            if len(fold(tag)) >= 3 and (term := matcher.closest(tag)) is not None:
                rows.append((asset.title, asset.id, tag, f"{term.facet}: {term.value}"))
    return rows


def _catalog_problems(library: Library) -> list[tuple[int, str]]:
    if library.folder is None:
        return []
    try:
        catalog = library.catalog
    except LibraryError:
        return []  # the folder has gone since the index was built: nothing to read
    return [(p.row, p.message) for p in catalog.problems]


def _from_text(facet: Facet, words: str) -> tuple[str, str]:
    mention = mentioned_value(facet, words)
    return (mention.value, mention.reason) if mention else ("", "")


def _from_similar(facet_name: str, similar: Sequence[SimilarAsset]) -> tuple[str, str]:
    votes = Counter(value for like in similar for value in like.hit.tags.get(facet_name, ()))
    if not votes:
        return "", ""
    value, count = votes.most_common(1)[0]
    source = next(like.hit.title for like in similar if value in like.hit.tags.get(facet_name, ()))
    return value, f"{count} of the {len(similar)} most similar assets, e.g. {source}"
