"""The extracted texts and snippets a search session keeps: a rep typing sees the same assets
again and again, and reading a text back from the cache (a file read and Zstandard) is
much of what a new hit costs."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from contentfinder.index.joined_text import JoinedText
from contentfinder.index.text_cache import ExtractionCache
from contentfinder.search.snippets import Snippet, SnippetSource, make_snippet

# Texts kept, up to this many characters in all (each is held joined and lower-cased too:
# about 3 bytes a character).
RECENT_TEXT_CHARS = 12_000_000
RECENT_TEXTS = 5000  # and this many texts (an asset without text costs an entry, no chars)
SNIPPETS_KEPT = 4000


class KeptTexts:
    """Texts for snippets, and snippets, least recently used first to go."""

    def __init__(self, cache: ExtractionCache, term_of: Callable[[str], str | None]) -> None:
        """`term_of`: one word -> its index term (`snippets.term_finder`)."""
        self._cache, self._term_of = cache, term_of
        # content hash -> its source, and the characters it holds
        self._sources: OrderedDict[str, tuple[SnippetSource | None, int]] = OrderedDict()
        self._chars = 0
        self._snippets: OrderedDict[tuple, Snippet | None] = OrderedDict()

    def text(self, content_hash: str) -> JoinedText | None:
        source = self.source(content_hash)
        return source.text if source is not None else None

    def source(self, content_hash: str) -> SnippetSource | None:
        """An asset's text for snippets; None when the cache has none."""
        kept = self._sources.get(content_hash)
        if kept is not None:
            self._sources.move_to_end(content_hash)
            return kept[0]
        text = self._cache.get_text(content_hash)
        found = SnippetSource(text) if text is not None else None
        chars = len(text.text) if text is not None else 0
        self._sources[content_hash] = (found, chars)
        self._chars += chars
        while len(self._sources) > 1 and (
            len(self._sources) > RECENT_TEXTS or self._chars > RECENT_TEXT_CHARS
        ):
            self._chars -= self._sources.popitem(last=False)[1][1]
        return found

    def snippet(
        self,
        content_hash: str,
        terms: frozenset[str],
        phrases: frozenset[tuple[str, ...]],
        title: str,
    ) -> Snippet | None:
        """The asset's snippet for these terms (`snippets.make_snippet`): a rep refining a
        search sees the same assets with the same words again."""
        key = (content_hash, terms, phrases, title)
        if key in self._snippets:
            self._snippets.move_to_end(key)
            return self._snippets[key]
        source = self.source(content_hash)
        found = make_snippet(source, terms, self._term_of, phrases, title=title) if source else None
        self._snippets[key] = found
        if len(self._snippets) > SNIPPETS_KEPT:
            self._snippets.popitem(last=False)
        return found
