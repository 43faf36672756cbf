"""HTML reader (.html, .htm): visible text (no script, style, noscript or template), <title>,
<meta name="keywords">, <meta name="author"> and the first <h1>.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from indexer.extract.base import Extracted, Limits, Segment
from indexer.extract.common import decode_text, finish, one_line

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_CHARSET_WINDOW = 4096  # browsers look for the declaration in the first 1024 bytes; allow slack
# An XML declaration naming an encoding makes lxml refuse an already decoded string.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_INVISIBLE = ("script", "style", "noscript", "template")
# Elements that end a line of text; without the break, "<p>a</p><p>b</p>" reads "ab".
_BLOCKS = (
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
)


def extract(path: Path, limits: Limits) -> Extracted:
    with path.open("rb") as stream:
        data = stream.read(limits.max_text_chars * 4)
    root = parse_html(decode_html(data))
    if root is None:
        return finish([], limits)
    title = one_line(root.findtext(".//title"))
    keywords = root.xpath("//meta[translate(@name, 'KEYWORDS', 'keywords')='keywords']/@content")
    authors = root.xpath("//meta[translate(@name, 'AUTHOR', 'author')='author']/@content")
    heading = root.find(".//h1")
    return finish(
        [Segment(visible_text(root))],
        limits,
        title=title,
        first_heading=heading.text_content() if heading is not None else "",
        keyword_strings=[str(k) for k in keywords],
        author=str(authors[0]) if authors else "",
    )


def decode_html(data: bytes) -> str:
    """BOM, then the page's own charset declaration, then detection (see `decode_text`)."""
    match = _META_CHARSET.search(data[:_CHARSET_WINDOW])
    declared = match.group(1).decode("ascii", errors="ignore") if match else None
    if declared is not None:
        try:
            codecs.lookup(declared)
        except LookupError:
            declared = None
    return decode_text(data, declared=declared)


def parse_html(text: str) -> Any | None:
    """The document tree with scripts, styles and comments gone; None for an empty page."""
    import lxml.html
    from lxml import etree

    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    for element in list(root.iter(*_INVISIBLE)):
        element.drop_tree()
    return root


def visible_text(root: Any) -> str:
    """The body's text with a line break after each block element."""
    body = root.find("body")
    container = body if body is not None else root
    for element in container.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return str(container.text_content())
