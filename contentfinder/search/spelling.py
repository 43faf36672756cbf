"""Spelling: the library's own words nearest to a word it does not have.

The index keeps each word of the library once in its `spell` field. Candidates are ranked
fewest edits first (a typo is nearly always one or two), then by how many assets use the word,
so 'budgt' becomes 'budget', not an alphabetically earlier 'audit' two edits away.

A word the library lacks that is itself an everyday English word ('drone', 'dental') is not
a typo: correcting it would search for something else ('done', 'rental'), so it is left as
typed and reported as missing. English word frequencies come from pyspellchecker's list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache

from whoosh.support.levenshtein import damerau_levenshtein

from contentfinder.search.ranking import Ranker
from contentfinder.search.snippets import term_finder

SPELL_FIELD = "spell"
# Uses per word of English text above which a word is an everyday one, not a misspelling:
# 'drone' (6 per million) and 'dispensary' (0.4) are words; 'orthopaedics' (0.03), a spelling
# the library may have otherwise, is corrected like a typo.
EVERYDAY_SHARE = 2e-7


def max_edits(word: str) -> int:
    """One edit, two for long words: two would turn 'content' into 'connect'."""
    return 1 if len(word) <= 7 else 2


def spellings_near(
    word: str,
    reader,  # noqa: ANN001 - a whoosh reader
    popularity: Callable[[str], int],
    *,
    extra_words: Iterable[str] = (),
) -> list[str]:
    """Known words within `max_edits` of `word`, most likely first. The first letter is kept:
    typos there are rare, and it makes the look-up much cheaper. `extra_words` are words the
    library may not use but a search understands (synonym list members)."""
    word = word.lower()
    if is_everyday_english(word):
        return []
    limit = max_edits(word)
    candidates = {
        c.decode("utf-8") if isinstance(c, bytes) else c
        for c in reader.terms_within(SPELL_FIELD, word, limit, prefix=1)
    }
    extras = {
        w
        for w in extra_words
        if w[:1] == word[:1]
        and abs(len(w) - len(word)) <= limit
        and damerau_levenshtein(word, w) <= limit
    }
    candidates |= extras
    candidates.discard(word)
    ranked = sorted(candidates, key=lambda c: (damerau_levenshtein(word, c), -popularity(c), c))
    return [c for c in ranked if c in extras or popularity(c) > 0]


def is_everyday_english(word: str) -> bool:
    frequencies = _english_frequencies()
    return frequencies[word.lower()] >= EVERYDAY_SHARE * frequencies.total_words


def load_english_words() -> None:
    """Loads the English word list now (a fifth of a second), not at the first typo."""
    _english_frequencies()


@cache
def _english_frequencies():  # noqa: ANN202 - spellchecker's WordFrequency
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency


class IndexLexicon:
    """What the index knows of its words, for query expansion (`expansion.Lexicon`)."""

    def __init__(self, searcher, ranker: Ranker) -> None:  # noqa: ANN001
        self._reader = searcher.reader()
        self._ranker = ranker
        self._analyze_one = term_finder(searcher.schema["body"].analyzer)

    def knows(self, term: str) -> bool:
        return self._ranker.knows(term)

    def spellings_near(self, word: str, extra_words: frozenset[str]) -> list[str]:
        return spellings_near(word, self._reader, self._popularity, extra_words=extra_words)

    def _popularity(self, word: str) -> int:
        term = self._analyze_one(word)
        return self._ranker.docs_with(term).bit_count() if term else 0


def corrected_text(text: str, corrections: Mapping[str, str]) -> str:
    """The typed text with each corrected word replaced, in the case it was typed in."""
    for typed, spelling in corrections.items():
        text = re.sub(
            rf"(?<!\w){re.escape(typed)}(?!\w)",
            lambda m, spelling=spelling: _in_case_of(m.group(), spelling),
            text,
        )
    return text


def _in_case_of(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word
