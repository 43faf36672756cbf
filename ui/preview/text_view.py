"""The rich-text view of the preview (Word, Markdown, HTML, text): a browser that loads
nothing (no images, no links followed) showing `RichText`, opened at the first mark."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui.preview.rich_text import FIRST_MARK, RichText


class QuietBrowser(QTextBrowser):
    """A QTextBrowser that never fetches: a sanitized page could still name a resource."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802
        return None


class RichTextView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("previewRichText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel()
        self.note.setObjectName("richTextNote")
        self.note.setWordWrap(True)
        self.browser = QuietBrowser()
        self.browser.setObjectName("previewDocument")
        self.browser.setAccessibleName("The document around the match")
        layout.addWidget(self.note)
        layout.addWidget(self.browser, 1)

    def show_text(self, text: RichText) -> None:
        self.browser.setHtml(text.html)  # bounded by rich_text.SHOWN_CHARS
        self.note.setText(text.note)
        self.note.setVisible(bool(text.note))
        bar = self.browser.verticalScrollBar()
        bar.setValue(0)
        if text.marked:
            self.browser.scrollToAnchor(FIRST_MARK)
            # The mark a quarter down, so the heading and lines before it are in sight too.
            bar.setValue(bar.value() - self.browser.viewport().height() // 4)
