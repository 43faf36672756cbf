"""The strip of active filters above the results: a chip per filter value picked in the
filter pane ("CFO ✕"), one click on it turns that filter off, and "Clear all" when
there are two or more. Hidden when no filter is on. The pane owns what is picked; the strip
reads it and unpicks through it, so the two never disagree."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QPushButton, QSizePolicy, QWidget

from ui.panels.facet_panel import FacetPanel

GAP = 6  # px between chips, and between their lines
CHIP_STYLE = (
    "QPushButton { border: 1px solid palette(mid); border-radius: 10px; padding: 2px 8px;"
    " background: palette(button); }"
    " QPushButton:hover { border-color: palette(highlight); }"
)


class ActiveFilters(QWidget):
    def __init__(self, panel: FacetPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activeFilters")
        self.setAccessibleName("Active filters")
        self.panel = panel
        self.chips: list[QPushButton] = []
        self.clear_all = QPushButton("Clear all")
        self.clear_all.setObjectName("clearAllFilters")
        self.clear_all.setAccessibleName("Clear all filters")
        self.clear_all.setToolTip("Turn every filter off")
        self.clear_all.setFlat(True)
        self.clear_all.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_all.clicked.connect(panel.clear)
        self.flow = FlowLayout(self)
        self.flow.setContentsMargins(0, 0, 0, 4)
        panel.filters_changed.connect(lambda _: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """A chip per value picked in the pane, in its order."""
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.hide()  # now: its deletion waits for the event loop (and it may be the sender)
            chip.deleteLater()
        self.flow.removeWidget(self.clear_all)
        self.chips = []
        for group, value in self.panel.picked():
            self.chips.append(self._chip(group, value))
            self.flow.addWidget(self.chips[-1])
        self.flow.addWidget(self.clear_all)
        self.clear_all.setVisible(len(self.chips) >= 2)
        self.setVisible(bool(self.chips))

    def _chip(self, group: str, value: str) -> QPushButton:
        said = f"{self.panel.labels.get(group, group)}: {value}"
        chip = QPushButton(f"{value}  ✕")  # short: the column may be narrow; the tip says all
        chip.setObjectName(f"activeFilter_{group}_{value}")
        chip.setAccessibleName(f"Remove the filter {said}")
        chip.setToolTip(f"Remove the filter {said}")
        chip.setStyleSheet(CHIP_STYLE)
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        chip.clicked.connect(lambda: self.panel.unpick(group, value))
        return chip


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto a new line where the width runs out (Qt's flow
    layout example): chips never widen the results column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lays the items out in `rect` (when `move`); returns the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x, y, line = area.x(), y + line + GAP, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + GAP
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()
