"""A question asked inside a dialog, as a strip above its buttons ("Discard this form?
Discard / Keep editing"), instead of a modal message box on top of it: the form stays in
sight while the rep decides, and nothing waits in a nested event loop."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ConfirmStrip(QFrame):
    confirmed = Signal()
    declined = Signal()

    def __init__(self, name: str, *, yes: str, no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # A light amber band: a question, not an error.
        self.setStyleSheet(
            f"QFrame#{name} {{ background: #fff4d6; border: 1px solid #e0b84f; "
            "border-radius: 4px; } QLabel { color: #3d2e00; }"
        )
        self.question = QLabel()
        self.question.setObjectName(f"{name}Question")
        self.question.setWordWrap(True)
        self.yes_button = QPushButton(yes)
        self.yes_button.setObjectName(f"{name}Yes")
        self.yes_button.clicked.connect(self._yes)
        self.no_button = QPushButton(no)
        self.no_button.setObjectName(f"{name}No")
        self.no_button.clicked.connect(self._no)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.yes_button)
        layout.addWidget(self.no_button)
        self.hide()

    def ask(self, question: str) -> None:
        self.question.setText(question)
        self.show()
        self.no_button.setFocus()  # Enter or Space on the safe choice does no harm

    def _yes(self) -> None:
        self.hide()
        self.confirmed.emit()

    def _no(self) -> None:
        self.hide()
        self.declined.emit()
