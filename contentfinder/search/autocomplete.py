"""Autocomplete for the search box: what a rep would type next. Tag values in words (a search
for the words finds the tagged assets through the taxonomy's terms), asset titles, and whole
words of the library found with the words typed before them; never a filler word.

Everything is read once per index generation into sorted lists; a suggestion is then a few
binary searches.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from whoosh.analysis import STOP_WORDS

from contentfinder.library.taxonomy import Taxonomy
from contentfinder.search.expansion import FILLER_WORDS
from contentfinder.search.facets import FacetPostings
from contentfinder.text import fold

MAX_TAGS = 3
MAX_TITLES = 4
MIN_WORD_ASSETS = 2  # a word in one asset only is more likely a name or a typo than a topic
MIN_SYNONYM_PREFIX = 3  # 'ro' should not offer 'rogue spend' (a synonym of spend visibility)
WORDS_CHECKED_IN_CONTEXT = 8  # completions looked up with the words typed before them
CONTEXT_BUDGET_SECONDS = 0.002  # ... while this lasts (a cold look-up reads postings from disk)
# ... but at least these, however busy the machine: what is offered must not depend on the load.
WORDS_ALWAYS_CHECKED = 4
PREFIXES_KEPT = 4096  # per suggestion index: what each prefix typed finds
WORDS_BEFORE_TITLES = 3  # the likeliest words, then the titles, then more words
_WORD = re.compile(r"\w+")
UNWANTED_WORDS = FILLER_WORDS | STOP_WORDS


@dataclass(frozen=True)
class Suggestion:
    """One line of the search box's suggestions."""

    text: str  # the search box's text once the suggestion is taken
    label: str  # what the list shows
    kind: str  # 'tag', 'title' or 'word'
    count: int = 0  # assets with that tag or word (1 for a title)
    asset_id: str | None = None  # for a title: the asset itself
    facet: str | None = None  # for a tag: its facet


@dataclass(frozen=True)
class _Tag:
    """A tag value a suggestion can complete to, under one of its names."""

    key: str  # the folded name or synonym, what the typed words are compared with
    facet: str
    value: str
    count: int  # assets tagged with the value
    term: str  # the name or synonym as the taxonomy spells it: what the box is given
    is_name: bool  # the value's name, not one of its synonyms


class SuggestionIndex:
    def __init__(
        self,
        titles: Iterable[tuple[str, str]],  # (asset id, title)
        tags: Iterable[tuple[str, str, str, int]],  # (facet, value, name or synonym, assets)
        words: Iterable[tuple[str, str, int]],  # (word, its index term, assets)
    ) -> None:
        self._titles = sorted(titles, key=lambda t: (len(t[1]), fold(t[1])))
        self._title_words = sorted(
            (word, order)
            for order, (_, title) in enumerate(self._titles)
            for word in set(_WORD.findall(fold(title)))
        )
        self._tags = sorted(
            (
                _Tag(fold(term), facet, value, count, term, fold(term) == fold(value))
                for facet, value, term, count in tags
                if count
            ),
            key=lambda t: t.key,
        )
        words = list(words)
        self._terms = {word: term for word, term, _ in words}  # every spelling, for context
        # 'second' is unwanted, and so is 'seconds': the whole index term goes.
        unwanted = {term for word, term, _ in words if word in UNWANTED_WORDS}
        # One spelling per index term: 'cfo', not also 'cfos'; 'customer', not also 'custom'.
        forms: dict[str, dict[str, int]] = {}
        for word, term, count in words:
            if count and term not in unwanted and word.isalpha():
                forms.setdefault(term, {})[word] = count
        # Every word, for the word being typed in a search ('gdp' in a library with one GDPR
        # asset); those in a few assets, for suggestions.
        self._all_words = sorted(
            (_spelling(list(spellings)), count, term)
            for term, spellings in forms.items()
            for count in (max(spellings.values()),)
        )
        self._words = [entry for entry in self._all_words if entry[1] >= MIN_WORD_ASSETS]
        # Per prefix typed, what it finds (a prefix of one or two letters walks thousands of
        # entries, and every search typed begins with one): see `_titles_with`, `_ranked`.
        self._titles_by_prefix: dict[str, frozenset[int]] = {}
        self._words_by_prefix: dict[str, list[tuple[int, str, str]]] = {}

    @classmethod
    def read(
        cls,
        searcher,  # noqa: ANN001 - a whoosh searcher
        taxonomy: Taxonomy,
        postings: FacetPostings,
        term_of: Callable[[str], str | None],
    ) -> SuggestionIndex:
        """From an open index: titles of live assets, tag values with their asset counts, and
        the library's words (its spelling dictionary) with how many assets use each."""
        reader = searcher.reader()
        titles = [
            (fields["id"], fields["title"])
            for docnum, fields in reader.iter_docs()
            if docnum in postings.live
        ]
        tags = [
            (facet.name, value.name, term, len(postings.docs[facet.name][value.name]))
            for facet in taxonomy.facets
            for value in facet.values
            for term in (value.name, *value.synonyms)
        ]
        words = []
        for raw in reader.lexicon("spell"):
            word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            term = term_of(word)
            if term:
                words.append((word, term, reader.doc_frequency("body", term)))
        return cls(titles, tags, words)

    def completions(self, start: str) -> list[tuple[str, str]]:
        """The library's words (no filler) that begin with `start`, those in the most assets
        first: (word, its index term)."""
        found = [
            (count, word, term)
            for word, count, term in _prefixed(self._all_words, fold(start), key=lambda e: e[0])
        ]
        return [(word, term) for _, word, term in sorted(found, key=lambda f: (-f[0], f[1]))]

    def suggest(
        self,
        typed: str,
        limit: int = 8,
        *,
        together: Callable[[list[str]], int] | None = None,
    ) -> list[Suggestion]:
        """`together(terms)` counts the assets having all of those index terms; with it, a
        word completing 'cfo ro' is one found with 'cfo' ('roi'), and only such a word.
        Tags come first, then a few words, the titles, and more words to fill the list."""
        words = _WORD.findall(fold(typed))
        if not words:
            return []
        complete = not typed[-1:].isalnum()  # 'cfo ' — the last word is finished
        last = "" if complete else words[-1]
        before = typed[: len(typed) - len(last)] if last else typed
        completions = (
            self._word_suggestions(last, before, limit, words[:-1], together) if last else []
        )
        found = [
            *self._tag_suggestions(typed, words, complete),
            *completions[:WORDS_BEFORE_TITLES],
            *self._title_suggestions(words),
            *completions[WORDS_BEFORE_TITLES:],
        ]
        # One entry per text the box would hold; none that holds what is typed already.
        seen = {_same(typed)}
        unique = []
        for suggestion in found:
            key = _same(suggestion.text)
            if key not in seen:
                seen.add(key)
                unique.append(suggestion)
        return unique[:limit]

    def _tag_suggestions(self, typed: str, words: list[str], complete: bool) -> list[Suggestion]:
        """Tag values whose name or synonym starts with the last word(s), given as the words
        the rep was typing: 'chief fin' offers 'chief financial officer' (persona CFO). The
        longest run of typed words that names one wins; names before synonyms, then the
        values on most assets."""
        if complete:
            return []
        for start in range(max(0, len(words) - 3), len(words)):
            prefix = " ".join(words[start:])
            matches = [
                tag
                for tag in _prefixed(self._tags, prefix, key=lambda t: t.key)
                # After other words, one letter is too little to guess a tag by ('data m'),
                # two are enough ('patients keep no': no-shows).
                if (tag.is_name and len(prefix) > (1 if start else 0))
                or len(prefix) >= MIN_SYNONYM_PREFIX
            ]
            if not matches:
                continue
            best: dict[tuple[str, str], _Tag] = {}  # per value: its name, else its shortest synonym
            for tag in sorted(matches, key=lambda t: (not t.is_name, len(t.term))):
                best.setdefault((tag.facet, tag.value), tag)
            ranked = sorted(best.values(), key=lambda t: (not t.is_name, -t.count))[:MAX_TAGS]
            kept = _words_before(typed, start)
            return [
                Suggestion(
                    text=f"{kept}{tag.term} ",
                    label=f"{kept}{tag.term}" + ("" if tag.is_name else f" ({tag.value})"),
                    kind="tag",
                    count=tag.count,
                    facet=tag.facet,
                )
                for tag in ranked
            ]
        return []

    def _title_suggestions(self, words: list[str]) -> list[Suggestion]:
        """Titles with a word starting with each typed word (a finished last word matches as
        a prefix too: 'roi ' finds 'ROI guide')."""
        *whole, last = words
        candidates = self._titles_with(last)
        for word in whole:
            if not candidates:
                break
            candidates &= self._titles_with(word)
        return [
            Suggestion(text=title, label=title, kind="title", count=1, asset_id=asset_id)
            for asset_id, title in (self._titles[o] for o in sorted(candidates)[:MAX_TITLES])
        ]

    def _word_suggestions(
        self,
        last: str,
        before: str,
        limit: int,
        previous: list[str],
        together: Callable[[list[str]], int] | None,
    ) -> list[Suggestion]:
        # Filler typed before ('how do we m') says nothing of what the next word is found with.
        context = sorted(
            {t for w in previous if w not in UNWANTED_WORDS and (t := self._terms.get(w))}
        )
        # 'retention re' is no 'retention retention'.
        completions = [c for c in self._ranked(last) if c[2] not in context]
        if context and together is not None:
            completions = _in_context(completions, context, together)
        return [
            Suggestion(text=f"{before}{word}", label=f"{before}{word}", kind="word", count=count)
            for count, word, _ in completions[:limit]
        ]

    def _titles_with(self, prefix: str) -> frozenset[int]:
        """The titles (by order) with a word starting with `prefix`."""
        found = self._titles_by_prefix.get(prefix)
        if found is None:
            if len(self._titles_by_prefix) > PREFIXES_KEPT:
                self._titles_by_prefix.clear()
            found = self._titles_by_prefix[prefix] = frozenset(
                order for _, order in _prefixed(self._title_words, prefix, key=lambda e: e[0])
            )
        return found

    def _ranked(self, last: str) -> list[tuple[int, str, str]]:
        """(assets, word, term) of the words completing `last` (not `last` itself), those in
        the most assets first, then alphabetically."""
        found = self._words_by_prefix.get(last)
        if found is None:
            if len(self._words_by_prefix) > PREFIXES_KEPT:
                self._words_by_prefix.clear()
            found = [
                (count, word, term)
                for word, count, term in _prefixed(self._words, last, key=lambda e: e[0])
                if word != last
            ]
            found.sort(key=lambda c: (-c[0], c[1]))
            self._words_by_prefix[last] = found
        return found


def _prefixed(entries: list, prefix: str, *, key: Callable) -> Iterable:  # noqa: ANN401
    """Entries of a list sorted by `key` whose key starts with `prefix`, in order."""
    start = bisect_left(entries, prefix, key=key)
    for entry in entries[start:]:
        if not key(entry).startswith(prefix):
            break
        yield entry


def _in_context(
    completions: list[tuple[int, str, str]],
    context: list[str],
    together: Callable[[list[str]], int],
) -> list[tuple[int, str, str]]:
    """The completions found with the words typed before them, by how many assets have both.
    The most common are looked up, while a time budget lasts; the rest are not offered, since
    nobody knows whether they go with what was typed."""
    deadline = time.perf_counter() + CONTEXT_BUDGET_SECONDS
    checked = []
    for index, (_, word, term) in enumerate(completions[:WORDS_CHECKED_IN_CONTEXT]):
        if index >= WORDS_ALWAYS_CHECKED and time.perf_counter() > deadline:
            break
        if found := together([*context, term]):
            checked.append((found, word, term))
    checked.sort(key=lambda c: (-c[0], c[1]))
    return checked


def _words_before(typed: str, start: int) -> str:
    """What the rep typed before its `start`th word, as typed ('' for the first word)."""
    spans = list(_WORD.finditer(typed))
    return typed[: spans[start].start()] if start < len(spans) else ""


def _same(text: str) -> str:
    """Texts that would search alike: case, accents and spacing aside."""
    return " ".join(_WORD.findall(fold(text)))


def _spelling(words: list[str]) -> str:
    """The form to offer among the words of one index term: not a verb's -ed or -ing form nor
    an adverb of another ('cost', not 'costing'; 'final', not 'finally'), singular, then the
    longest ('integration' over 'integrations' and 'integrated'; 'customer' over 'custom')."""
    plain = [
        w
        for w in words
        if not w.endswith(("ed", "ing")) and not (w.endswith("ly") and w[:-2] in words)
    ] or words
    singular = [
        w
        for w in plain
        if not (w.endswith("s") and (w[:-1] in words or (w.endswith("es") and w[:-2] in words)))
    ] or plain
    return max(singular, key=lambda w: (len(w), w))
