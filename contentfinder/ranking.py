"""Ranking of plain word queries: BM25F over title, tags, summary and body.

Whoosh scores one document at a time through a tree of Python matcher objects; a three-word
query over a 5,000-asset library took about 100 ms that way. Here each term's postings are read
once, block by block, kept for the session (a rep typing repeats the same terms), and scored in
plain loops: the same BM25 per field, summed with field weights.

Queries with phrases, exclusions or field syntax still go through Whoosh (see `search.py`).
"""

from __future__ import annotations

import heapq
import math
import pickle
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

FIELD_WEIGHTS = {"title": 3.0, "tag_text": 2.0, "summary": 1.5, "body": 1.0}
K1 = 1.2
B = 0.75
POSTINGS_CACHE_SIZE = 512  # (field, term) lists kept per session

# Word-like tokens, "quoted phrases" and -exclusions are understood here; anything else
# ('field:value', wildcards, AND/OR/NOT) is query syntax for the full parser.
_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
_SYNTAX = re.compile(r"[:*?~^\[\]{}<>=]|\b(AND|OR|NOT|ANDNOT|ANDMAYBE)\b")


@dataclass(frozen=True)
class PlainQuery:
    """Words (any order), phrases (words in this order) and excluded words, as index terms."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        """Every term that counts towards ranking and snippets."""
        seen = dict.fromkeys(self.words)
        for phrase in self.phrases:
            seen.update(dict.fromkeys(phrase))
        return tuple(seen)


def plain_query(text: str, analyzer) -> PlainQuery | None:  # noqa: ANN001
    """The query as words, phrases and exclusions, or None when it needs the full parser.
    An unbalanced quote is read as if it were not there."""
    if text.count('"') % 2:
        text = text.replace('"', " ")
    if not text.strip() or _SYNTAX.search(text):
        return None
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[str] = []
    for match in _TOKEN.finditer(text):
        quoted_minus, quoted, minus, word = match.groups()
        terms = _terms(quoted if quoted is not None else word, analyzer)
        if quoted_minus or minus:
            excluded.extend(terms)
        elif quoted is not None and len(terms) > 1:
            phrases.append(terms)
        else:
            words.extend(t for t in terms if t not in words)
    if not words and not phrases:
        return None
    return PlainQuery(tuple(words), tuple(phrases), tuple(excluded))


def _terms(text: str, analyzer) -> tuple[str, ...]:  # noqa: ANN001
    return tuple(token.text for token in analyzer(text, mode="query"))


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
        self._postings: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()

    def docs_with(self, term: str) -> set[int]:
        """Documents with `term` in any ranked field."""
        docs: set[int] = set()
        for field in FIELD_WEIGHTS:
            docs.update(self.postings(field, term))
        return docs

    def matching(self, plain: PlainQuery, live: frozenset[int]) -> frozenset[int]:
        """Documents with every word and phrase and none of the excluded words; when there are
        none, documents with any of the words (the ranking puts fuller matches first)."""
        per_word = [self.docs_with(term) for term in plain.words]
        found = live.intersection(*per_word)
        for phrase in plain.phrases:
            found = found & self.phrase_docs(phrase, found)
        if not found and len(plain.terms) > 1:
            found = live.intersection(set().union(*(self.docs_with(t) for t in plain.terms)))
        for term in plain.excluded:
            found = found - self.docs_with(term)
        return found

    def phrase_docs(self, phrase: tuple[str, ...], candidates: frozenset[int]) -> set[int]:
        """Candidates where the phrase's terms stand next to each other in the title or body.
        Term by term, so a document drops out (and its later positions are never decoded) as
        soon as the words so far do not follow each other in it."""
        found: set[int] = set()
        for field in ("title", "body"):
            starts: dict[int, set[int]] | None = None
            remaining = candidates - found
            for offset, term in enumerate(phrase):
                places = self._positions(field, term, remaining)
                if starts is None:
                    starts = {docnum: set(found_at) for docnum, found_at in places.items()}
                else:
                    starts = {
                        docnum: kept
                        for docnum, found_at in places.items()
                        if (kept := starts[docnum].intersection(p - offset for p in found_at))
                    }
                remaining = frozenset(starts)
                if not remaining:
                    break
            found |= remaining
        return found

    def best(
        self, terms: Iterable[str], candidates: set[int] | frozenset[int], limit: int
    ) -> list[tuple[float, int]]:
        """The `limit` best (score, docnum) among `candidates`, best first. A document that
        matches fewer of the terms is scaled down, so fuller matches rank first."""
        terms = tuple(terms)
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        for term in terms:
            seen: set[int] = set()
            for field, weight in FIELD_WEIGHTS.items():
                postings = self.postings(field, term)
                if not postings:
                    continue
                idf = math.log(1 + (self.doc_count - len(postings) + 0.5) / (len(postings) + 0.5))
                lengths = self.lengths(field)
                average, boost = self.average_length[field], self.boost[field]
                factor = weight * idf * (K1 + 1)
                for docnum, stored in postings.items():
                    if docnum not in candidates:
                        continue
                    frequency = stored / boost
                    norm = K1 * (1 - B + B * lengths[docnum] / average)
                    scores[docnum] = scores.get(docnum, 0.0) + factor * frequency / (
                        frequency + norm
                    )
                    seen.add(docnum)
            for docnum in seen:
                matched[docnum] = matched.get(docnum, 0) + 1
        coverage = {docnum: (count / len(terms)) ** 2 for docnum, count in matched.items()}
        best = heapq.nlargest(
            limit, ((score * coverage[docnum], -docnum) for docnum, score in scores.items())
        )
        return [(score, -negated) for score, negated in best]  # ties: earlier documents first

    def postings(self, field: str, term: str) -> dict[int, float]:
        key = (field, term)
        cached = self._postings.get(key)
        if cached is not None:
            self._postings.move_to_end(key)
            return cached
        postings = self._read(field, term)
        self._postings[key] = postings
        if len(self._postings) > POSTINGS_CACHE_SIZE:
            self._postings.popitem(last=False)
        return postings

    def lengths(self, field: str) -> list[int]:
        if field not in self._lengths:
            reader = self.searcher.reader()
            self._lengths[field] = [
                reader.doc_field_length(docnum, field, 0) for docnum in range(self.doc_count)
            ]
        return self._lengths[field]

    def _read(self, field: str, term: str) -> dict[int, float]:
        postings: dict[int, float] = {}
        for matcher, offset in _leaf_matchers(self.searcher, field, term):
            if not _is_block_matcher(matcher):
                postings.update((d + offset, w) for d, w in matcher.items_as("weight"))
                continue
            while matcher.is_active():  # whole blocks: several times faster than one by one
                matcher._read_ids()
                matcher._read_weights()
                for docnum, weight in zip(matcher._ids, matcher._weights, strict=True):
                    postings[docnum + offset] = weight
                matcher._next_block()
        return postings

    def _positions(self, field: str, term: str, docs: frozenset[int]) -> dict[int, list[int]]:
        """Where `term` stands in each of `docs` that has it. Only those documents' positions
        are decoded: a common word's full list would cost more than the whole search."""
        positions: dict[int, list[int]] = {}
        for matcher, offset in _leaf_matchers(self.searcher, field, term):
            if not _is_block_matcher(matcher):
                for docnum, value in matcher.items_as("positions"):
                    if docnum + offset in docs:
                        positions[docnum + offset] = value
                continue
            while matcher.is_active():
                matcher._read_ids()
                wanted = [i for i, d in enumerate(matcher._ids) if d + offset in docs]
                if wanted:
                    matcher._read_values()
                    for i in wanted:
                        positions[matcher._ids[i] + offset] = _decode_positions(matcher._values[i])
                matcher._next_block()
        return positions


def _leaf_matchers(searcher, field: str, term: str) -> Iterator[tuple[object, int]]:  # noqa: ANN001
    """The term's postings in each segment, with the segment's first document number, unwrapped
    from the deleted-documents filter (deleted documents are left out by the callers' sets)."""
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        if (field, term) not in reader:
            continue
        matcher = reader.postings(field, term)
        while hasattr(matcher, "child") and not _is_block_matcher(matcher):
            matcher = matcher.child
        yield matcher, offset


def _is_block_matcher(matcher: object) -> bool:
    """Whoosh's W3 codec matcher, whose blocks can be read whole (private API, pinned by the
    whoosh-reloaded version range; anything else is read through the public API)."""
    return all(hasattr(matcher, a) for a in ("_read_ids", "_read_weights", "_read_values"))


def _decode_positions(value: bytes) -> list[int]:
    """Whoosh's Positions.decode_positions, with the running sum done in C."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(pickle.loads(value[4:])))
