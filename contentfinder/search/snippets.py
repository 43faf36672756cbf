"""Snippets: the densest passage of an asset's text around the query's words, marked up.

Matches are wrapped in <b>…</b> and everything else is HTML-escaped, so the app can render a
snippet as rich text and the command line can turn the marks into bold.

Running the index analyzer over whole documents for every hit costs hundreds of milliseconds on
a results page, so candidates are found with one regular expression over the raw text, and only
the candidate words are analysed to confirm that they are the query's terms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape
from itertools import pairwise

from contentfinder.index.joined_text import JoinedText
from contentfinder.text import fold

SNIPPET_CHARS = 240
LEAD_CHARS = 60  # context shown before the first match
SCAN_CHARS = 400_000  # matches further into a long document are not looked for
MAX_MATCHES = 64  # enough to find a dense passage; a long document may have thousands
PHRASE_MATCHES = 1024  # of each word of a phrase: it may stand alone long before the phrase
_WORD_EDGE = re.compile(r"\s")
_WORD_CHARS = re.compile(r"\w*")
_WORDS = re.compile(r"\w+")
_ASCII = frozenset(map(chr, range(128)))
PHRASE_GAP_CHARS = 12  # between two words of a phrase: spaces, a hyphen, 'of the'

Analyzer = Callable[..., object]


@dataclass(frozen=True)
class SnippetSource:
    """An asset's extracted text as snippets read it: lower-cased once, however many
    searches show the asset (the session keeps one per recently shown asset)."""

    text: JoinedText
    # Where the text goes on after the title, per title asked for: read once per asset.
    _after_title: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def after_title(self, title: str) -> int:
        """Where the text goes on after `title`, its own title or its first heading (see
        `JoinedText.after_title`); 0 when it opens with none of them."""
        found = self._after_title.get(title)
        if found is None:
            found = self._after_title[title] = self.text.after_title(title)
        return found

    @cached_property
    def ascii_lowered(self) -> str:
        """The text up to SCAN_CHARS with its ASCII letters lower-cased, for finding ASCII
        words (see `lowered_for`)."""
        scanned = self.text.text[:SCAN_CHARS]
        # bytes.lower() changes ASCII letters only, and no byte of a UTF-8 sequence is ASCII,
        # so the offsets stay the text's: three times faster than str.lower() on a text
        # with one accented letter, which takes the slow per-character path.
        return scanned.lower() if scanned.isascii() else scanned.encode().lower().decode()

    @cached_property
    def fully_lowered(self) -> str:
        """The text up to SCAN_CHARS lower-cased, for finding words with other letters than
        ASCII ones; as it is when lower-casing would change its length."""
        scanned = self.text.text[:SCAN_CHARS]
        lowered = scanned.lower()
        return lowered if len(lowered) == len(scanned) else scanned

    @cached_property
    def plain(self) -> str | None:
        """The ASCII-lowered text with each accented letter as its plain one ('Zürich' ->
        'zurich', as the index analyses it), where that is one letter, so offsets stay; None
        for a text with no such letter. Made only when an ASCII word is not found otherwise."""
        lowered = self.ascii_lowered
        if lowered.isascii():
            return None
        plain = lowered
        for char in set(lowered).difference(_ASCII):
            if (letter := _plain_letter(char)) != char:
                plain = plain.replace(char, letter)
        return plain if plain != lowered else None

    def lowered_for(self, prefix: str) -> str:
        """The lower-cased text to find `prefix` (lower case) in."""
        return self.ascii_lowered if prefix.isascii() else self.fully_lowered


@lru_cache(maxsize=4096)
def _plain_letter(char: str) -> str:
    plain = fold(char)
    return plain if len(plain) == 1 and plain.isascii() else char


@dataclass(frozen=True)
class Snippet:
    """The passage of an asset shown under a hit, and where in the asset it is."""

    html: str
    location: int | None  # page / slide / sheet where the passage is


def make_snippet(
    source: SnippetSource,
    terms: frozenset[str],
    term_of: Callable[[str], str | None],
    phrases: frozenset[tuple[str, ...]] = frozenset(),
    *,
    title: str = "",
) -> Snippet:
    """The passage with most of `terms` (analysed query terms) and `phrases` (runs of terms
    marked only where they stand together: 'chief financial officer' for CFO, never 'chief'
    in 'its chief weakness'); the opening when none match. `term_of` analyses one word (see
    `term_finder`). A text opening with the asset's `title` (or its own title or first
    heading) is read from after it, when it goes on: the row shows the title right above."""
    text = source.text.text
    if not text:
        return Snippet("", None)
    skip = source.after_title(title)
    if skip >= len(text):  # the text is its title alone: shown, rather than nothing
        skip = 0
    matches = _matches(source, terms, term_of, MAX_MATCHES) if terms else []
    if phrases:
        # A phrase's words may stand alone many times before the phrase does: more are read.
        in_phrases = frozenset().union(*phrases) - terms
        matches = sorted({*matches, *_matches(source, in_phrases, term_of, PHRASE_MATCHES)})
        matches = _phrases_whole(text, matches, terms, phrases, term_of)
    matches = [m for m in matches if m[0] >= skip]
    if not matches:
        opening = " ".join(text[skip : skip + SNIPPET_CHARS].split())
        more = "…" if len(text) > skip + SNIPPET_CHARS else ""
        return Snippet(escape(opening, quote=False) + more, source.text.location_at(skip))
    first, last = _densest(matches)
    begin = max(skip, _word_start(text, matches[first][0] - LEAD_CHARS))
    end = _word_end(text, max(begin + SNIPPET_CHARS, matches[last][1]))
    shown = [m for m in matches[first : last + 1] if m[1] <= end]
    html = _mark(text, begin, end, shown, opening=skip)
    return Snippet(html, source.text.location_at(shown[0][0]))


def term_finder(analyzer: Analyzer) -> Callable[[str], str | None]:
    """One word -> the term the index holds for it (None for a stop word), remembered."""

    @lru_cache(maxsize=8192)
    def term(word: str) -> str | None:
        tokens = [t.text for t in analyzer(word, mode="query")]  # type: ignore[attr-defined]
        return tokens[0] if len(tokens) == 1 else None

    return term


def _matches(
    source: SnippetSource,
    terms: frozenset[str],
    term_of: Callable[[str], str | None],
    limit: int,
) -> list[tuple[int, int, str]]:
    """(start, end, term) of words in the source's text that analyse to one of `terms`, in
    text order.
    Candidates are found with str.find on the lower-cased text (C speed; a regular expression
    with word boundaries was the slowest part of a search) and confirmed by the analyzer."""
    # A stem is nearly always a prefix of its words, but for a changed last letter
    # ('compani' in 'company'), so one letter less finds every candidate.
    prefixes = {t[:-1] if len(t) > 3 else t for t in terms}
    text = source.text.text
    found: list[tuple[int, int, str]] = []
    for prefix in prefixes:
        kept = _found(text, source.lowered_for(prefix), prefix, terms, term_of, limit, found)
        if not kept and prefix.isascii() and (plain := source.plain) is not None:
            # Only written with accents here ('Zürich' for zurich): looked for without them.
            _found(text, plain, prefix, terms, term_of, limit, found)
    return sorted(set(found))  # two prefixes ('data', 'datashee') may find one word


def _found(
    text: str,
    lowered: str,
    prefix: str,
    terms: frozenset[str],
    term_of: Callable[[str], str | None],
    limit: int,
    found: list[tuple[int, int, str]],
) -> int:
    """Adds to `found` the words of `text` starting with `prefix` in `lowered` (the text as
    compared, of the same length) that analyse to one of `terms`, up to `limit`; how many."""
    start, kept = 0, 0
    while kept < limit and (at := lowered.find(prefix, start)) >= 0:
        start = at + 1
        if at and (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
            continue  # inside a word, not at its start
        end = _WORD_CHARS.match(lowered, at).end()
        term = term_of(text[at:end])
        if term in terms:
            found.append((at, end, term))
            kept += 1
    return kept


def _phrases_whole(
    text: str,
    matches: list[tuple[int, int, str]],
    terms: frozenset[str],
    phrases: frozenset[tuple[str, ...]],
    term_of: Callable[[str], str | None],
) -> list[tuple[int, int, str]]:
    """`matches` with the words of a phrase kept only where the whole phrase stands, its words
    in order with nothing between them but stop words ('cost of ownership')."""
    kept = [False] * len(matches)
    for index, (_, _, term) in enumerate(matches):
        kept[index] = kept[index] or term in terms
        for phrase in phrases:
            run = matches[index : index + len(phrase)]
            if tuple(m[2] for m in run) == phrase and all(
                _only_stop_words(text[a[1] : b[0]], term_of) for a, b in pairwise(run)
            ):
                kept[index : index + len(phrase)] = [True] * len(phrase)
    return [m for m, keep in zip(matches, kept, strict=True) if keep]


def _only_stop_words(gap: str, term_of: Callable[[str], str | None]) -> bool:
    return len(gap) <= PHRASE_GAP_CHARS and all(term_of(w) is None for w in _WORDS.findall(gap))


def _densest(matches: list[tuple[int, int, str]]) -> tuple[int, int]:
    """Indexes of the first and last match of the window with the most distinct terms."""
    best, best_score = (0, 0), (0, 0)
    last = 0
    for first in range(len(matches)):
        if last < first:
            last = first
        while last + 1 < len(matches) and (
            matches[last + 1][1] - matches[first][0] <= SNIPPET_CHARS - LEAD_CHARS
        ):
            last += 1
        window = matches[first : last + 1]
        score = (len({m[2] for m in window}), len(window))
        if score > best_score:
            best, best_score = (first, last), score
    return best


def _word_start(text: str, position: int) -> int:
    if position <= 0:
        return 0
    space = _WORD_EDGE.search(text, position)
    return space.end() if space and space.end() - position < 20 else position


def _word_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = _WORD_EDGE.search(text, position)
    return space.start() if space and space.start() - position < 20 else position


def _mark(
    text: str, begin: int, end: int, matches: list[tuple[int, int, str]], *, opening: int = 0
) -> str:
    """The passage marked up; '… ' before it unless it starts where the text (after its
    title, `opening`) does."""
    parts, cursor = [], begin
    for start, stop, _ in matches:
        parts.append(escape(text[cursor:start], quote=False))
        parts.append(f"<b>{escape(text[start:stop], quote=False)}</b>")
        cursor = stop
    parts.append(escape(text[cursor:end], quote=False))
    html = " ".join("".join(parts).split())
    return ("… " if begin > opening else "") + html + (" …" if end < len(text) else "")
