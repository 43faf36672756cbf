"""Tag proposals for a document about to be published: for each required facet (and the
content type), the value its own text mentions most and the values the library's most similar
assets carry, each with its reason. Proposals only: nothing is tagged without a person's choice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from contentfinder.index.schema import IndexUnavailable
from contentfinder.library.opened import Library
from contentfinder.library.tag_matching import mentioned_value
from contentfinder.library.taxonomy import CONTENT_TYPE_FACET, Facet
from contentfinder.search.session import SearchSession, SimilarAsset
from contentfinder.text import fold

PROPOSED_FACETS_BEYOND_REQUIRED = (CONTENT_TYPE_FACET,)
SIMILAR = 5  # the similar assets whose tags vote


@dataclass(frozen=True)
class Suggestion:
    facet: str
    value: str
    reason: str  # 'mentions "SOC 2" 6×', 'like Security Whitepaper 2025 (and 2 more)'


def suggest_tags(library: Library, text: str, *, limit: int = 2) -> list[Suggestion]:
    """Proposals for the required facets (and content type) from a document's own text and
    from the tags of the library's most similar assets, the likelier first within a facet."""
    folded = fold(text)
    try:
        with SearchSession.for_library(library) as session:
            similar = session.similar_to(text, {}, limit=SIMILAR)
    except IndexUnavailable:
        similar = []  # before the first index run: the text alone
    found: list[Suggestion] = []
    for facet in library.taxonomy.facets:
        if facet.required or facet.name in PROPOSED_FACETS_BEYOND_REQUIRED:
            found += _proposals(facet, folded, similar, limit)
    return found


def _proposals(
    facet: Facet, folded: str, similar: Sequence[SimilarAsset], limit: int
) -> list[Suggestion]:
    mention = mentioned_value(facet, folded)
    from_text = [Suggestion(facet.name, mention.value, mention.reason)] if mention else []
    from_similar = []
    votes = Counter(v for like in similar for v in like.hit.tags.get(facet.name, ()))
    for voted, count in votes.most_common(limit):
        if mention is not None and voted == mention.value:
            continue
        source = next(
            like.hit.title for like in similar if voted in like.hit.tags.get(facet.name, ())
        )
        more = f" (and {count - 1} more)" if count > 1 else ""
        from_similar.append(Suggestion(facet.name, voted, f"like {source}{more}"))
    # A word said once is a weak sign; what similar assets are tagged says more then.
    strong = mention is not None and mention.count > 1
    return from_text + from_similar if strong else from_similar + from_text
