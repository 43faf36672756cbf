"""Markdown reader (.md, .markdown): YAML front matter as title, tags, facet values and author
(`owner`, else `author`); the body with its markup stripped lightly (link text kept, images
and data: URIs dropped, code kept).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from indexer.extract.base import Extracted, Limits, Segment
from indexer.extract.common import finish, one_line
from indexer.extract.text import read_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MAX_FRONT_MATTER = 64 * 1024
# Front-matter keys that are not facets; everything else is offered to the tag resolver,
# which alone knows the taxonomy.
_NOT_FACETS = {"title", "keywords", "tags", "summary", "owner", "author", "expires", "date"}
_AUTHOR_KEYS = ("owner", "author")  # the first one given is the author
_KEYWORD_KEYS = ("keywords", "tags")

_FENCE = re.compile(r"^\s*(```|~~~)")
# "# Title", "# Title #", and "# Title { #anchor }" (an attribute list, as MkDocs writes).
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*(?:\{[^}]*\})?\s*$")
# Order matters: images before links, so "![alt](src)" is not read as "!" plus a link.
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),  # reference images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+"), ""),  # inline data: URIs
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`+"), ""),
    (re.compile(r"(\*\*|__|\*|~~)(?=\S)|(?<=\S)(\*\*|__|\*|~~)"), ""),  # emphasis markers
)
_LINE_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def extract(path: Path, limits: Limits) -> Extracted:
    text = read_text(path, limits)
    front, body = split_front_matter(text)
    lines = list(_body_lines(body))
    return finish(
        [Segment("\n".join(lines))],
        limits,
        title=_scalar(front.get("title")),
        first_heading=_first_heading(body),
        keyword_strings=[v for key in _KEYWORD_KEYS for v in _values(front.get(key))],
        facet_values=[
            (str(key).strip().lower(), value)
            for key, raw in front.items()
            if str(key).strip().lower() not in _NOT_FACETS
            for value in _values(raw)
        ],
        author=_author(front),
    )


def split_front_matter(text: str) -> tuple[dict[object, object], str]:
    """The YAML front matter as a mapping (empty when absent or unreadable), and the body."""
    import yaml

    match = _FRONT_MATTER.match(text)
    if match is None or len(match.group(1)) > _MAX_FRONT_MATTER:
        return {}, text
    body = text[match.end() :]
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, body  # a typo in the front matter costs its tags, not the document
    return (data if isinstance(data, dict) else {}), body


def _author(front: dict[object, object]) -> str:
    """`owner`, else `author`; a list of people is kept as one owner, "A; B"."""
    for key in _AUTHOR_KEYS:
        if people := _values(front.get(key)):
            return "; ".join(people)
    return ""


def _values(raw: object) -> list[str]:
    """A front-matter value as strings: a scalar, or the scalars of a list."""
    items = raw if isinstance(raw, list) else [raw]
    return [text for item in items if (text := _scalar(item))]


def _scalar(value: object) -> str:
    if isinstance(value, str | int | float | date) and not isinstance(value, bool):
        return one_line(str(value))
    return ""


def _first_heading(body: str) -> str:
    in_code = False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and (match := _HEADING.match(line)):
            return match.group(1)
    return ""


def _body_lines(body: str) -> Iterator[str]:
    in_code = False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_code = not in_code  # the fence goes, the code stays: it is searchable text
            continue
        if in_code:
            yield line
        elif not _REFERENCE_DEFINITION.match(line) and not _TABLE_RULE.match(line):
            yield _strip_inline(_LINE_PREFIX.sub("", line)).replace("|", " ")


def _strip_inline(line: str) -> str:
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    return line
