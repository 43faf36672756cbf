"""'◀ Page 3 of 12 ▶': the row that moves a preview through pages, slides or sheets."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class Pager(QWidget):
    moved = Signal(int)  # the 1-based number asked for

    def __init__(self, word: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.word = word
        self.number, self.count = 1, 1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.previous = tool_button("◀", f"Previous {word.lower()}", f"{name}Previous")
        self.next = tool_button("▶", f"Next {word.lower()}", f"{name}Next")
        self.label = QLabel()
        self.label.setObjectName(f"{name}Label")
        self.previous.clicked.connect(lambda: self.go(self.number - 1))
        self.next.clicked.connect(lambda: self.go(self.number + 1))
        layout.addWidget(self.previous)
        layout.addWidget(self.label)
        layout.addWidget(self.next)
        self.extra = QHBoxLayout()  # a view's own controls: zoom, the sheet's name
        layout.addLayout(self.extra, 1)

    def set_position(self, number: int, count: int, note: str = "") -> None:
        self.number, self.count = number, max(count, 1)
        self.label.setText(f"{self.word} {number} of {self.count}{note}")
        self.previous.setEnabled(number > 1)
        self.next.setEnabled(number < self.count)

    def go(self, number: int) -> None:
        if 1 <= number <= self.count and number != self.number:
            self.moved.emit(number)


def tool_button(text: str, tip: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    return button
