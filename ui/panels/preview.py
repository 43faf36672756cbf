"""The preview of the selected asset: a rendered page for PDFs (the page that matched best),
the passage around the matches for everything else, its tags, owner and dates, the buttons
that act on it, a handle to drag it into an email, and similar content."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDrag, QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from contentfinder.library.formats import kind_named
from contentfinder.search.session import Hit, SimilarAsset
from ui.controllers.actions import file_mime_data
from ui.tasks import Op

THUMBNAIL_WIDTH = 340
_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one render at a time


class PreviewPane(QWidget):
    open_requested = Signal(object)  # Hit
    folder_requested = Signal(object)
    copy_requested = Signal(object)
    favorite_requested = Signal(object)
    dragged = Signal(object)  # Hit dragged out of the preview
    similar_chosen = Signal(str)  # asset id

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("previewPane")
        self.setAccessibleName("Preview")
        self.setMinimumWidth(300)
        self.hit: Hit | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("previewTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setObjectName("previewMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        self.open_button = self._button(
            "previewOpen", "Open", "Open the asset (Enter)", self.open_requested
        )
        self.folder_button = self._button(
            "previewShowInFolder", "Show in folder", "Show in folder", self.folder_requested
        )
        self.copy_button = self._button(
            "previewCopy",
            "Copy",
            "Copy the file, to paste into an email (Ctrl+C)",
            self.copy_requested,
        )
        self.favorite_button = self._button(
            "previewFavorite", "☆ Favorite", "Add to My kit (Ctrl+D)", self.favorite_requested
        )
        for button in (
            self.open_button,
            self.folder_button,
            self.copy_button,
            self.favorite_button,
        ):
            buttons.addWidget(button)
        self.drag_handle = DragHandle(self)
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("previewThumbnail")
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setAccessibleName("Page preview")
        self.passage = QTextBrowser()
        self.passage.setObjectName("previewText")
        self.passage.setAccessibleName("Text around the matches")
        self.passage.setOpenLinks(False)
        self.similar = QListWidget()
        self.similar.setObjectName("similarContent")
        self.similar.setAccessibleName("Similar content")
        self.similar.setMaximumHeight(150)
        self.similar.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.similar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.similar.itemActivated.connect(
            lambda item: self.similar_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.similar_label = QLabel("Similar content")
        for fixed in (self.title, self.meta, self.drag_handle, self.similar_label):
            fixed.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(buttons)
        layout.addWidget(self.drag_handle)
        layout.addWidget(self.thumbnail, 3)
        layout.addWidget(self.passage, 2)
        layout.addWidget(self.similar_label)
        layout.addWidget(self.similar)
        layout.addStretch(0)
        self.clear()

    def _button(self, name: str, text: str, tip: str, signal: Signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.hit is not None and signal.emit(self.hit))
        return button

    def clear(self) -> None:
        self.hit = None
        self.title.setText("Nothing selected")
        self.meta.setText("Pick a result to see it here.")
        self.thumbnail.clear()
        self.thumbnail.hide()
        self.passage.clear()
        self.passage.hide()
        self.similar.clear()
        self.similar_label.hide()
        self.similar.hide()
        self.drag_handle.hide()
        for button in (
            self.open_button,
            self.folder_button,
            self.copy_button,
            self.favorite_button,
        ):
            button.setEnabled(False)

    def show_hit(self, hit: Hit, *, favorite: bool) -> None:
        self.hit = hit
        self.title.setText(hit.title)
        self.meta.setText(_meta_html(hit))
        self.set_favorite(favorite)
        for button in (
            self.open_button,
            self.folder_button,
            self.copy_button,
            self.favorite_button,
        ):
            button.setEnabled(True)
        self.drag_handle.show()
        self.similar.clear()
        self.similar_label.hide()
        self.similar.hide()
        where = kind_named(hit.kind).location_word
        location = f"<p><i>{where} {hit.location}</i></p>" if hit.location else ""
        self.passage.setHtml(location + (hit.snippet or "<i>No text to show.</i>"))
        self.passage.setMaximumHeight(16_777_215)  # a PDF's page may have made it small
        self.passage.show()
        self.thumbnail.hide()
        if hit.format == "PDF":
            # The newest selection wins: a rep arrowing down the list starts many renders.
            Op(render_pdf_page, hit.path, hit.location).purpose("page").success(
                lambda image, asset_id=hit.id: self._show_render(asset_id, image)
            ).run(self)

    def set_favorite(self, favorite: bool) -> None:
        self.favorite_button.setText("★ Favorite" if favorite else "☆ Favorite")
        self.favorite_button.setAccessibleName(
            "Remove from My kit (Ctrl+D)" if favorite else "Add to My kit (Ctrl+D)"
        )

    def set_similar(self, asset_id: str, similar: list[SimilarAsset]) -> None:
        if self.hit is None or self.hit.id != asset_id:
            return  # the rep has moved on
        self.similar.clear()
        for like in similar:
            item = QListWidgetItem(like.hit.title)
            item.setData(Qt.ItemDataRole.UserRole, like.hit.id)
            item.setToolTip(like.explain())
            self.similar.addItem(item)
        self.similar_label.setVisible(bool(similar))
        self.similar.setVisible(bool(similar))

    def _show_render(self, asset_id: str, image: QImage) -> None:
        if self.hit is None or self.hit.id != asset_id or image.isNull():
            return
        self.thumbnail.setPixmap(QPixmap.fromImage(image))
        self.thumbnail.show()
        self.passage.setMaximumHeight(140)


class DragHandle(QLabel):
    """'Drag into an email': a rep drags the file from here into any app that takes files."""

    def __init__(self, pane: PreviewPane) -> None:
        super().__init__("⠿ Drag this file into an email or a chat")
        self.setObjectName("dragHandle")
        self.setAccessibleName("Drag the file")
        self.pane = pane
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setStyleSheet("QLabel { border: 1px dashed palette(mid); padding: 6px; }")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.pane.hit
        if hit is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self.pane.dragged.emit(hit)
        drag = QDrag(self)
        drag.setMimeData(file_mime_data([hit.path]))
        drag.exec(Qt.DropAction.CopyAction)


def render_pdf_page(path: str, page_number: int | None, width: int = THUMBNAIL_WIDTH) -> QImage:
    """The page of a PDF the snippet is on, on a pool thread (with pdfium: see pyproject.toml
    for why not QtPdf). A PDF that cannot be rendered (encrypted, damaged) simply has no
    picture; its text is shown as for any other asset."""
    with _PDFIUM:
        return _render(path, page_number, width)


def _render(path: str, page_number: int | None, width: int) -> QImage:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError):
        return QImage()
    try:
        index = max(0, min((page_number or 1) - 1, len(document) - 1))
        page = document[index]
        page_width, _ = page.get_size()
        if page_width <= 0:
            return QImage()
        bitmap = page.render(scale=width / page_width, rev_byteorder=True)
        kind = (
            QImage.Format.Format_RGBA8888
            if bitmap.n_channels == 4
            else (QImage.Format.Format_RGB888)
        )
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, kind)
        return image.copy()  # its own pixels: the buffer goes with the document
    except pdfium.PdfiumError:
        return QImage()
    finally:
        document.close()


def _meta_html(hit: Hit) -> str:
    from html import escape

    rows = [
        f"<b>{escape(facet)}</b>: {escape(', '.join(values))}" for facet, values in hit.tags.items()
    ]
    if hit.owner:
        rows.append(f"<b>owner</b>: {escape(hit.owner)}")
    if hit.modified:  # from the index: the library may be a slow share, never asked here
        rows.append(f"<b>modified</b>: {hit.modified}")
    if hit.expires:
        state = " (expired)" if hit.expired else " (soon)" if hit.expiring_soon else ""
        rows.append(f"<b>expires</b>: {escape(hit.expires)}{state}")
    rows.append(f"<span style='color:gray'>{escape(hit.id)}</span>")
    return "<br>".join(rows)
