"""The search box: what the rep types, the suggestions under it, and its keys.

The results are what the box is for, so they keep the keys: ↓/↑ move through the results and
Enter opens the selected one. The suggestions are a list under the box that never takes the
focus, a click or a key the rep did not give it: Alt+↓ (or a click) goes into it, ↑/↓ then
move in it and Enter takes one. Esc closes the list; with no list open it clears the box as
an edit (Ctrl+Z brings the query back), and in an empty box it clears the filters.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QWidget

from contentfinder.library.taxonomy import REQUIRED_FACETS

SUGGEST_DELAY_MS = 60
SUGGEST_FROM_CHARACTERS = 2
SUGGESTIONS_SHOWN = 7
SUGGESTIONS_WIDTH = 420  # wide enough for a title, narrow enough to leave the count in view
KIND_HINTS = {"tag": "tag", "title": "asset title"}  # words need no hint
LIST_HINT = "Alt+↓ to choose a suggestion"


class SuggestionList(QListWidget):
    """The list under the box: a plain child of the window, not a popup, so it takes no first
    click to close and never grabs the keyboard; the box drives it."""

    taken = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions")
        self.setAccessibleName("Suggestions")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.Box)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setMouseTracking(True)
        self.choices = 0  # the suggestions; a last line says how to choose one
        self.itemClicked.connect(self._clicked)
        self.hide()

    def fill(self, suggestions: list, width: int) -> None:
        """The suggestions, each label cut with "…" so that its kind ('tag', 'asset title')
        stays in view."""
        self.clear()
        metrics = self.fontMetrics()
        room = width - 2 * self.frameWidth() - 12
        for suggestion in suggestions[:SUGGESTIONS_SHOWN]:
            hint = KIND_HINTS.get(suggestion.kind)
            tail = f"   — {hint}" if hint else ""
            label = metrics.elidedText(
                suggestion.label,
                Qt.TextElideMode.ElideRight,
                room - metrics.horizontalAdvance(tail),
            )
            item = QListWidgetItem(label + tail)
            item.setData(Qt.ItemDataRole.UserRole, suggestion.text)
            item.setToolTip(suggestion.label)
            self.addItem(item)
        self.choices = self.count()
        hint = QListWidgetItem(f"{LIST_HINT} · a click takes one · Esc closes")
        hint.setFlags(Qt.ItemFlag.NoItemFlags)  # how to get in: shown, never chosen
        hint.setForeground(self.palette().placeholderText())
        self.addItem(hint)
        self.setCurrentRow(-1)  # nothing is highlighted until the rep arrows in

    def _clicked(self, item: QListWidgetItem) -> None:
        text = item.data(Qt.ItemDataRole.UserRole)
        if text is not None:
            self.taken.emit(text)

    def chosen_text(self) -> str | None:
        item = self.currentItem()
        return (
            item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None
        )

    def step_highlight(self, by: int) -> None:
        row = self.currentRow() if self.chosen_text() is not None else -1
        row += by
        if row < 0:
            self.setCurrentRow(-1)
            self.clearSelection()  # back in the box: Enter opens the result again
        else:
            self.setCurrentRow(min(row, self.choices - 1))


class SearchBox(QLineEdit):
    suggestions_wanted = Signal(int, str)  # request number, typed text
    completion_chosen = Signal(str)  # the text is set: search it now
    step = Signal(int)  # +1 / -1: the next or previous result
    submitted = Signal()  # Enter: open the current result
    copy_wanted = Signal()  # Ctrl+C with no text selected: copy the current asset
    cleared = Signal(str)  # Escape cleared this query (Ctrl+Z brings it back)
    cleared_when_empty = Signal()  # Escape with nothing typed: clear the filters

    def __init__(self, parent: QWidget | None = None, *, popup: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setAccessibleName("Search the library")
        example = f"{REQUIRED_FACETS[0]}:cfo" if REQUIRED_FACETS else "tag:value"
        self.setPlaceholderText(f'Search: words, "a phrase", -exclude, {example} …   (Ctrl+K)')
        self.setToolTip(
            "Type to search as you go. ↓/↑ move through the results, Enter opens the selected "
            f"one, Tab goes to the results, Ctrl+Shift+C copies the selected asset, Esc clears. "
            f"{LIST_HINT}."
        )
        self.setClearButtonEnabled(True)
        self._popup = popup
        self._number = 0
        self.keep_clear: QWidget | None = None  # the list stops short of it (the result count)
        self.suggestions: SuggestionList | None = None
        self._latest: list = []
        self.suggest_timer = QTimer(self)
        self.suggest_timer.setSingleShot(True)
        self.suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self.suggest_timer.timeout.connect(self._ask)
        self.textEdited.connect(lambda _: self.suggest_timer.start())

    def focus(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    # -- suggestions ---------------------------------------------------------------------

    def _ask(self) -> None:
        text = self.text()
        if len(text.strip()) < SUGGEST_FROM_CHARACTERS:
            self.hide_suggestions()
            return
        self._number += 1
        self.suggestions_wanted.emit(self._number, text)

    def show_suggestions(self, number: int, typed: str, suggestions: list) -> None:
        if number != self._number or typed != self.text():
            return  # for an earlier request, or the rep has typed on
        self._latest = [
            s for s in suggestions if s.text.strip().casefold() != typed.strip().casefold()
        ]
        if self._latest and self._popup and self.hasFocus():
            self._place_list(filling=True)
        else:
            self.hide_suggestions()

    def suggestion_texts(self) -> list[str]:
        """What the list offers now (also without a list on screen: tests, automation)."""
        return [s.text for s in self._latest]

    def suggestions_open(self) -> bool:
        return self.suggestions is not None and self.suggestions.isVisible()

    def hide_suggestions(self) -> None:
        if self.suggestions is not None:
            self.suggestions.hide()

    def take_completion(self, text: str) -> None:
        self.suggest_timer.stop()
        self.hide_suggestions()
        self._latest = []
        self.selectAll()
        self.insert(text)  # an edit, not setText: Ctrl+Z brings back what was typed
        self.completion_chosen.emit(text)

    def _list(self) -> SuggestionList:
        if self.suggestions is None:
            self.suggestions = SuggestionList(self.window())
            self.suggestions.taken.connect(self.take_completion)
        return self.suggestions

    def _place_list(self, *, filling: bool = False) -> None:
        suggestions = self._list()
        window = self.window()
        corner = self.mapTo(window, QPoint(0, self.height()))
        width = min(SUGGESTIONS_WIDTH, self.width())
        if self.keep_clear is not None and self.keep_clear.isVisible():
            clear_x = self.keep_clear.mapTo(window, QPoint(0, 0)).x()
            width = max(200, min(width, clear_x - corner.x() - 8))
        if filling:
            suggestions.fill(self._latest, width)
        rows = suggestions.count()
        height = suggestions.sizeHintForRow(0) * rows + 2 * suggestions.frameWidth()
        suggestions.setGeometry(corner.x(), corner.y() + 1, width, height)
        suggestions.show()
        suggestions.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)  # the window was resized: the list follows the box
        if self.suggestions_open():
            self._place_list()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.hide_suggestions()
        super().focusOutEvent(event)

    # -- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        listed = self.suggestions_open()
        in_list = listed and self._list().chosen_text() is not None
        if key == Qt.Key.Key_Down and alt and listed:
            self._list().step_highlight(1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and in_list:
            self._list().step_highlight(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step.emit(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chosen = self._list().chosen_text() if in_list else None
            if chosen is not None:
                self.take_completion(chosen)
            else:
                self.hide_suggestions()
                self.submitted.emit()
        elif key == Qt.Key.Key_Escape:
            self._escape(listed)
        elif event.matches(QKeySequence.StandardKey.Copy) and not self.hasSelectedText():
            self.copy_wanted.emit()  # nothing of the text to copy: the rep means the asset
        else:
            super().keyPressEvent(event)

    def _escape(self, listed: bool) -> None:
        if listed:
            self.hide_suggestions()  # one Escape closes the list, and only that
        elif self.text():
            typed = self.text()
            self.suggest_timer.stop()
            self.selectAll()
            self.del_()  # an edit: Ctrl+Z restores the query
            self.cleared.emit(typed)
        else:
            self.cleared_when_empty.emit()
