"""Word reader (.docx, .docm and the templates .dotx, .dotm): body paragraphs and tables in
order, then headers, footers, notes, comments, text boxes, SmartArt and chart labels; core
properties.

python-docx resolves the package (parts, relationships, style names); the text itself is read
from the XML, because python-docx's paragraph text skips text boxes, content controls and ruby.
When python-docx rejects a package, it reads it again with its broken parts repaired or left
out, and failing that the parts are read straight from the ZIP; either way the file is reported
as partly read.
"""

from __future__ import annotations

import fnmatch
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from indexer.extract import ooxml, opc
from indexer.extract.base import Extracted, Limits, Segment
from indexer.extract.common import finish, quiet_libraries

# Elements whose text is not the document's: alternative renderings (a text box appears once
# as DrawingML, once as its VML fallback), formatting, deleted text, field codes, phonetic
# guides over the base text.
_SKIPPED = {"Fallback", "pPr", "rPr", "sectPr", "delText", "instrText", "rt", "del"}
# Related parts whose text belongs to the document, by the end of their relationship type.
_WORD_PARTS = ("/header", "/footer", "/footnotes", "/endnotes", "/comments")
_DRAWING_PARTS = ("/diagramData", "/chart")
# Imported content Word renders in place; only the HTML kind is read (MHT and RTF are not).
_ALT_CHUNK = "/aFChunk"
# Parts read when python-docx refuses the package.
_FALLBACK_PARTS = (
    "word/document*.xml",
    "word/header*.xml",
    "word/footer*.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/comments.xml",
)
_HEADING_STYLES = ("heading", "title")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PARSED_BY_PYTHON_DOCX = {
    "application/vnd.openxmlformats-package.core-properties+xml",
    f"{_WML}.comments+xml",
    f"{_WML}.footer+xml",
    f"{_WML}.header+xml",
    f"{_WML}.numbering+xml",
    f"{_WML}.settings+xml",
}
_DOCUMENT_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_PARTS_ALONE = "its package structure is broken; the text of its parts was read without it"
_CELL_SEPARATOR = " | "


# Main-part content types python-docx's `Document()` refuses although their parts are a Word
# document's: macro-enabled documents and templates.
_MAIN_CONTENT_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def extract(path: Path, limits: Limits) -> Extracted:
    with ooxml.open_package(path, limits) as package:
        properties = ooxml.core_properties(package.zip)
        with quiet_libraries("docx"):
            lines, heading, problems = _read(package)
    return finish(
        [Segment("\n".join(lines))],
        limits,
        title=properties.title,
        first_heading=heading,
        keyword_strings=properties.keyword_strings,
        author=properties.author,
        partly_read=problems,
    )


def open_document(source: str | IO[bytes]) -> Any:
    """A python-docx document of any Word package kind (macro-enabled and templates too)."""
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    return ooxml.open_main_part(
        source,
        package=Package,
        factory=PartFactory,
        part_class=DocumentPart,
        content_types=_MAIN_CONTENT_TYPES,
        kind="Word",
    ).document


def _read(package: ooxml.Package) -> tuple[list[str], str, list[str]]:
    try:
        lines, heading = _read_light(opc.LightPackage(package.zip))
        return lines, heading, list(package.unread)
    except opc.Unusual:
        pass  # python-docx reads it, and reports what is wrong with it
    try:
        lines, heading = _read_with_python_docx(package.reopened())
        return lines, heading, list(package.unread)
    except _library_errors() as exc:
        error = exc
    with ooxml.repacked(package.zip, repair=True) as repaired:
        if repaired.unread:
            try:
                lines, heading = _read_with_python_docx(repaired.source)
                return lines, heading, list(repaired.unread)
            except _library_errors():
                pass
        lines, heading = _read_parts(repaired.zip, error)
        return lines, heading, [*repaired.unread, _PARTS_ALONE]


def _library_errors() -> tuple[type[Exception], ...]:
    """What python-docx raises for a package it cannot make sense of."""
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    return (
        OpcError,
        LxmlError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        *ooxml.MEMBER_ERRORS,
    )


def _read_with_python_docx(source: str | IO[bytes]) -> tuple[list[str], str]:
    document = open_document(source)
    body = document.element.body
    lines = list(_block_lines(body))
    for part in _related_parts(document.part):
        lines.extend(part)
    heading = _first_heading(body, set()) or _first_heading(body, _heading_style_ids(document))
    return lines, heading


def _read_light(package: opc.LightPackage) -> tuple[list[str], str]:
    """What `_read_with_python_docx` reads, from the package's parts directly."""
    main = package.main_part
    content_type = package.content_type(main)
    if content_type not in (_DOCUMENT_CONTENT_TYPE, *_MAIN_CONTENT_TYPES):
        raise opc.Unusual(f"main part {content_type}")
    body = opc.parse_like_the_library(package.blob(main)).find(f"{_W}body")
    if body is None:
        raise opc.Unusual("no body")
    for part in package.parts:
        # The parts python-docx parses when it opens a package (all but the styles, whose
        # 350 KB are most of the cost): one that is not XML makes the package partly read.
        if package.content_type(part) in _PARSED_BY_PYTHON_DOCX:
            opc.parse_like_the_library(package.blob(part))
    lines = list(_block_lines(body))
    seen: set[str] = set()
    for relationship in package.relationships(main):
        if relationship.is_external or relationship.target in seen:
            continue
        seen.add(relationship.target)
        reltype = relationship.reltype
        if reltype.endswith(_WORD_PARTS):
            root = ooxml.parse_xml(package.blob(relationship.target))
            if root is None:
                raise opc.Unusual(f"{relationship.target} is not XML")
            lines.extend(_block_lines(root))
        elif reltype.endswith(_DRAWING_PARTS):
            lines.extend(ooxml.xml_texts(package.blob(relationship.target)))
        elif reltype.endswith(_ALT_CHUNK):
            if package.content_type(relationship.target) == "text/html":
                lines.extend(_html_lines(package.blob(relationship.target)))
    heading = _first_heading(body, set()) or _first_heading(body, _light_heading_ids(package))
    return lines, heading


def _light_heading_ids(package: opc.LightPackage) -> set[str]:
    """`_heading_style_ids` from the styles part itself (python-docx's style names differ from
    the part's only in case, which the comparison ignores)."""
    styles = [r for r in package.relationships(package.main_part) if r.reltype == _STYLES]
    if len(styles) != 1 or styles[0].is_external:
        raise opc.Unusual("no styles part of its own")  # python-docx makes up default styles
    root = opc.parse_like_the_library(package.blob(styles[0].target))
    found: set[str] = set()
    for style in root.iterchildren(f"{_W}style"):
        name = style.find(f"{_W}name")
        value = name.get(f"{_W}val") if name is not None else None
        style_id = style.get(f"{_W}styleId")
        if value and value.lower().startswith(_HEADING_STYLES) and style_id is not None:
            found.add(style_id)
    return found


def _read_parts(package: zipfile.ZipFile, error: Exception) -> tuple[list[str], str]:
    """The text parts read directly from the ZIP, for a package python-docx will not open."""
    names = [n for n in package.namelist() if any(fnmatch.fnmatch(n, p) for p in _FALLBACK_PARTS)]
    if not names:
        raise error
    lines: list[str] = []
    for name in names:
        root = ooxml.parse_xml(ooxml.read_part(package, name))
        if root is not None:
            lines.extend(_block_lines(root))
    return lines, ""


def _related_parts(document_part: Any) -> Iterator[list[str]]:
    seen: set[str] = set()
    for relationship in list(document_part.rels.values()):
        if relationship.is_external:
            continue
        part = relationship.target_part
        if str(part.partname) in seen:
            continue
        seen.add(str(part.partname))
        if relationship.reltype.endswith(_WORD_PARTS):
            root = ooxml.parse_xml(part.blob)
            if root is not None:  # one malformed header costs its own text only
                yield list(_block_lines(root))
        elif relationship.reltype.endswith(_DRAWING_PARTS):
            yield ooxml.xml_texts(part.blob)
        elif relationship.reltype.endswith(_ALT_CHUNK) and part.content_type == "text/html":
            yield _html_lines(part.blob)


def _html_lines(blob: bytes) -> list[str]:
    from indexer.extract import html

    root = html.parse_html(html.decode_html(blob))
    return html.visible_text(root).splitlines() if root is not None else []


def _block_lines(element: Any) -> Iterator[str]:
    """Lines of a body, cell, header or note container: a paragraph or a table row each."""
    for child in element:
        name = _local_name(child.tag)
        if not name or name in _SKIPPED:
            continue
        if name == "p":
            yield _paragraph_text(child)
        elif name == "tbl":
            yield from _table_lines(child)
        else:  # content controls, custom XML, footnote wrappers: look inside
            yield from _block_lines(child)


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.iterchildren("{*}tr"):
        cells = (" ".join(_block_lines(cell)).strip() for cell in row.iterchildren("{*}tc"))
        yield _CELL_SEPARATOR.join(c for c in cells if c)


def _paragraph_text(paragraph: Any) -> str:
    return "".join(_run_texts(paragraph))


def _run_texts(element: Any) -> Iterator[str]:
    for child in element:
        name = _local_name(child.tag)
        if not name or name in _SKIPPED:
            continue
        if name == "t":
            yield child.text or ""
        elif name == "tab":
            yield "\t"
        elif name in ("br", "cr"):
            yield "\n"
        elif name == "p":  # a paragraph in a text box inside this one: a line of its own
            yield "\n"
            yield from _run_texts(child)
            yield "\n"
        else:
            yield from _run_texts(child)


def _heading_style_ids(document: Any) -> set[str]:
    """Ids of styles named like headings, for documents whose style ids are not ('Überschrift
    1' has the id 'berschrift1'). Reading the styles is slow, so only asked for when the ids
    alone found no heading."""
    try:
        styles = list(document.styles)
    except (KeyError, ValueError, AttributeError):
        return set()
    return {
        style.style_id
        for style in styles
        if style.name and style.name.lower().startswith(_HEADING_STYLES)
    }


def _first_heading(body: Any, heading_styles: set[str]) -> str:
    for paragraph in body.iterchildren("{*}p"):
        style = paragraph.find("{*}pPr/{*}pStyle")
        style_id = _attribute(style, "val") if style is not None else ""
        if style_id in heading_styles or style_id.lower().startswith(_HEADING_STYLES):
            text = _paragraph_text(paragraph).strip()
            if text:
                return text
    return ""


def _attribute(element: Any, local: str) -> str:
    for key, value in element.attrib.items():
        if _local_name(key) == local:
            return str(value)
    return ""


def _local_name(tag: object) -> str:
    # Comments and processing instructions have a function, not a string, as their tag.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
