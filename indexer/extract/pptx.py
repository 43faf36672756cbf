"""PowerPoint reader (.pptx, .pptm): one segment per slide with the text of every shape (groups
and tables included), the speaker notes, and SmartArt, chart and comment text; core properties.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from indexer.extract import ooxml
from indexer.extract.base import Extracted, ExtractionError, FailureReason, Limits, Segment
from indexer.extract.common import TextBudget, finish, quiet_libraries, short_detail

# Parts hanging off a slide whose text the shapes do not show.
_RELATED_PARTS = ("/diagramData", "/chart", "/comments", "/modernComment")
_CELL_SEPARATOR = " | "


def extract(path: Path, limits: Limits) -> Extracted:
    with ooxml.open_package(path, limits) as package:
        properties = ooxml.core_properties(package)
    with quiet_libraries("pptx"):
        try:
            slides, heading = _slides(path, TextBudget(limits))
        except _library_errors() as exc:
            raise ExtractionError(
                FailureReason.DAMAGED, f"unreadable presentation: {short_detail(exc)}"
            ) from exc
    return finish(
        slides,
        limits,
        title=properties.title,
        first_heading=heading,
        keyword_strings=properties.keyword_strings,
        author=properties.author,
    )


def _library_errors() -> tuple[type[Exception], ...]:
    """What python-pptx raises for a package it cannot make sense of."""
    from lxml.etree import LxmlError
    from pptx.exc import PythonPptxError

    return (PythonPptxError, LxmlError, ValueError, KeyError, TypeError, AttributeError, IndexError)


def _slides(path: Path, budget: TextBudget) -> tuple[list[Segment], str]:
    """Slide segments, and the first slide title as the deck's heading."""
    from pptx import Presentation

    deck = Presentation(str(path))
    slides: list[Segment] = []
    heading = ""
    for number, slide in enumerate(deck.slides, start=1):
        if budget.spent:
            break
        heading = heading or _title_text(slide)
        lines = [*_shape_lines(slide.shapes), *_notes_lines(slide), *_related_lines(slide.part)]
        slides.append(Segment(budget.take("\n".join(lines)), number))
    return slides, heading


def _title_text(slide: Any) -> str:
    title = slide.shapes.title
    return title.text_frame.text.strip() if title is not None and title.has_text_frame else ""


def _shape_lines(shapes: Iterable[Any]) -> Iterator[str]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shape_lines(shape.shapes)
        elif shape.has_text_frame:
            yield shape.text_frame.text
        elif getattr(shape, "has_table", False) and shape.has_table:
            yield from _table_lines(shape.table)


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells = (cell.text_frame.text.strip() for cell in row.cells)
        yield _CELL_SEPARATOR.join(c for c in cells if c)


def _notes_lines(slide: Any) -> list[str]:
    # `notes_slide` creates a notes slide where there is none; ask first.
    if not slide.has_notes_slide:
        return []
    frame = slide.notes_slide.notes_text_frame
    return [frame.text] if frame is not None else []


def _related_lines(slide_part: Any) -> Iterator[str]:
    for relationship in list(slide_part.rels.values()):
        if not relationship.is_external and relationship.reltype.endswith(_RELATED_PARTS):
            yield from ooxml.xml_texts(relationship.target_part.blob)
