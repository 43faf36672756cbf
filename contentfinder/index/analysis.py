"""Text analysis for the index: the analyzer of every text field, and `analyze_text`, the fast
equivalent the indexer's workers run so the process writing the index only adds postings.

Tokenising, folding, stop words and stemming live here; how positions are encoded in a posting
is `contentfinder.index.positions`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import (
    STOP_WORDS,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

from contentfinder.index.positions import FixedPositions, encode_positions


@dataclass(frozen=True)
class PreAnalyzed:
    """A body already run through the analyzer: (term bytes, frequency, weight, positions)
    per distinct term. Worker processes make these, so the process that writes the index only
    adds postings and both cores share the tokenising and stemming."""

    items: tuple[tuple[bytes, int, float, bytes], ...]
    words: tuple[str, ...] = ()  # the distinct tokens, lower-cased, as they first appear


class PreAnalyzedText(TEXT):
    """A TEXT field that also takes a `PreAnalyzed` value as it is, its positions stored
    fixed-width (`FixedPositions`)."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003 - TEXT's keywords
        super().__init__(**kwargs)
        if type(self.format) is Positions:  # TEXT's (phrase=True), stored fixed-width
            self.format = FixedPositions(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):  # noqa: ANN001, ANN201 - whoosh's signature
        if isinstance(value, PreAnalyzed):
            return iter(value.items)
        return super().index(value, **kwargs)


def text_analyzer():  # noqa: ANN201 - whoosh analyzers are untyped
    """Accents folded so 'decision' finds 'décision'; English stems so 'integrations' finds
    'integration'. The stem cache keeps the pure-Python stemmer off the hot path."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter(cachesize=100_000)
    )


def analyzer_fingerprint(analyzer: object) -> str:
    """A description of `analyzer` that is the same in every process for as long as it
    analyses the same way: the key of what is saved from its output. Its repr is not (it shows
    functions by address and sets in their hash order, which changes from run to run)."""
    return repr(_stable(analyzer))


def _stable(value: object) -> object:
    if isinstance(value, set | frozenset):
        return ("set", *sorted(repr(_stable(v)) for v in value))
    if isinstance(value, dict):
        return ("dict", *sorted((repr(_stable(k)), repr(_stable(v))) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_stable(v) for v in value)
    if isinstance(value, re.Pattern):
        return ("pattern", value.pattern, value.flags)
    if callable(value) and hasattr(value, "__qualname__"):  # a function: by its name
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if hasattr(value, "__dict__"):  # an analyzer or filter: its class and settings
        return (type(value).__qualname__, _stable(vars(value)))
    return value


def analyze_text(text: str, boost: float = 1.0) -> PreAnalyzed:
    """Exactly what a text field's analyzer and positions format (with this field boost) make
    of `text`, but several times faster: one regular-expression pass, and each distinct word
    analysed once instead of a chain of generators per token. `tests/index/test_analysis.py`
    holds it equal to Whoosh's."""
    tokens = _TOKENS.findall(text)
    distinct = list(dict.fromkeys(tokens))
    term_of = dict(zip(distinct, map(_TERMS.__getitem__, distinct), strict=True))
    # StopFilter(renumber=True): the first kept token keeps its place, the rest follow on.
    first = next((at for at, token in enumerate(tokens) if term_of[token] is not None), 0)
    positions: dict[str, list[int]] = defaultdict(list)
    for position, term in enumerate(filter(None, map(term_of.__getitem__, tokens)), first):
        positions[term].append(position)
    return PreAnalyzed(
        tuple(
            (term.encode("utf-8"), len(places), len(places) * boost, encode_positions(places))
            for term, places in positions.items()
        ),
        tuple(dict.fromkeys(map(str.lower, distinct))),
    )


# Whoosh's default_pattern, r"[\w\*]+(\.?[\w\*]+)*", without the group and written to match the
# same tokens without backtracking: its "\.?" can only ever match a dot (the run before it
# took every word character), and a possessive run gives nothing back. A third faster.
_TOKENS = re.compile(r"[\w*]++(?:\.[\w*]++)*+")


class _TermOfToken(dict[str, str | None]):
    """A token as it is written -> its term (None: a stop word or a single letter), learnt
    as tokens come: looked up in C for a token seen before, which most are."""

    def __missing__(self, token: str) -> str | None:
        if len(self) >= _KNOWN_TOKENS:
            self.clear()  # a bound on memory; forgetting costs only the relearning
        term = self[token] = _term(token.lower())
        return term


_KNOWN_TOKENS = 200_000
_TERMS = _TermOfToken()


def _term(word: str) -> str | None:
    folded = word if word.isascii() else word.translate(accent_map)
    if len(folded) < 2 or folded in STOP_WORDS:
        return None
    return _stem_cached(folded)


@lru_cache(maxsize=200_000)
def _stem_cached(word: str) -> str:
    return porter_stem(word)
