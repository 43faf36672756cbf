"""'Did you mean': a corrected query, offered only when it finds something.

The index keeps each word of the library once in its `spell` field. A word of the query that
the index does not know is replaced by the closest known word: fewest edits first (a typo is
nearly always one or two), then the word more assets use, so 'budgt' becomes 'budget', not an
alphabetically earlier 'audit' two edits away.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from whoosh.support.levenshtein import damerau_levenshtein

from contentfinder.ranking import Ranker, plain_query

MAX_EDITS = 2
_WORD = re.compile(r"\w+")


def suggest_correction(
    searcher,  # noqa: ANN001 - a whoosh searcher
    ranker: Ranker,
    text: str,
    within: frozenset[int],
    term_of: Callable[[str], str | None],
) -> str | None:
    reader = searcher.reader()
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group()
        term = term_of(word)
        if term is None or ranker.docs_with(term) or len(word) < 3:
            return word
        best = _closest(word.lower(), reader, ranker, term_of)
        if best is None:
            return word
        changed = True
        return _in_case_of(word, best)

    corrected = _WORD.sub(replace, text)
    if not changed:
        return None
    query = plain_query(corrected, searcher.schema["body"].analyzer)
    return corrected if query is not None and ranker.matching(query, within) else None


def _in_case_of(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def _closest(
    word: str,
    reader,
    ranker: Ranker,
    term_of: Callable[[str], str | None],  # noqa: ANN001
) -> str | None:
    # The first letter is kept: typos there are rare, and it makes the look-up much cheaper.
    candidates = [
        c.decode("utf-8") if isinstance(c, bytes) else c
        for c in reader.terms_within("spell", word, MAX_EDITS, prefix=1)
    ]
    scored = [
        (
            damerau_levenshtein(word, candidate),
            -len(ranker.docs_with(term_of(candidate) or "")),
            candidate,
        )
        for candidate in candidates
        if candidate != word
    ]
    return min(scored)[2] if scored else None
