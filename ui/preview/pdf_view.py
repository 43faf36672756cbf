"""The PDF view of the preview: the page in a scroll area, fit to the pane's width unless the
rep zooms, with page navigation. Pages are rendered on a pool thread (`render_page`); the
newest request wins, so paging fast or dragging the pane's edge never queues renders."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.preview.marks import Marks
from ui.preview.pager import Pager, tool_button
from ui.preview.pdf_page import PdfPage, render_page
from ui.tasks import Op

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.5, 4.0
RESIZE_SETTLE_MS = 120  # a dragged splitter sends many resizes: render once it rests


class PdfView(QWidget):
    failed = Signal(str)  # why the PDF cannot be shown: the pane falls back to the snippet

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("previewPdf")
        self.path = ""
        self.marks = Marks(())
        self.number, self.pages = 1, 1
        self.zoom = 1.0  # of the fitted width; 1.0 is fit-to-width
        self.page: PdfPage | None = None
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pager = Pager("Page", "pdfPager")
        self.pager.moved.connect(self.go_to)
        self.zoom_out = tool_button("−", "Zoom out", "pdfZoomOut")
        self.fit = tool_button("Fit width", "Fit the page to the pane's width", "pdfFit")
        self.zoom_in = tool_button("+", "Zoom in", "pdfZoomIn")
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.fit.clicked.connect(lambda: self.set_zoom(1.0))
        self.pager.extra.addStretch(1)
        for widget in (self.zoom_out, self.fit, self.zoom_in):
            self.pager.extra.addWidget(widget)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("pdfScroll")
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.picture = QLabel("Rendering the page…")
        self.picture.setObjectName("previewThumbnail")
        self.picture.setAccessibleName("Page preview")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.picture)
        self.scroll.viewport().installEventFilter(self)  # Ctrl+wheel zooms, as in viewers
        layout.addWidget(self.pager)
        layout.addWidget(self.scroll, 1)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(RESIZE_SETTLE_MS)
        self._settle.timeout.connect(self._refit)

    def show_document(self, path: str, number: int | None, marks: Marks) -> None:
        self.path, self.marks = path, marks
        self.number, self.zoom, self.page = number or 1, 1.0, None
        self.picture.setPixmap(QPixmap())
        self.picture.setText("Rendering the page…")
        self.picture.adjustSize()
        self.pager.set_position(self.number, max(self.pages, self.number))
        self._update_zoom_label()
        self._render()

    def retarget(self, number: int | None, marks: Marks) -> None:
        """The same PDF with a fresher result's page and words, at the rep's zoom."""
        self.number, self.marks = number or 1, marks
        self._render()

    def go_to(self, number: int) -> None:
        self.number = number
        self._render()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self._update_zoom_label()
        self._render()

    def fitted_width(self) -> int:
        """The page's width at fit-to-width: the scroll area's inside, less room for the
        vertical scroll bar, so a fitted page never needs a horizontal one."""
        frame = self.scroll.frameWidth() * 2
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        return max(self.scroll.width() - frame - bar - 2, 100)

    def _render(self) -> None:
        self._generation += 1
        generation = self._generation
        ratio = self.devicePixelRatioF()
        width = round(self.fitted_width() * self.zoom * ratio)
        Op(render_page, self.path, self.number, width, self.marks).purpose("pdf page").success(
            lambda page: self._show(generation, page, ratio)
        ).failure(lambda message: self._failed(generation, message)).run(self)

    def _show(self, generation: int, page: PdfPage, ratio: float) -> None:
        if generation != self._generation:
            return
        self.page, self.number, self.pages = page, page.number, page.pages
        pixmap = QPixmap.fromImage(page.image)
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        self.picture.resize(pixmap.deviceIndependentSize().toSize())
        self.pager.set_position(page.number, page.pages)
        self.pager.label.setToolTip(_marked_note(page))
        if page.highlights and self.zoom == 1.0:
            self._scroll_to_first(page, ratio)

    def _scroll_to_first(self, page: PdfPage, ratio: float) -> None:
        _, y, _, h = page.highlights[0]
        self.scroll.ensureVisible(0, round((y + h / 2) / ratio), 0, self.scroll.height() // 3)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)

    def _update_zoom_label(self) -> None:
        self.fit.setText("Fit width" if self.zoom == 1.0 else f"{self.zoom:.0%}")
        self.zoom_out.setEnabled(self.zoom > MIN_ZOOM)
        self.zoom_in.setEnabled(self.zoom < MAX_ZOOM)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            step = ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP
            self.set_zoom(self.zoom * step)
            return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.path and event.size().width() != event.oldSize().width():
            self._settle.start()

    def _refit(self) -> None:
        ratio = self.devicePixelRatioF()
        wanted = round(self.fitted_width() * self.zoom * ratio)
        if self.page is None or abs(self.page.width - wanted) > 2:
            self._render()


def _marked_note(page: PdfPage) -> str:
    count = len(page.highlights)
    return f"{count} matching words highlighted on this page" if count else "No matches here"
