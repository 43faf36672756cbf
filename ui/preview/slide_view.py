"""The slide view of the preview: the hit's slide drawn as a slide (a white card of the
deck's proportions with its title and body), its speaker notes under it, the deck's embedded
thumbnail, and slide navigation. Built from a `Deck` read on a pool thread; moving between
slides only rebuilds a few labels."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ui.preview.marked_html import marked
from ui.preview.marks import Marks
from ui.preview.pager import Pager
from ui.preview.slides import Deck, Slide

_CARD_STYLE = (
    "QFrame#slideCard { background: #ffffff; border: 1px solid #b8b8b8; border-radius: 3px; }"
    " QFrame#slideCard QLabel { color: #1f1f1f; background: transparent; }"
)


class SlideCard(QFrame):
    """A slide-shaped card: at least as tall as the deck's proportions say for its width."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("slideCard")
        self.setStyleSheet(_CARD_STYLE)
        self.aspect = 9 / 16
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        self.title = QLabel()
        self.title.setObjectName("slideTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setObjectName("slideBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._fitting = QTimer(self)
        self._fitting.setSingleShot(True)
        self._fitting.setInterval(0)
        self._fitting.timeout.connect(self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        # Not now: a minimum height set while the layout runs re-enters the labels' text
        # layout, which crashed Qt 6.11. Once this layout pass is over.
        self._fitting.start()

    def _fit(self) -> None:
        wanted = round(self.width() * self.aspect)
        if self.minimumHeight() != wanted:
            self.setMinimumHeight(wanted)


class SlideView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("previewSlides")
        self.deck: Deck | None = None
        self.marks = Marks(())
        self.number = 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pager = Pager("Slide", "slidePager")
        self.pager.moved.connect(self.go_to)
        self.pager.extra.addStretch(1)
        layout.addWidget(self.pager)
        scroll = QScrollArea()
        scroll.setObjectName("slideScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inside = QWidget()
        column = QVBoxLayout(inside)
        self.card = SlideCard()
        self.notes_label = QLabel("Speaker notes")
        self.notes_label.setObjectName("slideNotesLabel")
        font = self.notes_label.font()
        font.setBold(True)
        self.notes_label.setFont(font)
        self.notes = QLabel()
        self.notes.setObjectName("slideNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.thumbnail_label = QLabel("Deck thumbnail (saved by PowerPoint)")
        self.thumbnail_label.setObjectName("deckThumbnailLabel")
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("deckThumbnail")
        self.thumbnail.setAccessibleName("The deck's thumbnail")
        self.thumbnail.setStyleSheet("QLabel { border: 1px solid #b8b8b8; }")
        self.thumbnail.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        column.addWidget(self.card)
        column.addWidget(self.notes_label)
        column.addWidget(self.notes)
        column.addWidget(self.thumbnail_label)
        column.addWidget(self.thumbnail)
        column.addStretch(1)
        scroll.setWidget(inside)
        layout.addWidget(scroll, 1)

    def show_deck(self, deck: Deck, marks: Marks) -> None:
        self.deck, self.marks = deck, marks
        self.card.aspect = deck.aspect
        self.card._fitting.start()
        has_thumbnail = deck.thumbnail is not None
        if deck.thumbnail is not None:
            self.thumbnail.setPixmap(QPixmap.fromImage(deck.thumbnail))
        self.thumbnail.setVisible(has_thumbnail)
        self.thumbnail_label.setVisible(has_thumbnail)
        self.go_to(deck.start)

    def go_to(self, number: int) -> None:
        if self.deck is None:
            return
        slide = self.deck.slide(number)
        self.number = slide.number
        self.pager.set_position(
            slide.number, len(self.deck.slides), " (hidden)" if slide.hidden else ""
        )
        self.card.title.setText(marked(slide.title, self.marks) or _untitled(slide))
        self.card.body.setText(_body_html(slide, self.marks))
        self.notes.setText(marked(slide.notes, self.marks).replace("\n", "<br>"))
        self.notes.setVisible(bool(slide.notes))
        self.notes_label.setVisible(bool(slide.notes))


def _untitled(slide: Slide) -> str:
    return f"<span style='color:#777777'>Slide {slide.number} (no title)</span>"


def _body_html(slide: Slide, marks: Marks) -> str:
    if not slide.body:
        return "<span style='color:#777777'>No text on this slide.</span>"
    items = "".join(
        f"<li style='margin-left:{level * 18}px'>{marked(text, marks)}</li>"
        for level, text in slide.body
    )
    return f"<ul style='margin-left:-20px'>{items}</ul>"
