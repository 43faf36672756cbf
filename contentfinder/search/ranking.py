"""Matching and ranking: BM25F over title, tags, summary and body, read from the postings.

Whoosh scores one document at a time through a tree of Python matcher objects; a three-word
query over a 5,000-asset library took about 100 ms that way. Here each term's postings are read
once, block by block, kept for the session (a rep typing repeats the same terms), and scored in
plain loops: the same BM25 per field, summed with field weights.

Which assets match: every concept of the query (a word, a synonym phrase, a quoted phrase) when
some asset has them all; else as many as any asset has, down to one, so a natural-language query
never comes back empty because one word is missing, and a three-word query does not return
every asset that has any one of the words. Assets with more of the concepts always rank first.
"""

from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from contentfinder.index.whoosh_internals import decode_positions, positions_after, term_postings
from contentfinder.search.expansion import Alternative, Concept, Plan

# Chosen with benchmarks/relevance/tune.py: nDCG@10 moved within 0.874-0.883 over the whole
# grid, best with tags at 1 (tag_text repeats every synonym of a tag, so a tag match is already
# several term matches) and the title well above the body, which is long and noisy.
FIELD_WEIGHTS = {"title": 3.0, "tag_text": 1.0, "summary": 1.5, "body": 1.0}
PHRASE_FIELDS = ("title", "summary", "tag_text", "body")
K1 = 1.2
B = 0.75
PROXIMITY_BONUS = 0.3  # all neighbouring query words next to each other: score x 1.3
NEAR = 3  # words apart that still count as together
RERANKED = 40  # best candidates looked at again for proximity and versions
COMMON_SHARE = 0.5  # a word in more of the library than this is not required of an asset
COMMON_MIN_LIBRARY = 50  # ... once the library is big enough for shares to mean something
POSTINGS_CACHE_SIZE = 512  # (field, term) lists kept per session


@dataclass(frozen=True)
class Ranked:
    matching: frozenset[int]  # every document the words match (before facet filters)
    allowed: frozenset[int]  # of those, the ones the filters let through
    top: list[tuple[float, int]]  # (score, docnum), best first
    concepts_matched: dict[int, int]  # docnum -> how many of the typed words it has


class Ranker:
    """Postings, field lengths and BM25F for one open searcher."""

    def __init__(self, searcher) -> None:  # noqa: ANN001 - a whoosh searcher
        self.searcher = searcher
        reader = searcher.reader()
        self.doc_count = max(reader.doc_count_all(), 1)
        self.average_length = {
            field: max(reader.field_length(field) / self.doc_count, 1.0) for field in FIELD_WEIGHTS
        }
        # Weights in the index are frequency times the field's boost in the schema.
        self.boost = {field: searcher.schema[field].format.field_boost for field in FIELD_WEIGHTS}
        self._lengths: dict[str, list[int]] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[dict[int, float], dict[int, bytes]]] = (
            OrderedDict()
        )
        self._phrases: OrderedDict[tuple, frozenset[int]] = OrderedDict()
        self._alternatives: OrderedDict[tuple, frozenset[int]] = OrderedDict()

    # -- what the index knows ------------------------------------------------------------

    def knows(self, term: str) -> bool:
        return any(self.postings(field, term) for field in FIELD_WEIGHTS)

    def docs_with(self, term: str, fields: Iterable[str] = FIELD_WEIGHTS) -> set[int]:
        """Documents with `term` in any of `fields` (every ranked field by default)."""
        docs: set[int] = set()
        for field in fields:
            docs.update(self.postings(field, term))
        return docs

    def fields_with(self, term: str, docnum: int) -> tuple[str, ...]:
        return tuple(f for f in FIELD_WEIGHTS if docnum in self.postings(f, term))

    def alternative_docs(self, alternative: Alternative) -> frozenset[int]:
        """Documents with all of the alternative's terms (standing together, for a phrase)."""
        fields = alternative.fields or tuple(FIELD_WEIGHTS)
        key = (alternative.terms, alternative.phrase, fields)
        cached = self._alternatives.get(key)
        if cached is None:
            docs = frozenset.intersection(
                *(frozenset(self.docs_with(t, fields)) for t in alternative.terms)
            )
            if alternative.phrase and docs:
                docs = self.phrase_docs(alternative.terms, docs, fields)
            cached = self._alternatives[key] = docs
            if len(self._alternatives) > POSTINGS_CACHE_SIZE:
                self._alternatives.popitem(last=False)
        return cached

    def concept_docs(self, concept: Concept) -> frozenset[int]:
        return frozenset().union(*(self.alternative_docs(a) for a in concept.alternatives))

    # -- matching and ranking ------------------------------------------------------------

    def rank(
        self, plan: Plan, live: frozenset[int], filtered: frozenset[int], limit: int
    ) -> Ranked:
        """The documents that match `plan` among `live`, and the best `limit` of those in
        `filtered` (`live` narrowed by the facet filters)."""
        per_concept = [self.concept_docs(c) & live for c in plan.concepts]
        required = live.intersection(
            *(docs for c, docs in zip(plan.concepts, per_concept, strict=True) if c.required)
        )
        for alternative in plan.excluded:
            required = required - self.alternative_docs(alternative)
        counted = self._counted_words(plan.concepts, live)
        covered: dict[int, set[int]] = {}  # docnum -> the counted typed words it has
        for concept, docs in zip(plan.concepts, per_concept, strict=True):
            places = counted.intersection(concept.covers)
            if places:
                for docnum in docs:
                    covered.setdefault(docnum, set()).update(places)
        counts = {docnum: len(places) for docnum, places in covered.items()}
        needed = minimum_to_match(len(counted))
        matching: frozenset[int] = frozenset()
        while needed >= 1:
            matching = frozenset(d for d, n in counts.items() if n >= needed and d in required)
            if matching or needed == 1:
                break
            needed -= 1  # no asset has that many of the words: accept fewer
        allowed = matching & filtered
        scores = self._scores(plan.concepts, allowed)
        window = max(limit, RERANKED)
        best = heapq.nlargest(window, ((counts[d], scores.get(d, 0.0), -d) for d in allowed))
        candidates = [(n, score, -negated) for n, score, negated in best]
        candidates = self._with_proximity(plan.concepts, candidates)
        top = [(score, docnum) for _, score, docnum in candidates[:limit]]
        return Ranked(matching, allowed, top, {d: counts[d] for _, d in top})

    def _counted_words(self, concepts: tuple[Concept, ...], live: frozenset[int]) -> set[int]:
        """The typed words (by place) an asset must have: not filler words ('how', 'about')
        nor words in most of the library, which still rank but would let nearly everything
        through — unless that is all the query has."""
        common = COMMON_SHARE * len(live)
        small_library = len(live) < COMMON_MIN_LIBRARY
        places = {p for c in concepts for p in c.covers}
        weak = {
            c.covers[0]
            for c in concepts
            if len(c.covers) == 1
            and not c.required
            and (c.optional or (not small_library and len(self.concept_docs(c) & live) > common))
        }
        return (places - weak) or places

    def _scores(self, concepts: Iterable[Concept], allowed: frozenset[int]) -> dict[int, float]:
        """Per document, the sum over the typed words of their best-scoring alternative; where
        a run of words has a synonym ('total cost of ownership' / 'TCO'), the run counts as
        the better of the synonym and the words, never both."""
        total: dict[int, float] = {}
        by_place: dict[int, dict[int, float]] = {}
        runs = []
        for concept in concepts:
            scores = self._concept_scores(concept, allowed)
            if len(concept.covers) > 1:
                runs.append((concept, scores))
                continue
            by_place[concept.covers[0]] = scores
            for docnum, score in scores.items():
                total[docnum] = total.get(docnum, 0.0) + score
        for concept, scores in runs:
            for docnum, score in scores.items():
                score *= len(concept.covers)  # 'TCO' stands for four typed words
                words = sum(by_place.get(p, {}).get(docnum, 0.0) for p in concept.covers)
                if score > words:
                    total[docnum] = total.get(docnum, 0.0) + score - words
        return total

    def _concept_scores(self, concept: Concept, allowed: frozenset[int]) -> dict[int, float]:
        best: dict[int, float] = {}
        for alternative in concept.alternatives:
            narrowed = alternative.phrase or alternative.fields
            docs = allowed & self.alternative_docs(alternative) if narrowed else allowed
            scores = self._bm25f(alternative.terms, docs, alternative.fields or FIELD_WEIGHTS)
            # Several terms naming one thing ('total cost of ownership' for 'tco') count once.
            weight = alternative.weight / len(alternative.terms)
            for docnum, score in scores.items():
                weighted = score * weight
                if weighted > best.get(docnum, 0.0):
                    best[docnum] = weighted
        return best

    def _bm25f(
        self, terms: Iterable[str], candidates: frozenset[int], fields: Iterable[str]
    ) -> dict[int, float]:
        scores: dict[int, float] = {}
        for term in terms:
            for field in fields:
                weight = FIELD_WEIGHTS[field]
                postings = self.postings(field, term)
                if not postings:
                    continue
                idf = math.log(1 + (self.doc_count - len(postings) + 0.5) / (len(postings) + 0.5))
                lengths = self.lengths(field)
                average, boost = self.average_length[field], self.boost[field]
                factor = weight * idf * (K1 + 1)
                if len(candidates) < len(postings):
                    pairs = ((d, postings[d]) for d in candidates if d in postings)
                else:
                    pairs = ((d, w) for d, w in postings.items() if d in candidates)
                for docnum, stored in pairs:
                    frequency = stored / boost
                    norm = K1 * (1 - B + B * lengths[docnum] / average)
                    scores[docnum] = scores.get(docnum, 0.0) + factor * frequency / (
                        frequency + norm
                    )
        return scores

    def _with_proximity(
        self, concepts: tuple[Concept, ...], candidates: list[tuple[int, float, int]]
    ) -> list[tuple[int, float, int]]:
        """Candidates whose neighbouring query words stand near each other move up."""
        words = [c for c in concepts if len(c.covers) == 1 and not c.required]
        pairs = [
            (a.alternatives[0].terms[-1], b.alternatives[0].terms[0]) for a, b in pairwise(words)
        ]
        if not pairs or not candidates:
            return candidates
        docs = frozenset(d for _, _, d in candidates)
        near = dict.fromkeys(docs, 0)
        for first, second in pairs:
            together: set[int] = set()
            for field in PHRASE_FIELDS:
                at_first = self._positions(field, first, docs - together)
                at_second = self._positions(field, second, frozenset(at_first))
                together.update(d for d in at_second if _near(at_first[d], at_second[d]))
            for docnum in together:
                near[docnum] += 1
        boosted = [
            (n, score * (1 + PROXIMITY_BONUS * min(near[d], len(pairs)) / len(pairs)), d)
            for n, score, d in candidates
        ]
        boosted.sort(key=lambda c: (-c[0], -c[1], c[2]))
        return boosted

    def phrase_docs(
        self,
        phrase: tuple[str, ...],
        candidates: frozenset[int],
        fields: Iterable[str] = PHRASE_FIELDS,
    ) -> frozenset[int]:
        """Candidates where the phrase's terms stand next to each other in one field. Term by
        term, so a document drops out (and its later positions are never decoded) as soon as
        the words so far do not follow each other in it."""
        fields = tuple(f for f in PHRASE_FIELDS if f in fields)
        key = (phrase, fields)
        cached = self._phrases.get(key)
        if cached is not None:
            return cached & candidates
        all_candidates = frozenset.intersection(
            *(frozenset(self.docs_with(t, fields)) for t in phrase)
        )
        found: set[int] = set()
        last = len(phrase) - 1
        for field in fields:
            # Per document, the positions where the next word of the phrase must stand.
            encoded = self._encoded(field, phrase[0], all_candidates - found)
            expected = {d: set(positions_after(v)) for d, v in encoded.items()}
            for index, term in enumerate(phrase[1:], start=1):
                encoded = self._encoded(field, term, frozenset(expected))
                if index == last:
                    expected = {
                        d: set()
                        for d, v in encoded.items()
                        if not expected[d].isdisjoint(decode_positions(v))
                    }
                else:
                    expected = {
                        d: {p + 1 for p in kept}
                        for d, v in encoded.items()
                        if (kept := expected[d].intersection(decode_positions(v)))
                    }
                if not expected:
                    break
            found.update(expected)
        result = frozenset(found)
        self._phrases[key] = result
        if len(self._phrases) > POSTINGS_CACHE_SIZE:
            self._phrases.popitem(last=False)
        return result & candidates

    # -- postings --------------------------------------------------------------------------

    def postings(self, field: str, term: str) -> dict[int, float]:
        return self._read_cached(field, term)[0]

    def lengths(self, field: str) -> list[int]:
        if field not in self._lengths:
            reader = self.searcher.reader()
            self._lengths[field] = [
                reader.doc_field_length(docnum, field, 0) for docnum in range(self.doc_count)
            ]
        return self._lengths[field]

    def _read_cached(self, field: str, term: str) -> tuple[dict[int, float], dict[int, bytes]]:
        key = (field, term)
        cached = self._postings.get(key)
        if cached is not None:
            self._postings.move_to_end(key)
            return cached
        cached = self._postings[key] = self._read(field, term)
        if len(self._postings) > POSTINGS_CACHE_SIZE:
            self._postings.popitem(last=False)
        return cached

    def _read(self, field: str, term: str) -> tuple[dict[int, float], dict[int, bytes]]:
        """Weights and encoded positions per document. Both come in the same block reads, so
        the positions are kept, undecoded, for phrases and proximity."""
        return term_postings(self.searcher, field, term)

    def _positions(self, field: str, term: str, docs: frozenset[int]) -> dict[int, list[int]]:
        """Where `term` stands in each of `docs` that has it. Only those documents' positions
        are decoded: a common word's full list would cost more than the whole search."""
        return {d: list(decode_positions(v)) for d, v in self._encoded(field, term, docs).items()}

    def _encoded(self, field: str, term: str, docs: frozenset[int]) -> dict[int, bytes]:
        encoded = self._read_cached(field, term)[1]
        if len(docs) < len(encoded):
            return {d: encoded[d] for d in docs if d in encoded}
        return {d: v for d, v in encoded.items() if d in docs}


def minimum_to_match(words: int) -> int:
    """How many of the query's words an asset needs before fewer are accepted: all of one or
    two, all but one of three or four, two thirds of more (a pasted sentence)."""
    if words <= 2:
        return words
    if words <= 4:
        return words - 1
    return math.ceil(words * 2 / 3)


def _near(first: list[int], second: list[int]) -> bool:
    """Whether any position of one is within NEAR of a position of the other (both sorted)."""
    i = j = 0
    while i < len(first) and j < len(second):
        if abs(first[i] - second[j]) <= NEAR:
            return True
        if first[i] < second[j]:
            i += 1
        else:
            j += 1
    return False
