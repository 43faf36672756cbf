"""An asset's extracted text as search reads it back: its segments joined into one string,
with where each starts and sits (page, slide, sheet), and where the text goes on after the
asset's own title. Cache entries of format 4 hold it as it is (`cache_entry`), so a search's
new hit costs no JSON decoding of the text, no joining and no looking for the title again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from contentfinder.index.after_title import title_end
from contentfinder.index.extracted import Extracted, Segment

SEPARATOR = "\n"  # between two segments


@dataclass(frozen=True)
class JoinedText:
    text: str  # the segments' texts, SEPARATOR between each two
    starts: tuple[int, ...]  # where each segment starts in `text`
    locations: tuple[int | None, ...]  # each segment's page / slide / sheet
    title: str  # the file's own title (`Extracted.title`)
    first_heading: str
    opening: int  # title_end(text, (title, first_heading))

    @classmethod
    def of(cls, extracted: Extracted) -> JoinedText:
        texts = [s.text for s in extracted.segments]
        text = SEPARATOR.join(texts)
        return cls(
            text=text,
            starts=starts_of(len(t) for t in texts),
            locations=tuple(s.location for s in extracted.segments),
            title=extracted.title,
            first_heading=extracted.first_heading,
            opening=title_end(text, (extracted.title, extracted.first_heading)),
        )

    @property
    def segments(self) -> tuple[Segment, ...]:
        if not self.starts:
            return ()
        ends = [start - len(SEPARATOR) for start in self.starts[1:]] + [len(self.text)]
        return tuple(
            Segment(self.text[start:end], location)
            for start, end, location in zip(self.starts, ends, self.locations, strict=True)
        )

    def after_title(self, title: str) -> int:
        """Where the text goes on after `title`, its own title or its first heading (see
        `title_end`). `title_end` takes the furthest end of the titles it is given, and the
        separator after an end never stops short of a later one, so the furthest of the
        kept opening and `title`'s own end is the end of all three."""
        if title in ("", self.title, self.first_heading):
            return self.opening
        return max(self.opening, title_end(self.text, (title,)))

    def location_at(self, offset: int) -> int | None:
        """The location of the segment holding character `offset`."""
        location = None
        for start, at in zip(self.starts, self.locations, strict=True):
            if start > offset:
                break
            location = at
        return location


def starts_of(lengths: Iterable[int]) -> tuple[int, ...]:
    """Where each of the segments of `lengths` starts once joined."""
    starts, offset = [], 0
    for length in lengths:
        starts.append(offset)
        offset += length + len(SEPARATOR)
    return tuple(starts)
