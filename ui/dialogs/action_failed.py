"""The window's answer when the desktop would not take an asset (no viewer for the file, a
file manager that failed): a small non-modal message naming the file and the reason, with
"Copy path" so the rep can still reach the file another way. One per window: a newer failure
replaces what it says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
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
        self.setMinimumWidth(460)
        self.headline = self._label("actionFailedHeadline")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.reason = self._label("actionFailedReason")
        self.path = self._label("actionFailedPath")
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
        self.reason.setText(_sentence(failure.reason))
        self.path.setText(failure.path)
        self.note.setText("")
        self.note.hide()
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
