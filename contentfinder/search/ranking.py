"""Matching and ranking: BM25F over title, tags, summary and body, read from the postings.

Whoosh scores one document at a time through a tree of Python matcher objects; a three-word
query over a 5,000-asset library took about 100 ms that way. Here each term's postings are read
once, block by block, kept for the session (a rep typing repeats the same terms), and scored
(`scoring`): the same BM25 per field, summed with field weights, in dicts for a one-shot search
and in numpy arrays for a session. Which documents have a term, an alternative or a concept
are bitsets (`docbits`): at 50,000 assets their frozensets were a third of a search.

Which assets match: any with one of the query's counted words (not filler like 'how', not a
word most of the library has), so the page is always filled. Full matches come first: assets
with every counted word of a short query, or with half the rarity of a sentence (its words
weighted by how few assets have them). Then the partial matches. Every score is scaled by the
share of the query's rarity the asset covers, so an asset with one common word of a sentence
never outranks one with most of it. In a short query, a word no asset mentions (typed, or a
synonym, in its own words) means nothing is a full match: the search is a gap in the library,
whatever partially matches.
"""

from __future__ import annotations

import math
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from contentfinder.index.positions import decode_positions
from contentfinder.index.saved_beside import saved_or_made
from contentfinder.index.term_reader import PostingsRun, TermReader
from contentfinder.index.whoosh_internals import field_lengths
from contentfinder.search.coverage import Steer, coverage_of, interleaved
from contentfinder.search.docbits import DocBits, has, intersection_bits, union_bits
from contentfinder.search.expansion import Alternative, Concept, Plan
from contentfinder.search.kept import kept
from contentfinder.search.scoring import (
    FIELD_WEIGHTS,
    K1,
    B,
    PostingArrays,
    dense_window,
    steered_scores,
)
from contentfinder.search.window import best_window

PHRASE_FIELDS = ("title", "summary", "tag_text", "body")
PROXIMITY_BONUS = 0.3  # all neighbouring query words next to each other: score x 1.3
NEAR = 3  # words apart that still count as together
RERANKED = 40  # best candidates looked at again for proximity and versions
COMMON_SHARE = 0.5  # a word in more of the library than this is not required of an asset
COMMON_MIN_LIBRARY = 50  # ... once the library is big enough for shares to mean something
# Two counted words are two topics ('hipaa onboarding'): below the assets with both, the partial
# matches take turns, the best of each topic. Measured on the judged sets: nDCG@10 -0.001 on
# the held-out set, -0.004 on the sample one; interleaving longer queries cost 0.02 and more.
TWO_TOPICS = 2
# A query of up to four counted words needs all of them for a full match; a longer one (a
# sentence: how a person talks, with words no asset needs to say) needs the assets covering at
# least half its rarity. Measured on the three judged sets: answerable queries called a gap
# 0.114 / 0.098 / 0.029 (sample / held-out / validation) against 0.139 / 0.222 / 0.486 when a
# sentence also needed its rarer half of words, with every no-answer query of the sample and
# held-out sets still recognised.
KEY_WORDS_ALL = 4
SENTENCE_SHARE = 0.5
POSTINGS_CACHE_SIZE = 512  # (field, term) lists kept per session
# Terms whose every position is kept for phrases, as keys (see `phrases`): 8 bytes a position,
# a few megabytes for a common word at 50,000 assets.
PHRASE_TERMS_KEPT = 64
# Positions for a few documents (proximity's candidates) are read for those documents alone when
# they are fewer than a 64th of the term's: looked up in the recorded positions, or, for a
# segment without them, from the Whoosh blocks that hold them (a block holds 128).
FEW_DOCS = 64
NORMS_PREFIX = "field-norms-"  # saved beside the index (see Ranker.norms)


@dataclass(frozen=True)
class Ranked:
    """What ranking found for one query: the matches, the best of them, and what each lacks."""

    # Sets of documents as bitsets (`docbits`).
    matching: int  # every document with any counted word (before facet filters)
    allowed: int  # of those, the ones the filters let through
    top: list[tuple[float, int]]  # (score, docnum), best first
    full: int  # of `allowed`, the full matches
    lacking: dict[int, tuple[int, ...]]  # docnum in `top` -> places of words a partial lacks
    unmentioned: tuple[int, ...]  # places of counted words no live asset mentions


class Ranker:
    """Postings, field lengths and BM25F for one open searcher."""

    def __init__(self, searcher, index_dir: Path | None = None) -> None:  # noqa: ANN001
        """`searcher`: a whoosh searcher; `index_dir`: its folder, where the field norms are
        saved for the next session (none: worked out each time)."""
        self.searcher = searcher
        self._index_dir = index_dir
        reader = searcher.reader()
        self.doc_count = max(reader.doc_count_all(), 1)
        self.average_length = {
            field: max(reader.field_length(field) / self.doc_count, 1.0) for field in FIELD_WEIGHTS
        }
        # Weights in the index are frequency times the field's boost in the schema.
        self.boost = {field: searcher.schema[field].format.field_boost for field in FIELD_WEIGHTS}
        self._lengths: dict[str, list[int]] = {}
        self._norms: dict[str, list[float]] = {}
        self._terms = TermReader(searcher)
        self.doc_bits = DocBits(self.doc_count)
        self._postings: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()
        self._term_bits: OrderedDict[tuple[str, str], tuple[int, int]] = OrderedDict()
        self._encoded_places: OrderedDict[tuple[str, str], dict[int, bytes]] = OrderedDict()
        self._some_places: OrderedDict[tuple, dict[int, bytes]] = OrderedDict()
        self._phrase_keys: OrderedDict[tuple[str, str], object] = OrderedDict()  # numpy arrays
        self._phrases: OrderedDict[tuple, int] = OrderedDict()
        self._alternatives: OrderedDict[tuple, int] = OrderedDict()
        self._concepts: OrderedDict[tuple, int] = OrderedDict()
        self._mentions: OrderedDict[tuple, bool] = OrderedDict()
        self._arrays: PostingArrays | None = None

    # -- what the index knows ------------------------------------------------------------

    def knows(self, term: str) -> bool:
        return any(self.term_bits(field, term) for field in FIELD_WEIGHTS)

    def docs_with(self, term: str, fields: Iterable[str] = FIELD_WEIGHTS) -> int:
        """Documents with `term` in any of `fields` (every ranked field by default)."""
        return union_bits(self.term_bits(field, term) for field in fields)

    def fields_with(self, term: str, docnum: int) -> tuple[str, ...]:
        return tuple(f for f in FIELD_WEIGHTS if has(self.term_bits(f, term), docnum))

    def alternative_docs(self, alternative: Alternative) -> int:
        """Documents with all of the alternative's terms (standing together, for a phrase)."""
        fields = alternative.fields or tuple(FIELD_WEIGHTS)
        key = (alternative.terms, alternative.phrase, fields)
        cached = self._alternatives.get(key)
        if cached is None:
            first, *others = (self.docs_with(t, fields) for t in alternative.terms)
            docs = intersection_bits(first, others)
            if alternative.phrase and docs:
                docs = self.phrase_docs(alternative.terms, docs, fields)
            cached = self._alternatives[key] = docs
            if len(self._alternatives) > POSTINGS_CACHE_SIZE:
                self._alternatives.popitem(last=False)
        return cached

    def has(self, alternative: Alternative, docnum: int) -> bool:
        return has(self.alternative_docs(alternative), docnum)

    def _mentioned(self, alternative: Alternative, live: int) -> bool:
        """Whether a live document has the alternative where it counts as said (`said_in`):
        of the documents it was found in, the first whose fields say every term. Kept for
        the session's live documents: a rep typing asks it of the same words again."""
        if not alternative.said_in:
            return False
        key = (alternative.terms, alternative.phrase, alternative.fields, alternative.said_in)
        return kept(
            self._mentions, (key, live), lambda: self._said(alternative, live), POSTINGS_CACHE_SIZE
        )

    def _said(self, alternative: Alternative, live: int) -> bool:
        docs = self.alternative_docs(alternative) & live
        if set(alternative.said_in) >= set(alternative.fields or FIELD_WEIGHTS):
            return bool(docs)
        said = (self.docs_with(t, alternative.said_in) for t in alternative.terms)
        return bool(intersection_bits(docs, said))

    def concept_docs(self, concept: Concept) -> int:
        """Documents with any of the concept's alternatives (kept: a rep typing repeats the
        words)."""
        alternatives = concept.alternatives
        found = lambda: union_bits(map(self.alternative_docs, alternatives))  # noqa: E731
        return kept(self._concepts, alternatives, found, POSTINGS_CACHE_SIZE)

    # -- matching and ranking ------------------------------------------------------------

    def rank(
        self,
        plan: Plan,
        live: int,
        filtered: int,
        limit: int,
        steers: Sequence[Steer] = (),
    ) -> Ranked:
        """The documents that match `plan` among `live`, and the best `limit` of those in
        `filtered` (`live` narrowed by the facet filters), steered by the content types the
        query names. Sets of documents are bitsets (`docbits`)."""
        per_concept = [self.concept_docs(c) & live for c in plan.concepts]
        required = intersection_bits(
            live, (docs for c, docs in zip(plan.concepts, per_concept, strict=True) if c.required)
        )
        for alternative in plan.excluded:
            required &= ~self.alternative_docs(alternative)
        counted = self._counted_words(
            plan.concepts, per_concept, live.bit_count(), lacking_words=bool(plan.missing)
        )
        cover = coverage_of(plan.concepts, per_concept, counted, steers, live, self.idf)
        of_type = {p for p in cover.steered if cover.having.get(p)}
        unmentioned = self._unmentioned(plan.concepts, counted, live, mentioned=of_type)
        matching = required & cover.matching  # what the coverage matches is live already
        allowed = matching & filtered
        window = max(limit, RERANKED)
        sentence = len(counted) > KEY_WORDS_ALL
        full = 0 if sentence or plan.missing or unmentioned else cover.having_all(allowed)
        # Enough full matches fill the window: the partial ones need no score at all.
        scored = full if full.bit_count() >= window else allowed
        if self._arrays is not None:  # a warmed-up session: numpy (see `scoring`)
            share = cover.share_arrays(scored & ~full, self.doc_bits)
            if sentence:  # half its rarity is a full match
                full = self.doc_bits.of_mask(share.having & (share.values >= SENTENCE_SHARE))
            candidates = dense_window(
                self, window, scored, full, share, plan.concepts, steers, cover.steered
            )
        else:
            shares = cover.shares(scored & ~full, self.doc_bits)
            if sentence:
                full = self.doc_bits.of(d for d, s in shares.items() if s >= SENTENCE_SHARE)
            scores = steered_scores(self, plan.concepts, scored, steers, cover.steered)
            members = self.doc_bits.members
            candidates = best_window(
                window, frozenset(members(scored)), frozenset(members(full)), shares, scores
            )
        candidates = self._with_proximity(plan.concepts, candidates)
        if len(counted) == TWO_TOPICS:
            candidates = interleaved(candidates, cover.lacking)
        top = [(score, docnum) for _, score, docnum in candidates[:limit]]
        return Ranked(
            matching,
            allowed,
            top,
            full,
            {
                d: () if has(full, d) else tuple(sorted(cover.lacking(d).union(unmentioned)))
                for _, d in top
            },
            unmentioned,
        )

    def idf(self, documents: int) -> float:
        return math.log(1 + (self.doc_count - documents + 0.5) / (documents + 0.5))

    def _unmentioned(
        self,
        concepts: tuple[Concept, ...],
        counted: set[int],
        live: int,
        *,
        mentioned: set[int],
    ) -> tuple[int, ...]:
        """Counted words no live asset mentions in its own words: a word found only among a
        tag's synonyms ('pci dss' listed under security compliance) is not a mention."""
        mentioned = set(mentioned)
        for concept in concepts:
            places = counted.intersection(concept.covers) - mentioned
            if places and any(self._mentioned(a, live) for a in concept.alternatives):
                mentioned.update(places)
        return tuple(sorted(counted - mentioned))

    def _counted_words(
        self,
        concepts: tuple[Concept, ...],
        per_concept: list[int],
        live: int,
        *,
        lacking_words: bool,
    ) -> set[int]:
        """The typed words (by place) an asset must have: not filler words ('how', 'about')
        nor words in most of the library, which still rank but would let nearly everything
        through — unless that is all the query has. When it also had words the library
        lacks (`lacking_words`: 'how about drones'), the filler is still not what was wanted,
        and nothing is counted. `per_concept`: the live documents of each concept, of `live`
        live documents."""
        common = COMMON_SHARE * live
        small_library = live < COMMON_MIN_LIBRARY
        places = {p for c in concepts for p in c.covers}
        weak = {
            c.covers[0]
            for c, docs in zip(concepts, per_concept, strict=True)
            if len(c.covers) == 1
            and not c.required
            and (c.optional or (not small_library and docs.bit_count() > common))
        }
        return (places - weak) or (set() if lacking_words else places)

    def use_arrays(self) -> None:
        """From now on, score many candidates at once with numpy arrays (`scoring`)."""
        if self._arrays is None:
            self._arrays = PostingArrays(self)
            self.doc_bits.use_numpy(self._arrays.np)

    def arrays(self) -> PostingArrays:
        """The postings and norms as numpy arrays (once `use_arrays` was called)."""
        assert self._arrays is not None, "rank() scores with arrays only after use_arrays()"
        return self._arrays

    def norms(self, field: str) -> list[float]:
        """Per document, BM25's length normalisation for `field`, times the field's boost.
        Every ranked field's at once, from what the last session saved for this index
        generation when it can: at 50,000 assets working them out was a fifth of a one-shot
        search."""
        if not self._norms:
            self._norms = self._saved_norms()
        return self._norms[field]

    def _saved_norms(self) -> dict[str, list[float]]:
        if self._index_dir is None:
            return {field: self._worked_out_norms(field) for field in FIELD_WEIGHTS}
        saved = saved_or_made(
            self._index_dir,
            NORMS_PREFIX,
            f"{self.searcher.reader().generation()}-{K1}-{B}-{self.doc_count}",
            # Arrays of doubles: a tenth of the time lists of floats take to load.
            lambda: {f: array("d", self._worked_out_norms(f)) for f in FIELD_WEIGHTS},
            lambda saved: isinstance(saved, dict) and set(saved) == set(FIELD_WEIGHTS),
        )
        return {field: values.tolist() for field, values in saved.items()}

    def _worked_out_norms(self, field: str) -> list[float]:
        average, boost = self.average_length[field], self.boost[field]
        return [boost * K1 * (1 - B + B * length / average) for length in self.lengths(field)]

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
        candidates: int,
        fields: Iterable[str] = PHRASE_FIELDS,
    ) -> int:
        """Candidates where the phrase's terms stand next to each other in one field: checked
        in the documents with every term in that field, of those not found in a field before
        (`standing_together`)."""
        fields = tuple(f for f in PHRASE_FIELDS if f in fields)
        found = lambda: self._phrase_docs(phrase, fields)  # noqa: E731
        return kept(self._phrases, (phrase, fields), found, POSTINGS_CACHE_SIZE) & candidates

    def _phrase_docs(self, phrase: tuple[str, ...], fields: tuple[str, ...]) -> int:
        from contentfinder.search import phrases  # numpy: only once a phrase is checked

        found = 0
        for field in fields:
            # Only documents with every word in this field, not found in one before.
            in_field = intersection_bits(
                self.term_bits(field, phrase[0]) & ~found,
                (self.term_bits(field, term) for term in phrase[1:]),
            )
            if not in_field:
                continue
            if len(phrase) < 2:  # a phrase of one word (the rest were stop words)
                found |= in_field
                continue
            count = in_field.bit_count()
            columns = [self._keys_covering(field, term, in_field, count) for term in phrase]
            found |= in_field & self.doc_bits.of(phrases.standing_together(columns))
        return found

    def _keys_covering(self, field: str, term: str, docs: int, count: int):  # noqa: ANN202
        """Phrase keys (`phrases`) of `term` in `field` for at least those of `docs` (`count`
        documents) that have it: of every position of the term, or of those documents' alone
        when they are few of the term's (see FEW_DOCS)."""
        from contentfinder.search import phrases  # imported by phrase_docs already

        if (field, term) not in self._phrase_keys and count * FEW_DOCS < self.term_count(
            field, term
        ):
            few = frozenset(self.doc_bits.members(docs))
            return phrases.places_keys(self._encoded(field, term, few))
        read = lambda: phrases.run_keys(self._terms.places_runs(field, term))  # noqa: E731
        return kept(self._phrase_keys, (field, term), read, PHRASE_TERMS_KEPT)

    # -- postings --------------------------------------------------------------------------

    def postings(self, field: str, term: str) -> dict[int, float]:
        """Per document with `term` in `field`, its stored weight (from the segments'
        recorded postings: no positions read)."""
        read = lambda: self._terms.weights(field, term)  # noqa: E731
        return kept(self._postings, (field, term), read, POSTINGS_CACHE_SIZE)

    def postings_runs(self, field: str, term: str) -> list[PostingsRun]:
        """The term's postings in `field`, a run per segment, as recorded (for arrays)."""
        return self._terms.runs(field, term)

    def term_bits(self, field: str, term: str) -> int:
        """The documents with `term` in `field`, as a bitset (`docbits`)."""
        return self._term_bits_and_count(field, term)[0]

    def term_count(self, field: str, term: str) -> int:
        """How many documents have `term` in `field`."""
        return self._term_bits_and_count(field, term)[1]

    def _term_bits_and_count(self, field: str, term: str) -> tuple[int, int]:
        def read() -> tuple[int, int]:
            runs = self._terms.runs(field, term)
            return self.doc_bits.of_runs((r.offset, r.docs) for r in runs), sum(
                len(r.docs) for r in runs
            )

        return kept(self._term_bits, (field, term), read, POSTINGS_CACHE_SIZE)

    def lengths(self, field: str) -> list[int]:
        if field not in self._lengths:
            found = field_lengths(self.searcher, field)
            self._lengths[field] = found + [0] * (self.doc_count - len(found))
        return self._lengths[field]

    def _places(self, field: str, term: str) -> dict[int, bytes]:
        """Encoded positions per document, for phrases and proximity, kept undecoded."""
        read = lambda: self._terms.places(field, term)  # noqa: E731
        return kept(self._encoded_places, (field, term), read, POSTINGS_CACHE_SIZE)

    def _positions(self, field: str, term: str, docs: frozenset[int]) -> dict[int, list[int]]:
        """Where `term` stands in each of `docs` that has it. Only those documents' positions
        are decoded: a common word's full list would cost more than the whole search."""
        return {d: list(decode_positions(v)) for d, v in self._encoded(field, term, docs).items()}

    def _encoded(self, field: str, term: str, docs: frozenset[int]) -> dict[int, bytes]:
        encoded = self._places_covering(field, term, docs)
        if len(docs) < len(encoded):
            return {d: encoded[d] for d in docs if d in encoded}
        return {d: v for d, v in encoded.items() if d in docs}

    def _places_covering(self, field: str, term: str, docs: frozenset[int]) -> dict[int, bytes]:
        """Encoded positions of `term` in `field` for at least those of `docs` that have it:
        read for those documents alone when they are few of the term's (see FEW_DOCS)."""
        if (field, term) not in self._encoded_places and len(docs) * FEW_DOCS < self.term_count(
            field, term
        ):
            read = lambda: self._terms.places(field, term, docs)  # noqa: E731
            key = (field, term, frozenset(docs))
            return kept(self._some_places, key, read, POSTINGS_CACHE_SIZE)
        return self._places(field, term)


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
