"""One page of a PDF as a picture, with the matched words highlighted: rendered with pdfium
on a pool thread (see pyproject.toml for why not QtPdf). pdfium says where each character
stands, so the words `Marks` finds in the page's text are painted over where they are."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from ui.preview.errors import PreviewError
from ui.preview.marks import Marks

_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one document at a time
MAX_PIXELS = 24_000_000  # a zoomed poster page stays a few tens of MB
HIGHLIGHT = QColor(255, 214, 0)  # multiplied over the page: a highlighter pen's yellow
OUTLINE = QColor(230, 140, 0)  # and a thin edge, for words on a dark table row
_PAD = 1


@dataclass(frozen=True)
class PdfPage:
    """A rendered page: `number` of `pages` (1-based), its picture `width` pixels wide, and
    the highlighted rectangles (x, y, width, height) in the picture's pixels."""

    path: str
    number: int
    pages: int
    image: QImage
    highlights: tuple[tuple[int, int, int, int], ...]

    @property
    def width(self) -> int:
        return self.image.width()


def render_page(path: str, number: int | None, width: int, marks: Marks) -> PdfPage:
    """Page `number` (the first when None or past the end) `width` pixels wide. Runs on a pool
    thread; raises PreviewError for a PDF that cannot be shown."""
    with _PDFIUM:
        return _render(path, number, max(width, 50), marks)


def _render(path: str, number: int | None, width: int, marks: Marks) -> PdfPage:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise PreviewError(_open_reason(str(exc))) from exc
    try:
        pages = len(document)
        if pages == 0:
            raise PreviewError("the PDF has no pages")
        index = max(0, min((number or 1) - 1, pages - 1))
        page = document[index]
        page_width, page_height = page.get_size()
        if page_width <= 0 or page_height <= 0:
            raise PreviewError("the page has no size")
        scale = width / page_width
        if width * page_height * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (page_width * page_height)) ** 0.5
        bitmap = page.render(scale=scale, rev_byteorder=True)
        image = _image(bitmap)
        rects = _highlights(page, bitmap, marks)
        _paint(image, rects)
        return PdfPage(path, index + 1, pages, image, rects)
    except pdfium.PdfiumError as exc:
        raise PreviewError(f"the page could not be drawn ({exc})") from exc
    finally:
        document.close()


def _open_reason(message: str) -> str:
    if "password" in message.lower():
        return "the PDF needs a password to open"
    return "the PDF is damaged (pdfium could not open it)"


def _image(bitmap: object) -> QImage:
    channels = bitmap.n_channels  # type: ignore[attr-defined]
    kind = QImage.Format.Format_RGBA8888 if channels == 4 else QImage.Format.Format_RGB888
    image = QImage(
        bytes(bitmap.buffer),  # type: ignore[attr-defined]
        bitmap.width,  # type: ignore[attr-defined]
        bitmap.height,  # type: ignore[attr-defined]
        bitmap.stride,  # type: ignore[attr-defined]
        kind,
    )
    # Its own pixels (the buffer goes with the document), in a format QPainter is fast on.
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _highlights(
    page: object, bitmap: object, marks: Marks
) -> tuple[tuple[int, int, int, int], ...]:
    """Where the marked words stand on the page, in the bitmap's pixels."""
    import pypdfium2.raw as raw

    if not marks.words:
        return ()
    text_page = page.get_textpage()  # type: ignore[attr-defined]
    try:
        text = text_page.get_text_range()
        convert = bitmap.get_posconv(page)  # type: ignore[attr-defined]
        found: list[tuple[int, int, int, int]] = []
        for start, end in marks.spans(text):
            first = raw.FPDFText_GetCharIndexFromTextIndex(text_page.raw, start)
            last = raw.FPDFText_GetCharIndexFromTextIndex(text_page.raw, end - 1)
            if first < 0 or last < first:
                continue
            for i in range(text_page.count_rects(first, last - first + 1)):
                left, bottom, right, top = text_page.get_rect(i)
                x0, y0 = convert.to_bitmap(left, top)
                x1, y1 = convert.to_bitmap(right, bottom)
                x, y = min(x0, x1) - _PAD, min(y0, y1) - _PAD
                found.append((x, y, abs(x1 - x0) + 2 * _PAD, abs(y1 - y0) + 2 * _PAD))
        return tuple(found)
    finally:
        text_page.close()


def _paint(image: QImage, rects: tuple[tuple[int, int, int, int], ...]) -> None:
    if not rects:
        return
    painter = QPainter(image)
    try:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for x, y, w, h in rects:
            painter.fillRect(QRect(x, y, w, h), HIGHLIGHT)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.setPen(OUTLINE)
        for x, y, w, h in rects:
            painter.drawRect(QRect(x, y, w - 1, h - 1))
    finally:
        painter.end()
