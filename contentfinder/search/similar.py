"""More like this: the assets most similar to one asset (or to a new document's text).

Similar means the same distinctive words — the words an asset uses far more than the library
does — and the same tags. The app shows these as "similar content"; publishing proposes tags
from them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from contentfinder.index.analysis import analyze_text
from contentfinder.search.ranking import Ranker

KEY_TERMS = 20
KEY_TEXT_CHARS = 50_000  # the key terms of a long document are in its first pages
TEXT_SHARE = 0.7  # of the similarity; the rest is shared tags
MAX_COMMON_SHARE = 0.5  # words in more of the library than this say nothing about an asset


@dataclass(frozen=True)
class Likeness:
    """How much one asset is like another, and what they share."""

    docnum: int
    score: float  # 0..1
    shared_words: tuple[str, ...]  # the distinctive words both use, most telling first
    shared_tags: dict[str, tuple[str, ...]]  # facet -> values both carry


def key_terms(text: str, ranker: Ranker, *, limit: int = KEY_TERMS) -> dict[str, tuple[float, str]]:
    """The words that best tell what `text` is about: term -> (weight, a word as written).
    Frequent in the text and rare in the library (tf-idf); words in most assets left out."""
    analysed = analyze_text(text[:KEY_TEXT_CHARS])
    surface: dict[str, str] = {}
    for word in analysed.words:
        term = analyze_text(word).items
        if term:
            surface.setdefault(term[0][0].decode("utf-8"), word)
    total = ranker.doc_count
    weights = []
    for raw, frequency, _, _ in analysed.items:
        term = raw.decode("utf-8")
        assets = ranker.term_count("body", term)
        if assets == 0 or assets > MAX_COMMON_SHARE * total or len(term) < 3 or term.isdigit():
            continue
        weight = (1 + math.log(frequency)) * math.log(1 + total / assets)
        weights.append((weight, term))
    weights.sort(reverse=True)
    return {term: (weight, surface.get(term, term)) for weight, term in weights[:limit]}


def most_like(
    terms: Mapping[str, tuple[float, str]],
    tags: Mapping[str, tuple[str, ...]],
    ranker: Ranker,
    *,
    candidates: int,
    tags_of: Mapping[str, Mapping[str, int]],
    limit: int,
) -> list[Likeness]:
    """The `limit` candidates most like a document with these key terms and tags.
    `tags_of` is facet -> value -> documents carrying it (the facet postings). Sets of
    documents are bitsets (`docbits`)."""
    members = ranker.doc_bits.members
    text_scores: dict[int, float] = {}
    word_hits: dict[int, list[tuple[float, str]]] = {}
    for term, (weight, word) in terms.items():
        for docnum in members(ranker.docs_with(term) & candidates):
            text_scores[docnum] = text_scores.get(docnum, 0.0) + weight
            word_hits.setdefault(docnum, []).append((weight, word))
    best_text = sum(weight for weight, _ in terms.values()) or 1.0
    own_tags = {(facet, value) for facet, values in tags.items() for value in values}
    tag_hits: dict[int, set[tuple[str, str]]] = {}
    for facet, value in own_tags:
        for docnum in members(tags_of.get(facet, {}).get(value, 0) & candidates):
            tag_hits.setdefault(docnum, set()).add((facet, value))
    scored = []
    for docnum in set(text_scores) | set(tag_hits):
        text = text_scores.get(docnum, 0.0) / best_text
        shared = tag_hits.get(docnum, set())
        tag = len(shared) / len(own_tags) if own_tags else 0.0
        scored.append((TEXT_SHARE * text + (1 - TEXT_SHARE) * tag, docnum))
    scored.sort(key=lambda s: (-s[0], s[1]))
    found = []
    for score, docnum in scored[:limit]:
        shared = tag_hits.get(docnum, set())
        found.append(
            Likeness(
                docnum,
                score,
                tuple(word for _, word in sorted(word_hits.get(docnum, []), reverse=True)),
                {
                    facet: tuple(v for f, v in sorted(shared) if f == facet)
                    for facet in dict.fromkeys(f for f, _ in sorted(shared))
                },
            )
        )
    return found
