"""Plain-text reader (.txt): the decoded text as one segment; its first line as a heading."""

from __future__ import annotations

from pathlib import Path

from indexer.extract.base import Extracted, Limits, Segment
from indexer.extract.common import decode_text, finish, first_line


def extract(path: Path, limits: Limits) -> Extracted:
    text = read_text(path, limits)
    return finish([Segment(text)], limits, first_heading=first_line(text))


def read_text(path: Path, limits: Limits) -> str:
    """A text file decoded, at most a few times the text budget of it (the rest is not indexed)."""
    # Four bytes a character covers UTF-32; more would be read only to be thrown away.
    with path.open("rb") as stream:
        data = stream.read(limits.max_text_chars * 4)
    return decode_text(data)
