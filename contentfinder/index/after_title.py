"""Where an asset's text goes on after its title: a text that opens with the title the row
shows right above it is read from after it, in snippets. Computed when a cache entry is written
for the asset's own title and first heading (`cache_entry`), and by snippets for another one.
"""

from __future__ import annotations

import re
from itertools import islice

_TITLE_PARTS = re.compile(r"\s*[:|]\s*|\s+[-–—]\s+")
_SEPARATOR = re.compile(r"[\s:|\-–—·]*")  # what may follow a title before the text goes on
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
_NON_SPACE = re.compile(r"\S+")
_WORD_CHAR = re.compile(r"\w")
OPENING_CHARS = 2000  # where a title is looked for: a title longer than this is no title


def title_end(text: str, titles: tuple[str, ...]) -> int:
    """Where `text` goes on after the longest of `titles` it opens with, compared without
    case and with any run of spaces or line breaks as one, and any separator after it
    (': ', ' | ', ' - '); 0 when it opens with none of them. A part of a title ('Bluewater
    Credit Union' of 'Bluewater Credit Union: audit-ready…') counts when it is the text's
    whole first line, a heading. Compared word by word, not with a pattern per title:
    compiling those was most of a first search's time."""
    wanted = max((len(t.split()) for t in titles), default=0)
    words = list(islice(_NON_SPACE.finditer(text, 0, OPENING_CHARS), wanted))
    opening = [w.group().lower() for w in words]  # lower-cased once, not per title
    ends = []
    for title in dict.fromkeys(t.lower() for t in titles):
        whole = _opens_with(words, opening, title.split(), whole_word=True)
        if whole:
            ends.append(whole)
        for part in _TITLE_PARTS.split(title):
            said = part.split()
            end = _opens_with(words, opening, said, whole_word=False) if len(said) > 1 else 0
            line_end = _LINE_END.match(text, end) if end else None
            if line_end:
                ends.append(line_end.start())
    if not ends:
        return 0
    return _SEPARATOR.match(text, max(ends)).end()  # type: ignore[union-attr]


def _opens_with(
    words: list[re.Match[str]], opening: list[str], said: list[str], *, whole_word: bool
) -> int:
    """Where the text's opening `words` (`opening`: them lower-cased) end when they are
    `said` (lower-cased); 0 if not. The last word may run on into punctuation ('Guide:') when
    `whole_word`, never into a letter; else it is the text's word exactly."""
    count = len(said)
    if not count or len(opening) < count or opening[: count - 1] != said[:-1]:
        return 0
    found, typed = opening[count - 1], said[-1]
    if found == typed:
        return words[count - 1].end()
    if whole_word and found.startswith(typed) and not _WORD_CHAR.match(found, len(typed)):
        return words[count - 1].start() + len(typed)
    return 0
