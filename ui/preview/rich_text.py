"""Markdown, HTML and plain-text assets as rich text for the preview, with the matched words
marked: built as a QTextDocument on a pool thread and handed to the GUI thread as bounded
HTML. Markdown is rendered (headings as headings, never '#'); HTML is sanitized first (no
scripts, styles, images, frames or forms: nothing is loaded from anywhere)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from ui.preview.errors import PreviewError
from ui.preview.marks import Marks

MAX_SOURCE_CHARS = 400_000  # read of a text file; the rest is never shown
SHOWN_CHARS = 12_000  # of text around the first match: a few screens, quick to lay out
LEAD_CHARS = 2_000  # of those, before the first match
PASSAGE_WORDS = 6
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
FIRST_MARK = "first-mark"  # the anchor the view scrolls to
_MARK_BACKGROUND = QColor("#ffe27a")
_DROPPED = ("img", "iframe", "frame", "frameset", "object", "embed", "form", "input", "button",
            "select", "textarea", "link", "meta", "base", "video", "audio", "svg", "canvas",
            "picture", "source")  # fmt: skip


@dataclass(frozen=True)
class RichText:
    """Rich text ready for a QTextBrowser: `html` of at most SHOWN_CHARS of text, `marked` of
    its words marked, and `note` saying what was left out."""

    html: str
    marked: int
    note: str = ""


def read_markdown(path: str, marks: Marks, passage: str = "") -> RichText:
    from indexer.extract.markdown import split_front_matter

    _, body = split_front_matter(_read_text(path))
    document = QTextDocument()
    document.setMarkdown(body, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    return finish(document, marks, passage)


def read_html(path: str, marks: Marks, passage: str = "") -> RichText:
    document = QTextDocument()
    document.setHtml(sanitized_html(Path(path).read_bytes()[: MAX_SOURCE_CHARS * 2]))
    return finish(document, marks, passage)


def read_plain(path: str, marks: Marks, passage: str = "") -> RichText:
    document = QTextDocument()
    document.setPlainText(_read_text(path))
    return finish(document, marks, passage)


def sanitized_html(data: bytes) -> str:
    """The page's body with nothing that runs or loads: parsed as the indexer parses it (no
    script, style, comments), then stripped of embeds, event handlers and link targets."""
    import lxml.html

    from indexer.extract.html import decode_html, parse_html

    root = parse_html(decode_html(data))
    if root is None:
        raise PreviewError("the page is empty")
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            if name.startswith("on") or name in ("src", "srcset", "href", "style", "background"):
                del element.attrib[name]
    body = root.find("body")
    return lxml.html.tostring(body if body is not None else root, encoding="unicode")


def finish(document: QTextDocument, marks: Marks, passage: str = "") -> RichText:
    """Marks the words in `document`, anchors the first in the `passage` the snippet shows
    (else the first of all), and exports the part around it."""
    first, count = _mark(document, marks, _passage_at(document.toPlainText(), passage))
    length = document.characterCount()
    if length <= SHOWN_CHARS:
        return RichText(_without_images(document.toHtml()), count)
    start = max(0, (first if first is not None else 0) - LEAD_CHARS)
    end = min(length - 1, start + SHOWN_CHARS)
    cursor = QTextCursor(document)
    cursor.setPosition(document.findBlock(start).position())
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    left_out = []
    if cursor.selectionStart() > 0:
        left_out.append("before")
    if cursor.selectionEnd() < length - 1:
        left_out.append("after")
    note = f"Showing the part around the match (more {' and '.join(left_out)})"
    return RichText(_without_images(cursor.selection().toHtml()), count, note)


def _without_images(html: str) -> str:
    """A Markdown image may name any address; the preview loads nothing, so shows none."""
    return _IMAGE.sub("", html)


def _passage_at(text: str, passage: str) -> int:
    """Where the snippet's passage starts in `text` (0 when it cannot be found): a run of its
    words, whatever spaces and line breaks stand between them in the document."""
    words = passage.split()[1 : PASSAGE_WORDS + 1]  # the first may be cut off
    if len(words) < 2:
        return 0
    found = re.search(r"\W+".join(re.escape(w) for w in words), text)
    return found.start() if found else 0


def _mark(document: QTextDocument, marks: Marks, after: int) -> tuple[int | None, int]:
    """Highlights each marked word; the position of the one the view opens on (the first at
    or after `after`), and how many there are."""
    text = document.toPlainText()
    spans = marks.spans(text)
    opening = next((i for i, span in enumerate(spans) if span[0] >= after), 0)
    mark = QTextCharFormat()
    mark.setBackground(_MARK_BACKGROUND)
    mark.setForeground(QColor("#000000"))
    for index, (start, end) in enumerate(spans):
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if index == opening:
            first = QTextCharFormat(mark)
            first.setAnchor(True)
            first.setAnchorNames([FIRST_MARK])
            cursor.mergeCharFormat(first)
        else:
            cursor.mergeCharFormat(mark)
    return (spans[opening][0] if spans else (after or None)), len(spans)


def _read_text(path: str) -> str:
    from indexer.extract.base import Limits
    from indexer.extract.text import read_text

    return read_text(Path(path), Limits(max_text_chars=MAX_SOURCE_CHARS))
