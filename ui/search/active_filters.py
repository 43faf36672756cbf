"""The strip of active filters above the results: a chip per filter value picked in the
filter pane ("CFO ✕"), one click on it turns that filter off, and "Clear all" when
there are two or more. Hidden when no filter is on. The pane owns what is picked; the strip
reads it and unpicks through it, so the two never disagree."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from ui.panels.facet_panel import FacetPanel

GAP = 6  # px between chips, and between their lines
BOTTOM = 4  # px below the last line
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
        self.clear_all.setParent(self)
        panel.filters_changed.connect(lambda _: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """A chip per value picked in the pane, in its order."""
        for chip in self.chips:
            chip.hide()  # now: its deletion waits for the event loop (and it may be the sender)
            chip.deleteLater()
        self.chips = [self._chip(group, value) for group, value in self.panel.picked()]
        for chip in self.chips:
            chip.show()
        self.clear_all.setVisible(len(self.chips) >= 2)
        self.clear_all.raise_()
        self.setVisible(bool(self.chips))
        self.updateGeometry()  # its height for the new chips
        self._place(self.width(), move=True)

    # Chips left to right, wrapping onto a new line where the width runs out, placed by hand:
    # a QLayout subclass in Python hands Qt's layout items to Python, and PySide then keeps
    # wrappers of items Qt has deleted (a later object at the same address came back as one).

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(width, move=False)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.heightForWidth(max(self.width(), 200)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place(event.size().width(), move=True)

    def _place(self, width: int, *, move: bool) -> int:
        """Lays the chips out in `width` (when `move`); returns the height they take."""
        shown = [w for w in (*self.chips, self.clear_all) if not w.isHidden()]
        x = y = line = 0
        for widget in shown:
            hint = widget.sizeHint()
            room = min(hint.width(), width)
            if x > 0 and x + room > width:
                x, y, line = 0, y + line + GAP, 0
            if move:
                widget.setGeometry(QRect(QPoint(x, y), QSize(room, hint.height())))
            x += room + GAP
            line = max(line, hint.height())
        return y + line + BOTTOM if shown else 0

    def _chip(self, group: str, value: str) -> QPushButton:
        said = f"{self.panel.labels.get(group, group)}: {value}"
        chip = QPushButton(f"{value}  ✕", self)  # short: the column may be narrow; the tip says all
        chip.setObjectName(f"activeFilter_{group}_{value}")
        chip.setAccessibleName(f"Remove the filter {said}")
        chip.setToolTip(f"Remove the filter {said}")
        chip.setStyleSheet(CHIP_STYLE)
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        chip.clicked.connect(lambda: self.panel.unpick(group, value))
        return chip
