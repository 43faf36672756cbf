"""The spreadsheet view of the preview: the sheet's name, a grid of its first rows with the
matching cells marked, and sheet navigation. A table model over the plain `SheetGrid`, so
only the visible cells are ever asked for on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ui.preview.pager import Pager
from ui.preview.sheet import SheetGrid

_MARK = QColor("#ffe27a")
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 40, 220
Index = QModelIndex | QPersistentModelIndex


class SheetModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.grid: SheetGrid | None = None

    def set_grid(self, grid: SheetGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if self.grid is None or parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if self.grid is None or parent.isValid() or not self.grid.rows:
            return 0
        return len(self.grid.rows[0])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        grid = self.grid
        if grid is None or not index.isValid():
            return None
        cell = grid.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell or None
        marked = (index.row(), index.column()) in grid.marked
        if role == Qt.ItemDataRole.BackgroundRole and marked:
            return _MARK
        if role == Qt.ItemDataRole.ForegroundRole and marked:
            return QColor("#000000")
        if role == Qt.ItemDataRole.UserRole:
            return marked
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letters(section)
        return str(self.grid.first_row + section)


def column_letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', as a spreadsheet names its columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class SheetView(QWidget):
    sheet_wanted = Signal(int)  # the pane reads another sheet on a pool thread

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("previewSheet")
        self.grid: SheetGrid | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pager = Pager("Sheet", "sheetPager")
        self.pager.moved.connect(self.sheet_wanted)
        self.pager.extra.addStretch(1)
        self.name = QLabel()
        self.name.setObjectName("sheetName")
        self.name.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("sheetNote")
        self.note.setWordWrap(True)
        self.model = SheetModel()
        self.table = QTableView()
        self.table.setObjectName("sheetGrid")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.horizontalHeader().setStretchLastSection(
            True
        )  # a one-column sheet: no cut cells beside empty room
        self.table.verticalHeader().setDefaultSectionSize(22)
        layout.addWidget(self.pager)
        layout.addWidget(self.name)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_grid(self, grid: SheetGrid) -> None:
        self.grid = grid
        self.model.set_grid(grid)
        self.pager.set_position(grid.number, len(grid.names))
        count = len(grid.marked)
        marked = f" · {count} matching cell{'s' if count != 1 else ''} marked" if count else ""
        self.name.setText(f"<b>{_escape(grid.name)}</b>{marked}")
        self.note.setText(_note(grid))
        self.note.setVisible(bool(self.note.text()))
        self._fit_columns(grid)
        self.table.scrollToTop()
        self.table.horizontalScrollBar().setValue(0)
        if grid.marked:
            # Once the grid is laid out (it may be shown only now): the first marked cell in
            # sight, its row a little below the top and its column whole.
            QTimer.singleShot(0, self, self._scroll_to_mark)

    def _scroll_to_mark(self) -> None:
        if self.grid is None or not self.grid.marked:
            return
        row, column = min(self.grid.marked)
        self.table.scrollTo(self.model.index(max(row - 2, 0), 0))
        left = sum(self.table.columnWidth(c) for c in range(column))
        if left + self.table.columnWidth(column) > self.table.viewport().width():
            self.table.horizontalScrollBar().setValue(left)

    def _fit_columns(self, grid: SheetGrid) -> None:
        """Columns as wide as their text (within bounds), from the strings alone: asking the
        view to measure every cell would lay out all of them."""
        if not grid.rows:
            return
        char = self.table.fontMetrics().averageCharWidth()
        for column in range(len(grid.rows[0])):
            longest = max(len(row[column]) for row in grid.rows)
            width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, (longest + 2) * char))
            self.table.setColumnWidth(column, width)


def _note(grid: SheetGrid) -> str:
    if not grid.rows or not grid.rows[0]:
        return "This sheet has no cells with values."
    parts = []
    last = grid.first_row + len(grid.rows) - 1
    if grid.first_row > 1 or grid.more_rows:
        parts.append(f"rows {grid.first_row}–{last}")
    if grid.more_columns:
        parts.append(f"columns A–{column_letters(len(grid.rows[0]) - 1)}")
    return f"Showing {', '.join(parts)}; open the file for the rest." if parts else ""


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
