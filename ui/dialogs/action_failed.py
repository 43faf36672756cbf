"""The window's answer when the desktop would not take an asset (no viewer for the file, a
file manager that failed): a small non-modal message naming the file and the reason, with
"Copy path" so the rep can still reach the file another way. One per window: a newer failure
replaces what it says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.controllers.actions import ActionFailure

OBJECT_NAME = "actionFailed"


class ActionFailedDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setModal(False)  # the rep can keep searching with it open
        self.setMinimumWidth(520)
        self.headline = self._label("actionFailedHeadline")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.reason = WrappedText("actionFailedReason")
        self.path = WrappedText("actionFailedPath")
        self.note = self._label("actionFailedNote")
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("Copy path")
        self.copy_button.setObjectName("actionFailedCopyPath")
        self.copy_button.setToolTip("Put the file's full path on the clipboard")
        self.copy_button.clicked.connect(self.copy_path)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("actionFailedClose")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for label in (self.headline, self.reason, self.path, self.note):
            layout.addWidget(label)
        layout.addWidget(buttons)
        self._failure: ActionFailure | None = None

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_failure(self, failure: ActionFailure) -> None:
        self._failure = failure
        self.setWindowTitle(failure.headline)
        self.setAccessibleName(failure.headline)
        self.headline.setText(failure.headline)
        self.reason.setPlainText(_sentence(failure.reason))
        self.path.setPlainText(failure.path)
        self.note.setText("")
        self.note.hide()
        self.adjustSize()  # a shorter reason than the last one's
        self.show()
        self.raise_()
        self.activateWindow()
        self.copy_button.setFocus()

    def copy_path(self) -> None:
        if self._failure is None:
            return
        QGuiApplication.clipboard().setText(self._failure.path)
        self.note.setText(
            "Copied the path: paste it into your file manager's address bar, or an email."
        )
        self.note.show()
        self.adjustSize()


class WrappedText(QPlainTextEdit):
    """Read-only text as tall as its lines, wrapped anywhere: a path or a launcher's URI is one
    long word that a label would cut off."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)  # on the dialog, not in a box
        self.document().setDocumentMargin(0)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()  # rewrapped to the new width, which does not always say so

    def _fit(self, *_: object) -> None:
        size = self.document().documentLayout().documentSize()
        lines = max(1, int(size.height()))  # a plain text layout measures in lines
        margins = self.contentsMargins()
        self.setFixedHeight(
            lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom() + 4
        )


def report_failure(window: QWidget, failure: ActionFailure) -> ActionFailedDialog:
    """Shows `failure` in `window`'s message, made on first use."""
    dialog = window.findChild(ActionFailedDialog, OBJECT_NAME)
    if dialog is None:
        dialog = ActionFailedDialog(window)
    dialog.show_failure(failure)
    return dialog


def _sentence(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        return "The desktop gave no reason."
    return reason[0].upper() + reason[1:] + ("" if reason.endswith((".", "!", "?")) else ".")
