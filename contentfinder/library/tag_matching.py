"""Matching what people wrote against the taxonomy: the known value a tag nearly spells
(`CSIO` → CISO), and the value a text mentions most. Shared by lint, the tagging report and
publishing's proposals."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from whoosh.support.levenshtein import damerau_levenshtein

from contentfinder.library.taxonomy import Facet, Taxonomy
from contentfinder.text import fold


@dataclass(frozen=True)
class KnownTerm:
    folded: str
    facet: str
    value: str
    letters: Counter[str]

    def describe(self, *, with_facet: bool) -> str:
        value = f"{self.facet} {self.value}" if with_facet else self.value
        if self.folded == fold(self.value):
            return value
        return f"'{self.folded}', i.e. {value}"


class NearMatcher:
    """The known value or synonym within one edit (up to five letters) or two (beyond) of what
    someone typed, the nearest first. Answers are remembered: a library repeats its tags."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.terms = [
            KnownTerm(folded, facet.name, value.name, Counter(folded))
            for facet in taxonomy.facets
            for value in facet.values
            for folded in dict.fromkeys(fold(t) for t in (value.name, *value.synonyms))
            if len(folded) >= 3
        ]
        self.exact = {term.folded for term in self.terms}
        self.known: dict[tuple[str, str | None], KnownTerm | None] = {}

    def closest(self, raw: str, *, facet: str | None = None) -> KnownTerm | None:
        folded = fold(raw)
        key = (folded, facet)
        if key not in self.known:
            self.known[key] = self._closest(folded, facet)
        return self.known[key]

    def _closest(self, folded: str, facet: str | None) -> KnownTerm | None:
        if facet is None and folded in self.exact:
            return None  # a term two facets claim: known, only ambiguous
        limit = 1 if len(folded) <= 5 else 2
        letters = Counter(folded)
        best: tuple[int, KnownTerm] | None = None
        for term in self.terms:
            if facet is not None and term.facet != facet:
                continue
            # Each edit adds at most one letter the other lacks: a cheap test that spares
            # most of the edit-distance computations.
            if abs(len(term.folded) - len(folded)) > limit:
                continue
            if (letters - term.letters).total() > limit or (term.letters - letters).total() > limit:
                continue
            distance = damerau_levenshtein(folded, term.folded, limit)
            if 0 < distance <= limit and (best is None or distance < best[0]):
                best = (distance, term)
        return best[1] if best else None


@dataclass(frozen=True)
class Mention:
    value: str  # the canonical value
    term: str  # the name or synonym the text uses
    count: int

    @property
    def reason(self) -> str:
        return f"mentions '{self.term}' {self.count}×"


def mentioned_value(facet: Facet, words: str) -> Mention | None:
    """The value whose name or synonyms the (folded) text mentions most; None if none is."""
    best: Mention | None = None
    for value in facet.values:
        for term in (value.name, *value.synonyms):
            needle = fold(term)
            if len(needle) < 3:
                continue
            count = len(re.findall(rf"(?<!\w){re.escape(needle)}(?:e?s)?(?!\w)", words))
            if count > (best.count if best else 0):
                best = Mention(value.name, term, count)
    return best
