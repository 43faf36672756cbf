"""The search box: what the rep types, the suggestion list under it, and its keys (arrows move
through the results, Enter opens, Escape clears the text and then the filters)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from contentfinder.library.taxonomy import REQUIRED_FACETS

SUGGEST_DELAY_MS = 60
SUGGEST_FROM_CHARACTERS = 2


class SearchBox(QLineEdit):
    suggestions_wanted = Signal(int, str)  # request number, typed text
    completion_chosen = Signal(str)  # the text is set: search it now
    step = Signal(int)  # +1 / -1: the next or previous result
    submitted = Signal()  # Enter: open the current result
    cleared_when_empty = Signal()  # Escape with nothing typed: clear the filters

    def __init__(self, parent: QWidget | None = None, *, popup: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setAccessibleName("Search the library")
        example = f"{REQUIRED_FACETS[0]}:cfo" if REQUIRED_FACETS else "tag:value"
        self.setPlaceholderText(f'Search: words, "a phrase", -exclude, {example} …   (Ctrl+K)')
        self.setClearButtonEnabled(True)
        self._popup = popup
        self._number = 0
        self.completions = QStringListModel(self)
        self.completer = QCompleter(self.completions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self)
        self.completer.activated.connect(self.take_completion)
        self.suggest_timer = QTimer(self)
        self.suggest_timer.setSingleShot(True)
        self.suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self.suggest_timer.timeout.connect(self._ask)
        self.textEdited.connect(lambda _: self.suggest_timer.start())

    def focus(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def _ask(self) -> None:
        text = self.text()
        if len(text.strip()) < SUGGEST_FROM_CHARACTERS:
            self.completer.popup().hide()
            return
        self._number += 1
        self.suggestions_wanted.emit(self._number, text)

    def show_suggestions(self, number: int, typed: str, suggestions: list) -> None:
        if number != self._number or typed != self.text():
            return  # for an earlier request, or the rep has typed on
        self.completions.setStringList([s.text for s in suggestions])
        if suggestions and self._popup and self.hasFocus():
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def take_completion(self, text: str) -> None:
        self.suggest_timer.stop()
        self.setText(text)
        self.completion_chosen.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.completer.popup().isVisible():
            super().keyPressEvent(event)  # the suggestion list has the arrows and Enter
            return
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step.emit(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
        elif key == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self.cleared_when_empty.emit()
        else:
            super().keyPressEvent(event)
