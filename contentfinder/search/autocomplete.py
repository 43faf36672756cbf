"""Autocomplete for the search box: asset titles, tag values and the library's frequent words
that complete what a rep has typed so far, fast enough to ask on every keystroke.

Everything is read once per index generation into sorted lists; a suggestion is then a few
binary searches.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from contentfinder.library.taxonomy import Taxonomy
from contentfinder.search.facets import FacetPostings
from contentfinder.text import fold

MAX_TAGS = 3
MAX_TITLES = 4
MIN_WORD_ASSETS = 2  # a word in one asset only is more likely a name or a typo than a topic
MIN_SYNONYM_PREFIX = 3  # 'ro' should not offer 'rogue spend' (a synonym of spend visibility)
WORDS_CHECKED_IN_CONTEXT = 8  # completions looked up with the words typed before them
CONTEXT_BUDGET_SECONDS = 0.002  # ... while this lasts (a cold look-up reads postings from disk)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Suggestion:
    text: str  # the search box's text once the suggestion is taken
    label: str  # what the list shows
    kind: str  # 'tag', 'title' or 'word'
    count: int = 0  # assets with that tag or word (1 for a title)
    asset_id: str | None = None  # for a title: the asset itself
    facet: str | None = None  # for a tag: its facet


@dataclass(frozen=True)
class _Entry:
    key: str  # folded, what the typed prefix is compared with
    order: int  # position in its source list


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
            (fold(term), facet, value, count, fold(term) == fold(value))
            for facet, value, term, count in tags
            if count
        )
        # One spelling per index term: 'cfo', not also 'cfos'; 'customer', not also 'custom'.
        forms: dict[str, dict[str, int]] = {}
        for word, term, count in words:
            if count >= MIN_WORD_ASSETS:
                forms.setdefault(term, {})[word] = count
        self._words = sorted(
            (_spelling(list(spellings)), count, term)
            for term, spellings in forms.items()
            for count in (max(spellings.values()),)
        )

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

    def suggest(
        self,
        typed: str,
        limit: int = 8,
        *,
        together: Callable[[list[str]], int] | None = None,
    ) -> list[Suggestion]:
        """`together(terms)` counts the assets having all of those index terms; with it, a
        word completing 'cfo ro' is one found with 'cfo' ('roi'), not merely common."""
        words = _WORD.findall(fold(typed))
        if not words:
            return []
        complete = not typed[-1:].isalnum()  # 'cfo ' — the last word is finished
        last = "" if complete else words[-1]
        before = typed[: len(typed) - len(last)] if last else typed
        found = self._tag_suggestions(words, complete, before)
        found += self._title_suggestions(words, complete)
        if last:
            found += self._word_suggestions(last, before, limit, words[:-1], together)
        seen: set[tuple[str, str]] = set()
        unique = []
        for suggestion in found:
            key = (suggestion.kind, suggestion.label)
            if key not in seen:
                seen.add(key)
                unique.append(suggestion)
        return unique[:limit]

    def _tag_suggestions(self, words: list[str], complete: bool, before: str) -> list[Suggestion]:
        """Tag values whose name or synonym starts with the last word(s): 'chief fin' offers
        persona CFO. The longest run of typed words that names one wins."""
        if complete:
            return []
        for start in range(max(0, len(words) - 3), len(words)):
            prefix = " ".join(words[start:])
            matches = [
                m
                for m in _prefixed(self._tags, prefix, key=lambda t: t[0])
                if m[4] or len(prefix) >= MIN_SYNONYM_PREFIX
            ]
            if not matches:
                continue
            best: dict[tuple[str, str], int] = {}
            for _, facet, value, count, _ in matches:
                best[(facet, value)] = count
            ranked = sorted(best.items(), key=lambda item: -item[1])[:MAX_TAGS]
            kept = " ".join(_WORD.findall(before)[:start]) if start else ""
            return [
                Suggestion(
                    text=f"{kept} {_filter_text(facet, value)} ".lstrip(),
                    label=f"{facet}: {value}",
                    kind="tag",
                    count=count,
                    facet=facet,
                )
                for (facet, value), count in ranked
            ]
        return []

    def _title_suggestions(self, words: list[str], complete: bool) -> list[Suggestion]:
        """Titles with a word starting with each typed word (the last may be unfinished)."""
        *whole, last = words
        candidates = {order for _, order in _prefixed(self._title_words, last, key=lambda e: e[0])}
        for word in whole:
            if not candidates:
                break
            candidates &= {
                order for _, order in _prefixed(self._title_words, word, key=lambda e: e[0])
            }
        del complete  # a finished last word matches as a prefix too: 'roi ' finds 'ROI guide'
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
        completions = [
            (count, word, term)
            for word, count, term in _prefixed(self._words, last, key=lambda e: e[0])
            if word != last
        ]
        completions.sort(key=lambda c: (-c[0], c[1]))
        context = [t for w in previous if (t := self._term(w))]
        if context and together is not None:
            completions = _in_context(completions, context, together)
        return [
            Suggestion(text=f"{before}{word}", label=f"{before}{word}", kind="word", count=count)
            for count, word, _ in completions[:limit]
        ]

    def _term(self, word: str) -> str | None:
        at = bisect_left(self._words, word, key=lambda e: e[0])
        if at < len(self._words) and self._words[at][0] == word:
            return self._words[at][2]
        return None


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
    """Completions found with the words typed before them first, by how many assets have
    both; those never found with them dropped. Within a time budget: completions not looked
    up in time follow in order of how common they are."""
    deadline = time.perf_counter() + CONTEXT_BUDGET_SECONDS
    checked, unchecked = [], []
    for index, (count, word, term) in enumerate(completions[:WORDS_CHECKED_IN_CONTEXT]):
        if index >= 1 and time.perf_counter() > deadline:
            unchecked.append((count, word, term))
            continue
        if found := together([*context, term]):
            checked.append((found, word, term))
    checked.sort(key=lambda c: (-c[0], c[1]))
    return checked + unchecked


def _spelling(words: list[str]) -> str:
    """The form to offer among the words of one index term: singular, then the longest
    ('integration' over 'integrations' and 'integrated')."""
    singular = [w for w in words if not (w.endswith("s") and w[:-1] in words)]
    return max(singular, key=lambda w: (len(w), w))


def _filter_text(facet: str, value: str) -> str:
    return f'{facet}:"{value}"' if " " in value else f"{facet}:{value}"
