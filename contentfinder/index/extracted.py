"""What a document says, as the indexer extracted it: text segments, title and embedded tags.

Shared by the indexer (which produces it) and the search (which reads it back from the
extraction cache for snippets).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    """A run of text and where it sits: page of a PDF, slide of a deck, sheet of a workbook."""

    text: str
    location: int | None = None  # 1-based page / slide / sheet number; None for flowing text


@dataclass(frozen=True)
class Extracted:
    """Everything a reader finds in one file."""

    segments: tuple[Segment, ...]
    title: str = ""  # embedded title property (core properties, PDF info, <title>, front matter)
    first_heading: str = ""  # first heading of the body, a fallback title
    # Keyword strings to split on ';' and ',' (keywords, category, subject, <meta keywords>).
    keyword_strings: tuple[str, ...] = ()
    # Explicit (facet, value) pairs, e.g. from Markdown front matter keys named after facets.
    facet_values: tuple[tuple[str, str], ...] = field(default=())
    # Who wrote it, as the file says (core property `creator`, PDF /Author, front matter
    # `owner` or `author`, <meta name="author">): the owner when the catalog names none.
    author: str = ""
    # What of the file could not be read, in words ("slide 3 is missing from the package"):
    # the rest is indexed, and the summary reports the file as partly read. Empty when whole.
    partly_read: str = ""

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments if s.text)
