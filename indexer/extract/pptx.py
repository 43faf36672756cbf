"""PowerPoint reader (.pptx, .pptm and the templates and shows .potx, .ppsx, .ppsm): one segment
per slide with the text of every shape (groups and tables included), the speaker notes, and
SmartArt, chart and comment text; core properties. A slide that is missing or broken costs its
own text only, and is named in `partly_read`.

A deck python-pptx would read as it is is read from its parts directly (`pptx_parts`), the
same lines without python-pptx's objects; python-pptx reads the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from indexer.extract import ooxml, opc, pptx_parts
from indexer.extract.base import Extracted, ExtractionError, FailureReason, Limits, Segment
from indexer.extract.common import TextBudget, finish, quiet_libraries, short_detail

# Parts hanging off a slide whose text the shapes do not show.
_RELATED_PARTS = ("/diagramData", "/chart", "/comments", "/modernComment")
_CELL_SEPARATOR = " | "


# Main-part content types of the package kinds python-pptx's `Presentation()` refuses although
# their parts are a presentation's: templates, shows and their macro-enabled kinds.
_MAIN_CONTENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
)


def extract(path: Path, limits: Limits) -> Extracted:
    with ooxml.open_package(path, limits) as package:
        properties = ooxml.core_properties(package.zip)
        with quiet_libraries("pptx"):
            slides, heading, problems = _read(package, limits)
    return finish(
        slides,
        limits,
        title=properties.title,
        first_heading=heading,
        keyword_strings=properties.keyword_strings,
        author=properties.author,
        partly_read=problems,
    )


def open_presentation(source: str | IO[bytes]) -> Any:
    """A python-pptx presentation of any PowerPoint package kind (templates and shows too)."""
    from pptx.opc.package import PartFactory
    from pptx.package import Package
    from pptx.parts.presentation import PresentationPart

    return ooxml.open_main_part(
        source,
        package=Package,
        factory=PartFactory,
        part_class=PresentationPart,
        content_types=_MAIN_CONTENT_TYPES,
        kind="PowerPoint",
    ).presentation


def _read(package: ooxml.Package, limits: Limits) -> tuple[list[Segment], str, list[str]]:
    """The slides as python-pptx reads them; when it cannot, as it reads the package once the
    broken parts are repaired or left out."""
    try:
        light = opc.LightPackage(package.zip, drop_missing=True)
        slides, heading, problems = pptx_parts.read_slides(light, TextBudget(limits))
        return slides, heading, [*package.unread, *problems]
    except opc.Unusual:
        pass  # python-pptx reads it, and reports what is wrong with it
    try:
        slides, heading, problems = _slides(package.reopened(), TextBudget(limits))
        return slides, heading, [*package.unread, *problems]
    except _library_errors() as exc:
        error = exc
    with ooxml.repacked(package.zip, repair=True) as repaired:
        if not repaired.unread:
            raise _damaged(error) from error
        try:
            slides, heading, problems = _slides(repaired.source, TextBudget(limits))
        except _library_errors() as exc:
            raise _damaged(exc) from exc
        return slides, heading, [*repaired.unread, *problems]


def _damaged(error: Exception) -> ExtractionError:
    return ExtractionError(FailureReason.DAMAGED, f"unreadable presentation: {short_detail(error)}")


def _library_errors() -> tuple[type[Exception], ...]:
    """What python-pptx raises for a package it cannot make sense of."""
    from lxml.etree import LxmlError
    from pptx.exc import PythonPptxError

    return (
        PythonPptxError,
        LxmlError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        *ooxml.MEMBER_ERRORS,
    )


def _slides(source: str | IO[bytes], budget: TextBudget) -> tuple[list[Segment], str, list[str]]:
    """Slide segments, the first slide title as the deck's heading, and the slides that could
    not be read."""
    deck = open_presentation(source)
    # The slide list itself, not `deck.slides`: that renames every slide part first, and one
    # missing part would cost the whole deck.
    listed = deck.element.sldIdLst
    slide_ids = [entry.rId for entry in listed] if listed is not None else []
    slides: list[Segment] = []
    problems: list[str] = []
    heading = ""
    for number, slide_id in enumerate(slide_ids, start=1):
        if budget.spent:
            break
        try:
            slide = deck.part.related_slide(slide_id)
        except (KeyError, ValueError):  # listed in the deck, but its part is not in the package
            problems.append(f"slide {number} is missing from the package")
            continue
        try:
            heading = heading or _title_text(slide)
            lines = [*_shape_lines(slide.shapes), *_notes_lines(slide), *_related_lines(slide.part)]
        except _library_errors():  # a slide python-pptx chokes on: its words, without shapes
            problems.append(f"slide {number}: its shapes could not be read, only its words")
            lines = ooxml.xml_texts(slide.part.blob)
        slides.append(Segment(budget.take("\n".join(lines)), number))
    return slides, heading, problems


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
