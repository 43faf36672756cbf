"""Which words of an asset a preview marks, and where they stand in a text.

The words come from the hit: the words its snippet marked (the forms the asset really uses:
'compliance' for a typed 'complaince') and what each match found in the body ('total cost
of ownership' for 'tco'). A word is found at the start of a word in the text and may run on
with a common ending ('reconciliation' finds 'reconciliations'), as the index's stemming does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from html import unescape

from contentfinder.search.results import Hit

_BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
MIN_WORD = 2
# The endings a word may run on with: 'process' marks 'processing', never 'auditors' for
# 'audit' (the index keeps 'auditor' apart from 'audit').
ENDINGS = r"(?:s|es|d|ed|ing|ings|ly)?"
RUN_ON_FROM = 3
MAX_MARKS = 400  # a word on every line of a long document: enough to see it


@dataclass(frozen=True)
class Marks:
    """The words to mark, longest first (so a phrase wins over its own words)."""

    words: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.words:
            return None
        return _pattern(self.words)

    def spans(self, text: str, limit: int = MAX_MARKS) -> list[tuple[int, int]]:
        """(start, end) of each marked word in `text`, in order, at most `limit`."""
        pattern = self.pattern
        if pattern is None:
            return []
        found = []
        for match in pattern.finditer(text):
            found.append(match.span())
            if len(found) >= limit:
                break
        return found

    def count(self, text: str) -> int:
        return len(self.spans(text))


def marks_of(hit: Hit) -> Marks:
    words: set[str] = set()
    for bold in _BOLD.findall(hit.snippet or ""):
        words.add(_plain(bold))
    for match in hit.matches:
        words.add(match.matched)  # a title-only word marks nothing in the body: harmless
    kept = {" ".join(w.lower().split()) for w in words}
    return Marks(tuple(sorted((w for w in kept if len(w) >= MIN_WORD), key=lambda w: -len(w))))


def snippet_text(hit: Hit) -> str:
    """The snippet as plain text, without its '…' ends: to find the passage it came from."""
    return _plain(hit.snippet or "").strip("… ").strip()


def _plain(html: str) -> str:
    return " ".join(unescape(_TAG.sub("", html)).split())


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for word in words:
        pieces = [re.escape(piece) for piece in word.split()]
        body = r"[\s\-]+".join(pieces)
        tail = ENDINGS if len(word) >= RUN_ON_FROM else ""
        parts.append(body + tail)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
