"""A deck read for the preview: each slide's title, body paragraphs (with their outline
level), tables and speaker notes, and the thumbnail PowerPoint embeds in the package.

Slides are numbered as the indexer numbers them (`indexer.extract.pptx`: the presentation's
slide list in order, from 1, hidden slides included), so the slide a result row names is the
slide shown here."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QImage

from ui.preview.errors import PreviewError, check_package

MAX_SLIDES = 500
MAX_SLIDE_CHARS = 4000  # of one slide's body, and of its notes
THUMBNAIL_WIDTH = 240
_THUMBNAIL_TYPE = "/metadata/thumbnail"
_THUMBNAIL_NAMES = ("docProps/thumbnail.jpeg", "docProps/thumbnail.jpg", "docProps/thumbnail.png")
_RELATED_PARTS = ("/diagramData", "/chart")
_CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class Slide:
    number: int  # 1-based, as the index numbers slides
    title: str
    body: tuple[tuple[int, str], ...]  # (outline level, paragraph text)
    notes: str
    hidden: bool = False


@dataclass(frozen=True)
class Deck:
    path: str
    slides: tuple[Slide, ...]
    start: int  # the slide to show first: the hit's
    thumbnail: QImage | None  # the package's embedded picture of the first slide
    aspect: float  # height / width of a slide

    def slide(self, number: int) -> Slide:
        return self.slides[max(0, min(number, len(self.slides)) - 1)]


def read_deck(path: str, start: int | None) -> Deck:
    """The deck at `path`, to be shown at slide `start`. Runs on a pool thread."""
    from indexer.extract.pptx import open_presentation  # templates and shows too

    check_package(path)
    thumbnail = _thumbnail(path)
    try:
        deck = open_presentation(path)
        slides = tuple(_slides(deck.slides))
        aspect = _aspect(deck)
    except _library_errors() as exc:
        raise PreviewError(f"the presentation looks damaged ({type(exc).__name__})") from exc
    if not slides:
        raise PreviewError("the presentation has no slides")
    number = max(1, min(start or 1, len(slides)))
    return Deck(path, slides, number, thumbnail, aspect)


def _library_errors() -> tuple[type[Exception], ...]:
    """What python-pptx raises for a package it cannot make sense of."""
    from lxml.etree import LxmlError
    from pptx.exc import PythonPptxError

    return (PythonPptxError, LxmlError, ValueError, KeyError, TypeError, AttributeError, IndexError)


def _slides(slides: Iterable[Any]) -> Iterator[Slide]:
    for number, slide in enumerate(slides, start=1):
        if number > MAX_SLIDES:
            return
        title_shape = slide.shapes.title
        title = _frame_text(title_shape) if title_shape is not None else ""
        skip = title_shape.shape_id if title_shape is not None else None
        body = list(_paragraphs(slide.shapes, skip))
        body.extend((0, line) for line in _related_lines(slide.part))
        yield Slide(
            number,
            title,
            tuple(_clipped(body)),
            _notes(slide)[:MAX_SLIDE_CHARS],
            hidden=slide._element.get("show") == "0",
        )


def _frame_text(shape: Any) -> str:
    return " ".join(shape.text_frame.text.split()) if shape.has_text_frame else ""


def _paragraphs(shapes: Iterable[Any], skip: int | None) -> Iterator[tuple[int, str]]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for shape in shapes:
        if shape.shape_id == skip:
            continue
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _paragraphs(shape.shapes, skip)
        elif shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                text = " ".join(paragraph.text.split())
                if text:
                    yield paragraph.level, text
        elif getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                cells = (" ".join(cell.text_frame.text.split()) for cell in row.cells)
                line = _CELL_SEPARATOR.join(c for c in cells if c)
                if line:
                    yield 0, line


def _related_lines(slide_part: Any) -> Iterator[str]:
    """SmartArt and chart labels: the indexer reads them, so a match may be there."""
    from indexer.extract import ooxml

    for relationship in list(slide_part.rels.values()):
        if not relationship.is_external and relationship.reltype.endswith(_RELATED_PARTS):
            yield from ooxml.xml_texts(relationship.target_part.blob)


def _clipped(body: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    budget = MAX_SLIDE_CHARS
    for level, text in body:
        if budget <= 0:
            return
        yield min(level, 4), text[:budget]
        budget -= len(text)


def _notes(slide: Any) -> str:
    if not slide.has_notes_slide:  # `notes_slide` would make one
        return ""
    frame = slide.notes_slide.notes_text_frame
    return frame.text.strip() if frame is not None else ""


def _aspect(deck: Any) -> float:
    width, height = deck.slide_width, deck.slide_height
    return height / width if width and height else 9 / 16


def _thumbnail(path: str) -> QImage | None:
    """The picture Office saves of the first slide (JPEG or PNG; a WMF one Qt cannot draw)."""
    try:
        with zipfile.ZipFile(path) as package:
            name = _thumbnail_name(package)
            if name is None or package.getinfo(name).file_size > 4 * 2**20:
                return None
            image = QImage.fromData(package.read(name))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None
    if image.isNull() or _blank(image):
        return None
    return image.scaledToWidth(min(THUMBNAIL_WIDTH, image.width()))


def _blank(image: QImage) -> bool:
    """A thumbnail of one colour (python-pptx saves a white one with every deck it makes)
    shows nothing of the deck."""
    small = image.scaled(12, 12)
    first = small.pixel(0, 0)
    return all(small.pixel(x, y) == first for x in range(12) for y in range(12))


def _thumbnail_name(package: zipfile.ZipFile) -> str | None:
    from indexer.extract import ooxml

    names = set(package.namelist())
    if "_rels/.rels" in names:
        root = ooxml.parse_xml(package.read("_rels/.rels"))
        for relationship in root if root is not None else ():
            if str(relationship.get("Type", "")).endswith(_THUMBNAIL_TYPE):
                target = posixpath.normpath(str(relationship.get("Target", "")).lstrip("/"))
                if target in names:
                    return target
    return next((name for name in _THUMBNAIL_NAMES if name in names), None)
