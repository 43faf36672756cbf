"""A Word document read for the preview: its headings, paragraphs, lists and tables in order
as simple HTML (headings as headings, bold and italic kept), then marked and cut to the part
around the snippet's passage by `rich_text.finish`. Runs on a pool thread."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import Any

from PySide6.QtGui import QTextDocument

from ui.preview.errors import PreviewError, check_package
from ui.preview.marks import Marks
from ui.preview.rich_text import RichText, finish

MAX_BLOCKS = 4000  # paragraphs and tables read; a 300-page manual stops there
MAX_TABLE_ROWS = 60
_HEADING_LEVELS = {"title": 1, "subtitle": 2}


def read_docx(path: str, marks: Marks, passage: str = "") -> RichText:
    from indexer.extract.docx import open_document  # templates too

    check_package(path)
    if path.lower().endswith((".docm", ".dotm")):
        raise PreviewError("macro-enabled documents are shown as their text only")
    try:
        document = open_document(path)
        html = "".join(_blocks(document))
    except _library_errors() as exc:
        raise PreviewError(f"the document looks damaged ({type(exc).__name__})") from exc
    if not html:
        raise PreviewError("the document has no body paragraphs to lay out")
    text = QTextDocument()
    text.setHtml(f"<body>{html}</body>")
    return finish(text, marks, passage)


def _library_errors() -> tuple[type[Exception], ...]:
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    return (OpcError, LxmlError, ValueError, KeyError, TypeError, AttributeError, IndexError)


def _blocks(document: Any) -> Iterator[str]:
    from docx.table import Table

    for count, block in enumerate(document.iter_inner_content()):
        if count >= MAX_BLOCKS:
            return
        if isinstance(block, Table):
            yield _table(block)
        else:
            yield _paragraph(block)


def _paragraph(paragraph: Any) -> str:
    inner = "".join(_runs(paragraph))
    if not inner.strip():
        return ""
    style = _style_name(paragraph).lower()
    level = _heading_level(style)
    if level:
        return f"<h{level}>{inner}</h{level}>"
    if "list" in style or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return f"<ul><li>{inner}</li></ul>"
    return f"<p>{inner}</p>"


def _style_name(paragraph: Any) -> str:
    try:
        style = paragraph.style
    except (KeyError, ValueError, AttributeError):
        return ""
    return str(style.name or "") if style is not None else ""


def _heading_level(style: str) -> int:
    if style in _HEADING_LEVELS:
        return _HEADING_LEVELS[style]
    if style.startswith("heading"):
        digits = "".join(c for c in style if c.isdigit())
        return min(int(digits), 6) if digits else 2
    return 0


def _runs(paragraph: Any) -> Iterator[str]:
    for run in paragraph.runs:
        text = escape(run.text).replace("\n", "<br>").replace("\t", " ")
        if not text:
            continue
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.underline:
            text = f"<u>{text}</u>"
        yield text


def _table(table: Any) -> str:
    rows = []
    for index, row in enumerate(table.rows):
        if index >= MAX_TABLE_ROWS:
            break
        cells = "".join(f"<td>{escape(' '.join(cell.text.split()))}</td>" for cell in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    return "<table border='1' cellspacing='0' cellpadding='4'>" + "".join(rows) + "</table>"
