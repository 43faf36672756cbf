"""The PowerPoint reader's common case, read from the package's parts directly: what
`indexer.extract.pptx` reads through python-pptx, line for line, without building python-pptx's
objects for every part of the package (most of a deck's reading time).

Only what python-pptx reads the same way is read here; anything else (a shape of a kind
python-pptx cannot classify, a slide without a shape tree, a part that is not XML) raises
`opc.Unusual`, and the deck is read through python-pptx as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from indexer.extract import ooxml, opc
from indexer.extract.base import Segment
from indexer.extract.common import TextBudget

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NOTES_SLIDE = f"{_RT}/notesSlide"
_PML = "application/vnd.openxmlformats-officedocument.presentationml"
_PRESENTATION_TYPES = {
    f"{_PML}.presentation.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    f"{_PML}.template.main+xml",
    f"{_PML}.slideshow.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
}
_SLIDE_TYPE = f"{_PML}.slide+xml"
# The parts python-pptx parses when it opens a package: one that is not XML fails the deck.
_PARSED_BY_PYTHON_PPTX = {
    *_PRESENTATION_TYPES,
    "application/vnd.openxmlformats-package.core-properties+xml",
    f"{_PML}.notesMaster+xml",
    f"{_PML}.notesSlide+xml",
    _SLIDE_TYPE,
    f"{_PML}.slideLayout+xml",
    f"{_PML}.slideMaster+xml",
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}
_SHAPES = {f"{_P}{n}" for n in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic")}
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
_RUN, _BREAK, _FIELD = f"{_A}r", f"{_A}br", f"{_A}fld"
_PLACEHOLDER_TYPES = {
    "body", "chart", "clipArt", "ctrTitle", "dgm", "dt", "ftr", "hdr", "media", "obj",
    "pic", "sldImg", "sldNum", "subTitle", "tbl", "title",
}  # fmt: skip
_CELL_SEPARATOR = " | "
_RELATED_PARTS = ("/diagramData", "/chart", "/comments", "/modernComment")


def read_slides(
    package: opc.LightPackage, budget: TextBudget
) -> tuple[list[Segment], str, list[str]]:
    """What `pptx._slides` returns for the package: slide segments, the deck's heading, the
    slides that could not be read."""
    main = package.main_part
    if package.content_type(main) not in _PRESENTATION_TYPES:
        raise opc.Unusual("not a presentation")
    parsed = {
        part: opc.parse_like_the_library(package.blob(part))
        for part in package.parts
        if package.content_type(part) in _PARSED_BY_PYTHON_PPTX
    }
    by_id = _by_id(package.relationships(main))
    listed = parsed[main].find(f"{_P}sldIdLst")
    slide_ids = [entry.get(f"{_R}id") for entry in listed] if listed is not None else []
    slides: list[Segment] = []
    problems: list[str] = []
    heading = ""
    for number, slide_id in enumerate(slide_ids, start=1):
        if budget.spent:
            break
        relationship = by_id.get(slide_id)  # type: ignore[arg-type]
        if relationship is None:
            problems.append(f"slide {number} is missing from the package")
            continue
        if package.content_type(relationship.target) != _SLIDE_TYPE:
            raise opc.Unusual("a slide entry names another kind of part")
        slide = parsed[relationship.target]
        tree = _shape_tree(slide)
        heading = heading or _title_text(tree)
        lines = [
            *_shape_lines(tree),
            *_notes_lines(package, relationship.target, parsed),
            *_related_lines(package, relationship.target),
        ]
        slides.append(Segment(budget.take("\n".join(lines)), number))
    return slides, heading, problems


def _by_id(relationships: tuple[opc.Relationship, ...]) -> dict[str, opc.Relationship]:
    found = {r.rid: r for r in relationships}
    if len(found) != len(relationships):
        raise opc.Unusual("two relationships share an id")
    return found


def _shape_tree(root: Any) -> Any:
    tree = root.find(f"{_P}cSld/{_P}spTree")
    if tree is None:
        raise opc.Unusual("a slide without a shape tree")
    return tree


def _shapes(tree: Any) -> Iterator[Any]:
    for element in tree:
        if element.tag in _SHAPES:
            yield element
        elif element.tag == f"{_P}contentPart":
            raise opc.Unusual("a content part")  # python-pptx's shape of no kind


def _placeholder(shape: Any) -> Any | None:
    first = shape.find("*")  # python-pptx's "./*[1]/p:nvPr/p:ph"
    if first is None:
        return None
    found = first.find(f"{_P}nvPr/{_P}ph")
    if found is not None and found.get("type", "obj") not in _PLACEHOLDER_TYPES:
        raise opc.Unusual("a placeholder of an unknown type")
    return found


def _title_text(tree: Any) -> str:
    for shape in _shapes(tree):
        placeholder = _placeholder(shape)
        if placeholder is not None and _index(placeholder) == 0:
            return _frame_text(shape, f"{_P}txBody").strip() if shape.tag == f"{_P}sp" else ""
    return ""


def _index(placeholder: Any) -> int:
    try:
        return int(placeholder.get("idx", "0"))
    except ValueError as exc:
        raise opc.Unusual("a placeholder index that is not a number") from exc


def _shape_lines(tree: Any) -> Iterator[str]:
    for shape in _shapes(tree):
        if shape.tag == f"{_P}grpSp":
            yield from _shape_lines(shape)
        elif shape.tag == f"{_P}sp":
            _check_classifiable(shape)
            yield _frame_text(shape, f"{_P}txBody")
        elif shape.tag == f"{_P}graphicFrame":
            data = shape.find(f"{_A}graphic/{_A}graphicData")
            if data is not None and data.get("uri") == _TABLE_URI:
                yield from _table_lines(data)


def _check_classifiable(shape: Any) -> None:
    """python-pptx asks every shape its kind, and fails on one that is no placeholder, no
    preset or custom geometry and no text box."""
    if _placeholder(shape) is not None:
        return
    properties = shape.find(f"{_P}spPr")
    if properties is not None and (
        properties.find(f"{_A}custGeom") is not None or properties.find(f"{_A}prstGeom") is not None
    ):
        return
    box = shape.find(f"{_P}nvSpPr/{_P}cNvSpPr")
    if box is not None and box.get("txBox") in ("1", "true"):
        return
    raise opc.Unusual("a shape of no kind python-pptx knows")


def _frame_text(element: Any, body_tag: str) -> str:
    """`text_frame.text` of a shape or table cell: its paragraphs, one a line."""
    body = element.find(body_tag)
    if body is None:
        return ""
    return "\n".join(_paragraph_text(p) for p in body.iterchildren(f"{_A}p"))


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for child in paragraph:
        tag = child.tag
        if tag == _BREAK:
            parts.append("\v")
        elif tag == _RUN:
            text = child.find(f"{_A}t")
            if text is None:
                raise opc.Unusual("a run without its text element")
            parts.append(text.text or "")
        elif tag == _FIELD:
            text = child.find(f"{_A}t")
            parts.append((text.text or "") if text is not None else "")
    return "".join(parts)


def _table_lines(data: Any) -> Iterator[str]:
    table = data.find(f"{_A}tbl")
    if table is None:
        raise opc.Unusual("a table frame without its table")
    for row in table.iterchildren(f"{_A}tr"):
        cells = (_frame_text(cell, f"{_A}txBody").strip() for cell in row.iterchildren(f"{_A}tc"))
        yield _CELL_SEPARATOR.join(c for c in cells if c)


def _notes_lines(package: opc.LightPackage, slide: str, parsed: dict[str, Any]) -> list[str]:
    notes = [r for r in package.relationships(slide) if r.reltype == _NOTES_SLIDE]
    if not notes:
        return []
    if len(notes) > 1 or notes[0].is_external or notes[0].target not in parsed:
        raise opc.Unusual("not one notes slide of its own")
    for shape in _shapes(_shape_tree(parsed[notes[0].target])):
        placeholder = _placeholder(shape)
        if placeholder is not None and placeholder.get("type", "obj") == "body":
            if shape.tag != f"{_P}sp":
                raise opc.Unusual("a notes placeholder that is not a shape")
            return [_frame_text(shape, f"{_P}txBody")]
    return []


def _related_lines(package: opc.LightPackage, slide: str) -> Iterator[str]:
    for relationship in package.relationships(slide):
        if not relationship.is_external and relationship.reltype.endswith(_RELATED_PARTS):
            yield from ooxml.xml_texts(package.blob(relationship.target))
