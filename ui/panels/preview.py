"""The preview of the selected asset: its title, tags, owner and dates, the buttons that act
on it, a handle to drag it into an email, similar content, and the asset itself as the rep
would want to see it (`ui.preview`): the matching PDF page with the words highlighted, the
matching slide laid out as a slide, a Word document's headings and paragraphs around the
match, a sheet's grid, Markdown and HTML rendered. Until the file is read (on a pool thread),
and whenever it cannot be, the snippet stands in, with the reason in one line."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDrag, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from contentfinder.library.formats import kind_named
from contentfinder.search.results import Hit, SimilarAsset
from ui.controllers.actions import file_mime_data
from ui.preview.marks import marks_of, snippet_text
from ui.preview.pdf_view import PdfView
from ui.preview.reader import PreviewRequest, Unavailable, has_reader, read_preview
from ui.preview.sheet import SheetGrid
from ui.preview.sheet_view import SheetView
from ui.preview.slide_view import SlideView
from ui.preview.slides import Deck
from ui.preview.text_view import RichTextView
from ui.tasks import Op, busy

SIMILAR_HEIGHT = 110
REST_MS = 150  # the selection rests this long before the file is read
SMALL_SIMILAR_HEIGHT = 64  # about three titles, when the window is short
SHORT_PANE = 620  # below this height the asset itself needs the room more than Similar
HEADER_SHARE = 0.3  # of the pane's height, at most, for the title and the tags
HEADER_LEAST = 64


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
        self.setMinimumWidth(280)
        self._hit: Hit | None = None
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
        self.button_grid = QGridLayout()
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
        self._buttons_in_rows(1)
        self.drag_handle = DragHandle(self)
        self.reason = QLabel()
        self.reason.setObjectName("previewReason")
        self.reason.setWordWrap(True)
        self.passage = QTextBrowser()
        self.passage.setObjectName("previewText")
        self.passage.setAccessibleName("Text around the matches")
        self.passage.setOpenLinks(False)
        self.pdf = PdfView()
        self.pdf.failed.connect(self._unavailable_pdf)
        self.thumbnail = self.pdf.picture  # objectName previewThumbnail
        self.slides = SlideView()
        self.document = RichTextView()
        self.sheet = SheetView()
        self.sheet.sheet_wanted.connect(self._read_sheet)
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(REST_MS)
        self._rest.timeout.connect(self._load)
        self._refreshing = False
        self.views = QStackedWidget()
        self.views.setObjectName("previewViews")
        for view in (self.passage, self.pdf, self.slides, self.document, self.sheet):
            self.views.addWidget(view)
        self.similar = QListWidget()
        self.similar.setObjectName("similarContent")
        self.similar.setAccessibleName("Similar content")
        self.similar.setMaximumHeight(SIMILAR_HEIGHT)
        self.similar.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.similar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for chosen in (self.similar.itemActivated, self.similar.itemClicked):  # as in My kit
            chosen.connect(
                lambda item: self.similar_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
            )
        self.similar_label = QLabel("Similar content")
        for fixed in (self.drag_handle, self.similar_label, self.reason):
            fixed.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # The title and the tags scroll in a box of their own when the window is short, so
        # that neither is squeezed into a cut line and the asset keeps most of the height.
        header = QWidget()
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.addWidget(self.title)
        header_layout.addWidget(self.meta)
        self.header = QScrollArea()
        self.header.setObjectName("previewHeader")
        self.header.setWidget(header)
        self.header.setWidgetResizable(True)
        self.header.setFrameShape(QFrame.Shape.NoFrame)
        self.header.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.header)
        layout.addLayout(self.button_grid)
        layout.addWidget(self.drag_handle)
        layout.addWidget(self.reason)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.similar_label)
        layout.addWidget(self.similar)
        layout.addStretch(0)  # with nothing to show, the title and buttons stay at the top
        self.clear()

    @property
    def hit(self) -> Hit | None:
        return self._hit

    @hit.setter
    def hit(self, hit: Hit | None) -> None:
        """The selection swaps in a fresher result of the same asset when the query changes
        (selection.py): its page, slide or sheet and its words may differ, and the row and the
        preview must show the same place."""
        previous, self._hit = self._hit, hit
        if hit is not None and previous is not None and hit.id == previous.id:
            if (hit.location, hit.snippet) != (previous.location, previous.snippet):
                self._show_content(hit, refresh=True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        short = event.size().height() < SHORT_PANE
        self.similar.setMaximumHeight(SMALL_SIMILAR_HEIGHT if short else SIMILAR_HEIGHT)
        self._fit_header()
        wanted = sum(b.sizeHint().width() for b in self._buttons()) + 3 * 6
        self._buttons_in_rows(1 if wanted <= event.size().width() - 20 else 2)

    def _fit_header(self) -> None:
        """The title and tags whole, scrolling when they would take more than their share of
        a short pane (a scroll area would otherwise squeeze them into cut lines)."""
        inner = self.header.widget()
        needed = inner.layout().heightForWidth(max(1, self.header.viewport().width()))
        inner.setMinimumHeight(needed)
        most = max(HEADER_LEAST, int(self.height() * HEADER_SHARE))
        self.header.setFixedHeight(min(most, needed + 2))

    def _buttons_in_rows(self, rows: int) -> None:
        """The four buttons in a row, or two rows of two where the pane is too narrow for
        'Show in folder' to be read whole."""
        if rows == getattr(self, "_button_rows", None):
            return
        self._button_rows = rows
        per_row = 4 // rows
        for place, button in enumerate(self._buttons()):
            self.button_grid.addWidget(button, place // per_row, place % per_row)

    def _button(self, name: str, text: str, tip: str, signal: Signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.hit is not None and signal.emit(self.hit))
        return button

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.open_button, self.folder_button, self.copy_button, self.favorite_button)

    def clear(self) -> None:
        self.hit = None
        self._rest.stop()
        self.title.setText("Nothing selected")
        self.meta.setText("Pick a result to see it here.")
        self._fit_header()
        self.passage.clear()
        self.views.setCurrentWidget(self.passage)
        self.views.hide()
        self.reason.hide()
        self.similar.clear()
        self.similar_label.hide()
        self.similar.hide()
        self.drag_handle.hide()
        for button in self._buttons():
            button.setEnabled(False)

    def show_hit(self, hit: Hit, *, favorite: bool) -> None:
        self._hit = hit
        self.title.setText(hit.title)
        self.meta.setText(_meta_html(hit))
        self._fit_header()
        self.set_favorite(favorite)
        for button in self._buttons():
            button.setEnabled(True)
        self.drag_handle.show()
        self.similar.clear()
        self.similar_label.hide()
        self.similar.hide()
        self.views.show()
        self._show_content(hit)

    def _show_content(self, hit: Hit, *, refresh: bool = False) -> None:
        """The asset itself: the snippet at once, the rich view once the selection has rested
        (a rep typing or arrowing down the list would start a read at every step) and its
        reader is done. A refresh keeps the rich view up until the new one is ready."""
        self.reason.hide()
        self._show_snippet(hit, switch=not refresh or self.views.currentWidget() is self.passage)
        self._refreshing = refresh
        self._rest.start()

    def pending(self) -> bool:
        """Whether a rich view is still on its way (tests, screenshots)."""
        return self._rest.isActive() or busy(self) or busy(self.pdf)

    def _load(self) -> None:
        hit = self._hit
        if hit is None:
            return
        marks = marks_of(hit)
        if hit.format == "PDF":
            same = self._refreshing and self.pdf.path == hit.path
            if same and self.views.currentWidget() is self.pdf:
                self.pdf.retarget(hit.location, marks)  # keeps the rep's zoom
            else:
                self.views.setCurrentWidget(self.pdf)
                self.pdf.show_document(hit.path, hit.location, marks)
        elif has_reader(hit.path):
            # The newest selection wins: a read overtaken by a newer one is dropped.
            request = PreviewRequest(hit.path, hit.location, marks, snippet_text(hit))
            Op(read_preview, request).purpose("preview").success(
                lambda preview, asset_id=hit.id: self._show_preview(asset_id, preview)
            ).run(self)

    def _show_snippet(self, hit: Hit, *, switch: bool = True) -> None:
        where = kind_named(hit.kind).location_word
        location = f"<p><i>{where} {hit.location}</i></p>" if hit.location else ""
        self.passage.setHtml(location + (hit.snippet or "<i>No text to show.</i>"))
        if switch:
            self.views.setCurrentWidget(self.passage)

    def _show_preview(self, asset_id: str, preview: object) -> None:
        if self.hit is None or self.hit.id != asset_id:
            return  # the rep has moved on
        marks = marks_of(self.hit)
        if isinstance(preview, Unavailable):
            self._unavailable(preview.reason)
        elif isinstance(preview, Deck):
            self.slides.show_deck(preview, marks)
            self.views.setCurrentWidget(self.slides)
        elif isinstance(preview, SheetGrid):
            self.sheet.show_grid(preview)
            self.views.setCurrentWidget(self.sheet)
        else:
            self.document.show_text(preview)  # type: ignore[arg-type]
            self.views.setCurrentWidget(self.document)

    def _read_sheet(self, number: int) -> None:
        hit = self.hit
        if hit is None:
            return
        request = PreviewRequest(hit.path, number, marks_of(hit), "")
        Op(read_preview, request).purpose("preview").success(
            lambda preview, asset_id=hit.id: self._show_preview(asset_id, preview)
        ).run(self)

    def _unavailable_pdf(self, reason: str) -> None:
        if self.hit is not None:
            self._show_snippet(self.hit)
            self._unavailable(reason)

    def _unavailable(self, reason: str) -> None:
        self.reason.setText(f"<i>No preview: {escape(reason)}. The text around the match:</i>")
        self.reason.show()
        self.views.setCurrentWidget(self.passage)

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


class DragHandle(QLabel):
    """'Drag into an email': a rep drags the file from here into any app that takes files."""

    def __init__(self, pane: PreviewPane) -> None:
        super().__init__("⠿ Drag this file into an email or a chat")
        self.setObjectName("dragHandle")
        self.setAccessibleName("Drag the file")
        self.pane = pane
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setStyleSheet("QLabel { border: 1px dashed palette(mid); padding: 3px; }")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.pane.hit
        if hit is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self.pane.dragged.emit(hit)
        drag = QDrag(self)
        drag.setMimeData(file_mime_data([hit.path]))
        drag.exec(Qt.DropAction.CopyAction)


def _meta_html(hit: Hit) -> str:
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
