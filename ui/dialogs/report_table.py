"""One table of a report as the Insights view shows it: columns as wide as their contents up to
`MAX_COLUMN`, narrowed to the width there is (the widest first, never below `MIN_COLUMN`) so a
report's table reads without a horizontal scrollbar, the last column taking what is left (a
heatmap's columns are all as wide as the widest instead); a cell or a header too long for its
column is elided with "…" and said whole in its tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QHelpEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from contentfinder.reports.export.cells import GROUPED_FROM, display
from contentfinder.reports.model import Table, is_number

MAX_COLUMN = 320  # px: a longer title is elided, said whole in its tooltip
MIN_COLUMN = 56  # px: narrower, even a number is hard to read
DARK_HEAT = 0.6  # a heatmap cell's share of the peak from which its colour is dark
CELL_PADDING = 12  # px a cell's text leaves free (the style's margins)
HEADER_LINES = 4  # a column's name wraps onto at most this many lines
HEADER_MARGIN = 4  # px either side of a header's name
HEADER_PADDING = 12  # px a header asks for beyond its longest word (margins and frame)
WIDE_TABLE = 8  # columns from which the chart goes below the table, leaving it the width
CHART_BELOW_MAX = 240  # px: the height of a chart below its table
CHART_MAX = 420  # px: a wider chart draws the same bars longer, and takes the table's room

Index = QModelIndex | QPersistentModelIndex


def fitted_widths(wanted: Sequence[int], room: int, *, least: int = MIN_COLUMN) -> list[int]:
    """Column widths that fit `room`: each as wide as it wants (`wanted`, already at most
    `MAX_COLUMN`) when they all fit; else the widest are narrowed to one common width, the
    narrow ones kept whole, none below `least` (then they overflow: too many columns)."""
    widths = list(wanted)
    if sum(widths) <= room or not widths:
        return widths
    # The common width the widest columns get: the largest that makes the whole fit.
    ordered = sorted(widths)
    kept, cap = 0, least
    for count, width in enumerate(ordered):
        left = len(ordered) - count  # this column and the wider ones share what is left
        share = (room - kept) // left
        if share <= width:
            cap = max(least, share)
            break
        kept += width
    return [min(width, cap) for width in widths]


def column_widths(cells: Sequence[int], names: Sequence[int], room: int) -> list[int]:
    """Widths for columns whose cells want `cells` px and whose header names `names` px (both
    already capped): all whole when they fit; else the names give way first (a header is
    elided, its tooltip says it, and a column of counts keeps no room its cells do not use),
    then the widest cells (`fitted_widths`)."""
    full = [max(cell, name) for cell, name in zip(cells, names, strict=True)]
    if sum(full) <= room:
        return full
    base = [min(whole, max(MIN_COLUMN, cell)) for whole, cell in zip(full, cells, strict=True)]
    if sum(base) >= room:
        return fitted_widths(base, room)
    extra = fitted_widths(
        [whole - least for whole, least in zip(full, base, strict=True)],
        room - sum(base),
        least=0,
    )
    return [least + more for least, more in zip(base, extra, strict=True)]


class WrappedHeader(QHeaderView):
    """Column names on up to `HEADER_LINES` lines ("Win rate / without it (%)"), so a table of
    a dozen figures shows every name instead of "Win ra…"; what still does not fit is elided
    and said whole in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.sectionResized.connect(lambda *_: self.updateGeometry())

    def _text(self, logical: int) -> str:
        return str(self.model().headerData(logical, Qt.Orientation.Horizontal) or "")

    def sectionSizeFromContents(self, logical: int) -> QSize:  # noqa: N802 - Qt's API
        """As wide as the name wants on `HEADER_LINES` lines (never narrower than its longest
        word), as tall as its lines at the section's width."""
        metrics = self.fontMetrics()
        text = self._text(logical)
        longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
        width = max(longest, metrics.horizontalAdvance(text) // HEADER_LINES) + HEADER_PADDING
        room = max(self.sectionSize(logical), width) - 2 * HEADER_MARGIN
        lines = len(wrapped_lines(metrics, text, room))
        return QSize(width, max(1, lines) * metrics.lineSpacing() + 10)

    def sizeHint(self) -> QSize:  # noqa: D102 - the tallest section's wrapped name
        hint = super().sizeHint()
        if self.model() is None:
            return hint
        tallest = max(
            (self.sectionSizeFromContents(c).height() for c in range(self.count())),
            default=hint.height(),
        )
        return QSize(hint.width(), tallest)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:  # noqa: N802
        option = QStyleOptionHeader()
        option.initFrom(self)
        option.rect = rect
        option.section = logical
        option.orientation = Qt.Orientation.Horizontal
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == logical:
            option.sortIndicator = (
                QStyleOptionHeader.SortIndicator.SortDown
                if self.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                else QStyleOptionHeader.SortIndicator.SortUp
            )
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        inner = rect.adjusted(HEADER_MARGIN, 0, -HEADER_MARGIN, 0)
        metrics = self.fontMetrics()
        lines = wrapped_lines(metrics, self._text(logical), inner.width())
        step = metrics.lineSpacing()
        top = inner.top() + (inner.height() - step * len(lines)) // 2
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        for number, line in enumerate(lines):
            where = QRect(inner.left(), top + number * step, inner.width(), step)
            painter.drawText(where, Qt.AlignmentFlag.AlignCenter, line)
        painter.restore()


def wrapped_lines(metrics: QFontMetrics, text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` px, broken between words, at most `HEADER_LINES`
    of them: a word or a last line too long for it ends in "…"."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > HEADER_LINES:
        lines = [*lines[: HEADER_LINES - 1], " ".join(lines[HEADER_LINES - 1 :])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


class FittedTable(QTableWidget):
    """A report table whose columns fit its width, refitted as the dialog is resized."""

    def __init__(self, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(len(table.rows), len(table.columns), parent)
        self.setObjectName("insightsTable")
        self.setAccessibleName(table.name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setItemDelegate(ElidedTips(self))
        self.verticalHeader().hide()  # row numbers read as ranks, wrong once sorted
        self.setHorizontalHeader(WrappedHeader(self))
        for column, name in enumerate(table.columns):
            header = QTableWidgetItem(name)
            header.setToolTip(name)  # a header narrower than its name still says it
            self.setHorizontalHeaderItem(column, header)
        self._fill(table)
        # A heatmap is a matrix of equal cells; another table's last column takes the rest.
        self.horizontalHeader().setStretchLastSection(not table.heatmap)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)  # by a click on a header; first in the report's own order
        header = self.horizontalHeader()
        columns = range(self.columnCount())
        self._cells = [min(MAX_COLUMN, self.sizeHintForColumn(c)) for c in columns]
        self._names = [min(MAX_COLUMN, header.sectionSizeHint(c)) for c in columns]
        if table.heatmap and len(self._cells) > 1:  # equal cells: the widest for all
            widest = max(max(self._cells[1:]), max(self._names[1:]))
            self._cells[1:] = self._names[1:] = [widest] * (len(self._cells) - 1)
        self.fit()

    def _fill(self, table: Table) -> None:
        peak = max((c for r in table.rows for c in r if is_number(c)), default=0) or 1
        figures = set(table.right_aligned_columns())  # "1 min 6 s" lines up with the numbers
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row):
                # A number goes in as one (an item made with text keeps the text whatever is
                # set after), so its column sorts 5 before 12 and reads 260,000.
                item = (
                    QTableWidgetItem()
                    if is_number(value)
                    else QTableWidgetItem("" if value is None else str(value))
                )
                if c in figures:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if is_number(value):
                    item.setData(Qt.ItemDataRole.DisplayRole, value)
                    if table.heatmap:
                        share = float(value) / peak
                        item.setBackground(QBrush(heat(share)))
                        if share > DARK_HEAT:  # dark cells: light text reads on them
                            item.setForeground(QBrush(QColor("white")))
                self.setItem(r, c, item)

    def fit(self) -> None:
        room = self.viewport().width()
        widths = column_widths(self._cells, self._names, room)
        header = self.horizontalHeader()
        for column, width in enumerate(widths[:-1]):
            header.resizeSection(column, width)
        if widths:  # the last stretches to what is left
            header.resizeSection(len(widths) - 1, widths[-1])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def tip(self, index: Index) -> str | None:
        """The whole text of a cell too narrow for it; None when it shows whole."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None:
            return None
        text = str(text)
        room = self.visualRect(index).width() - CELL_PADDING
        return text if self.fontMetrics().horizontalAdvance(text) > room else None


class ElidedTips(QStyledItemDelegate):
    """Tooltips for the cells that are elided: looked at when the pointer rests on one. Numbers
    read as in the exported report (260,000), while the cell keeps the number to sort by."""

    def displayText(self, value: object, locale: QLocale) -> str:  # noqa: N802 - Qt's API
        if is_number(value) and abs(value) >= GROUPED_FROM:
            return display(value)
        return super().displayText(value, locale)

    def helpEvent(  # noqa: N802 - Qt's API
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(view, FittedTable):
            tip = view.tip(index)
            if tip is not None:
                QToolTip.showText(event.globalPos(), tip, view)
                return True
            QToolTip.hideText()
            return False
        return super().helpEvent(event, view, option, index)


def table_page(table: Table, chart: QWidget | None = None) -> QWidget:
    """The table, its chart beside it (below it for a table of many columns, which needs the
    width), its note under them."""
    page = QWidget()
    outer = QVBoxLayout(page)
    grid = FittedTable(table)
    if chart is not None and len(table.columns) > WIDE_TABLE:
        outer.addWidget(grid, 2)
        chart.setMaximumHeight(CHART_BELOW_MAX)
        outer.addWidget(chart, 1)
    else:
        row = QHBoxLayout()
        row.addWidget(grid, 2)
        if chart is not None:  # a third of the width: its labels are elided, the table's whole
            chart.setMaximumWidth(CHART_MAX)
            row.addWidget(chart, 1)
        outer.addLayout(row, 1)
    if table.note:
        note = QLabel(table.note)
        note.setObjectName("insightsTableNote")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(note)
    return page


def heat(share: float) -> QColor:
    if share <= 0:
        return QColor("#f8d7da")  # an empty cell: what marketing should look at first
    return QColor.fromHsvF(0.6, min(1.0, 0.15 + 0.75 * share), 1.0)
