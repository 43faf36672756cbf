"""Scores of a query's candidates: BM25 per field, summed with field weights (BM25F), the best
alternative of each typed word, a run of words against its synonym, the content type a query
names boosted.

Two ways to the same numbers: per document in dicts, or with numpy, a field's postings at
once into an array over every document, then the best window picked from the array. The dense
path does the same float operations in the same order per document, so each score is the same
to the last bit.

A session that has warmed up (`Ranker.use_arrays`) scores every search with arrays: with the
candidates a bitset (`docbits`), making their mask costs microseconds, and the dicts' weights
per document cost more than the arrays at 5,000 and 50,000 assets (`search_bench`, p95 at
5,000 assets: 9.3 ms, against 13.5 ms scoring fewer than 2,000 candidates in dicts). A
one-shot search scores in dicts, as importing numpy would cost it more than it saves.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from contentfinder.index.term_reader import PostingsRun
from contentfinder.search.coverage import Candidate, ShareArrays, Steer
from contentfinder.search.docbits import DocBits, union_bits
from contentfinder.search.expansion import Alternative, Concept
from contentfinder.search.kept import kept
from contentfinder.search.window import OTHER_TYPE_SHARE

if TYPE_CHECKING:
    import numpy as np

# Chosen with benchmarks/relevance/tune.py: nDCG@10 moved within 0.874-0.883 over the whole
# grid, best with tags at 1 (tag_text repeats every synonym of a tag, so a tag match is already
# several term matches) and the title well above the body, which is long and noisy.
FIELD_WEIGHTS = {"title": 3.0, "tag_text": 1.0, "summary": 1.5, "body": 1.0}
K1 = 1.2
B = 0.75
CONTENT_TYPE_BOOST = 1.5  # an asset of the content type the query names ('case study')
ARRAYS_KEPT = 512  # (field, term) postings kept as arrays: a fifth of their dicts' memory


class Postings(Protocol):
    """What scoring reads of the index (the ranker). Sets of documents are bitsets."""

    doc_count: int
    doc_bits: DocBits

    def postings(self, field: str, term: str) -> dict[int, float]: ...
    def postings_runs(self, field: str, term: str) -> list[PostingsRun]: ...
    def term_bits(self, field: str, term: str) -> int: ...
    def norms(self, field: str) -> list[float]: ...
    def idf(self, documents: int) -> float: ...
    def alternative_docs(self, alternative: Alternative) -> int: ...
    def arrays(self) -> PostingArrays: ...


def steered_scores(
    index: Postings,
    concepts: tuple[Concept, ...],
    allowed: int,
    steers: Sequence[Steer],
    steered: frozenset[int],
) -> dict[int, float]:
    """Scores where the words naming a content type count, boosted, for the assets of
    that type; as words for untagged ones; for assets of another type only when they
    have no other word of the query (they then rank by those words, last)."""
    if not steers:
        return _scores(index, concepts, allowed)
    of_type = allowed & union_bits(steer.of_type for steer in steers)
    other = allowed & union_bits(steer.other_type for steer in steers) & ~of_type
    plain = tuple(c for c in concepts if not steered.issuperset(c.covers))
    scores = _scores(index, concepts, allowed & ~of_type & ~other)
    scores.update(_scores(index, plain, other))
    scores.update(_scores(index, concepts, other & ~index.doc_bits.of(scores)))
    for docnum, score in _scores(index, concepts, of_type).items():
        scores[docnum] = score * CONTENT_TYPE_BOOST
    return scores


def _scores(index: Postings, concepts: Iterable[Concept], allowed: int) -> dict[int, float]:
    """Per document, the sum over the typed words of their best-scoring alternative; where
    a run of words has a synonym ('total cost of ownership' / 'TCO'), the run counts as
    the better of the synonym and the words, never both."""
    total: dict[int, float] = {}
    by_place: dict[int, dict[int, float]] = {}
    runs = []
    for concept in concepts:
        scores = _concept_scores(index, concept, allowed)
        if len(concept.covers) > 1:
            runs.append((concept, scores))
            continue
        by_place[concept.covers[0]] = scores
        if not total:  # the first word: nothing to add it to
            total = dict(scores)
            continue
        get = total.get
        for docnum, score in scores.items():
            total[docnum] = get(docnum, 0.0) + score
    for concept, scores in runs:
        for docnum, score in scores.items():
            score *= len(concept.covers)  # 'TCO' stands for four typed words
            words = sum(by_place.get(p, {}).get(docnum, 0.0) for p in concept.covers)
            if score > words:
                total[docnum] = total.get(docnum, 0.0) + score - words
    return total


def _concept_scores(index: Postings, concept: Concept, allowed: int) -> dict[int, float]:
    best: dict[int, float] = {}
    for alternative in concept.alternatives:
        narrowed = alternative.phrase or alternative.fields
        docs = allowed & index.alternative_docs(alternative) if narrowed else allowed
        scores = _bm25f(index, alternative.terms, docs, alternative.fields or FIELD_WEIGHTS)
        # Several terms naming one thing ('total cost of ownership' for 'tco') count once.
        weight = alternative.weight / len(alternative.terms)
        if not best:  # the first alternative: nothing to compare with
            best = {d: w for d, score in scores.items() if (w := score * weight) > 0.0}
            continue
        get = best.get
        for docnum, score in scores.items():
            weighted = score * weight
            if weighted > get(docnum, 0.0):
                best[docnum] = weighted
    return best


def _bm25f(
    index: Postings, terms: Iterable[str], candidates: int, fields: Iterable[str]
) -> dict[int, float]:
    scores: dict[int, float] = {}
    members = index.doc_bits.members
    for term in terms:
        for field in fields:
            having = candidates & index.term_bits(field, term)
            if not having:
                continue
            postings = index.postings(field, term)
            factor = _factor(index, field, len(postings))
            norms = index.norms(field)
            # The stored weight is the frequency times the field's boost: norms are
            # scaled by the boost too, so the ratio is BM25's.
            part = {d: factor * (w := postings[d]) / (w + norms[d]) for d in members(having)}
            if not scores:  # the first part: nothing to add it to
                scores = part
                continue
            get = scores.get
            for docnum, score in part.items():
                scores[docnum] = get(docnum, 0.0) + score
    return scores


def _factor(index: Postings, field: str, documents: int) -> float:
    return FIELD_WEIGHTS[field] * index.idf(documents) * (K1 + 1)


# -- many candidates: numpy arrays over every document --------------------------------------


class PostingArrays:
    """A ranker's postings and norms as numpy arrays, made at their first dense scoring (a
    ranker's postings never change: it is one searcher's)."""

    def __init__(self, index: Postings) -> None:
        from contentfinder.search.numeric import np  # only dense scoring needs it

        self.np = np
        self._index = index
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]]
        self._postings = OrderedDict()
        self._norms: dict[str, np.ndarray] = {}

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """The documents with `term` in `field`, in the postings' order, and its weights."""

        def made() -> tuple[np.ndarray, np.ndarray]:
            runs, np = self._index.postings_runs(field, term), self.np
            if not runs:
                return np.empty(0, np.intp), np.empty(0, np.float64)
            return (
                np.concatenate([np.asarray(r.docs, np.intp) + r.offset for r in runs]),
                np.concatenate([np.asarray(r.weights, np.float64) for r in runs]),
            )

        return kept(self._postings, (field, term), made, ARRAYS_KEPT)

    def norms(self, field: str) -> np.ndarray:
        if field not in self._norms:
            self._norms[field] = self.np.asarray(self._index.norms(field), dtype=self.np.float64)
        return self._norms[field]

    def mask(self, docs: int) -> np.ndarray:
        """`docs` (a bitset) as a boolean mask over every document."""
        return self._index.doc_bits.mask(docs)


def dense_window(
    index: Postings,
    window: int,
    scored: int,
    full: int,
    share: ShareArrays,
    concepts: tuple[Concept, ...],
    steers: Sequence[Steer],
    steered: frozenset[int],
) -> list[Candidate]:
    """`window.best_window` of `steered_scores`, with arrays: the same candidates."""
    arrays = index.arrays()
    np = arrays.np
    scored_mask = arrays.mask(scored)
    full_mask = scored_mask if full == scored else arrays.mask(full)
    scores = _dense_steered(index, arrays, concepts, scored_mask, steers, steered)
    covers = np.full(index.doc_count, OTHER_TYPE_SHARE)
    covers[full_mask] = 1.0
    # A share wins over a full match's 1.0, as in best_window.
    covers[share.having] = share.values[share.having]
    docs = np.flatnonzero(scored_mask)
    tier = full_mask[docs]
    adjusted = scores[docs] * covers[docs]
    chosen = [(1, *c) for c in _best_of(np, window, docs[tier], adjusted[tier])]
    if len(chosen) < window:
        chosen += [
            (0, *c) for c in _best_of(np, window - len(chosen), docs[~tier], adjusted[~tier])
        ]
    return chosen


def _best_of(np, count: int, docs, values) -> list[tuple[float, int]]:  # noqa: ANN001
    """The `count` highest values, ties to the lower document, as (value, docnum)."""
    if count <= 0 or not len(docs):
        return []
    if len(docs) > count:
        lowest = np.partition(values, len(values) - count)[len(values) - count]
        kept = values >= lowest
        docs, values = docs[kept], values[kept]
    order = np.lexsort((docs, -values))[:count]
    return list(zip(values[order].tolist(), docs[order].tolist(), strict=True))


def _dense_steered(
    index: Postings,
    arrays: PostingArrays,
    concepts: tuple[Concept, ...],
    allowed: np.ndarray,
    steers: Sequence[Steer],
    steered: frozenset[int],
) -> np.ndarray:
    """`steered_scores` over a mask: zero where a dict has no score."""
    if not steers:
        return _dense_scores(index, arrays, concepts, allowed)
    of_type = allowed & arrays.mask(union_bits(steer.of_type for steer in steers))
    other = allowed & arrays.mask(union_bits(steer.other_type for steer in steers))
    other &= ~of_type
    plain = tuple(c for c in concepts if not steered.issuperset(c.covers))
    scores = _dense_scores(index, arrays, concepts, allowed & ~of_type & ~other)
    by_plain = _dense_scores(index, arrays, plain, other)
    # The masks are apart: each document's score comes from one of these, the others add 0.
    scores += by_plain
    scores += _dense_scores(index, arrays, concepts, other & ~(by_plain > 0.0))
    scores += _dense_scores(index, arrays, concepts, of_type) * CONTENT_TYPE_BOOST
    return scores


def _dense_scores(
    index: Postings, arrays: PostingArrays, concepts: Iterable[Concept], allowed: np.ndarray
) -> np.ndarray:
    np = arrays.np
    total = np.zeros(index.doc_count)
    by_place: dict[int, np.ndarray] = {}
    runs = []
    for concept in concepts:
        scores = _dense_concept(index, arrays, concept, allowed)
        if len(concept.covers) > 1:
            runs.append((concept, scores))
            continue
        by_place[concept.covers[0]] = scores
        total += scores
    for concept, scores in runs:
        scores = scores * len(concept.covers)
        words = sum(by_place.get(p, 0.0) for p in concept.covers)
        total = np.where(scores > words, total + scores - words, total)
    return total


def _dense_concept(
    index: Postings, arrays: PostingArrays, concept: Concept, allowed: np.ndarray
) -> np.ndarray:
    np = arrays.np
    best = np.zeros(index.doc_count)
    for alternative in concept.alternatives:
        narrowed = alternative.phrase or alternative.fields
        docs = allowed & arrays.mask(index.alternative_docs(alternative)) if narrowed else allowed
        fields = alternative.fields or FIELD_WEIGHTS
        scores = _dense_bm25f(index, arrays, alternative.terms, docs, fields)
        np.maximum(best, scores * (alternative.weight / len(alternative.terms)), out=best)
    return best


def _dense_bm25f(
    index: Postings,
    arrays: PostingArrays,
    terms: Iterable[str],
    candidates: np.ndarray,
    fields: Iterable[str],
) -> np.ndarray:
    scores = arrays.np.zeros(index.doc_count)
    for term in terms:
        for field in fields:
            docs, weights = arrays.postings(field, term)
            if not len(docs):
                continue
            factor = _factor(index, field, len(docs))
            inside = candidates[docs]
            docs, weights = docs[inside], weights[inside]
            scores[docs] += factor * weights / (weights + arrays.norms(field)[docs])
    return scores
