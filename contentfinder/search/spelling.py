"""Spelling: the library's own words nearest to a word it does not have.

The index keeps each word of the library once in its `spell` field. Candidates are ranked
fewest edits first (a typo is nearly always one or two), then by how many assets use the word,
so 'budgt' becomes 'budget', not an alphabetically earlier 'audit' two edits away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from whoosh.support.levenshtein import damerau_levenshtein

SPELL_FIELD = "spell"


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
