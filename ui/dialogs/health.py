"""Library health, for marketing ops: what `contentfinder lint` finds, grouped by problem;
each row opens the asset, or `catalog.csv` for a catalog row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contentfinder.config import Settings
from contentfinder.curation.health import CHECK_LABELS, Finding, LintReport
from contentfinder.desktop import viewer
from contentfinder.library.catalog import CATALOG_FILE
from ui import tasks
from ui.dialogs.background_work import check_lint
from ui.tasks import Op

WHERE_SHARE = 0.4  # of the findings' width, the most the Where column takes
MIN_WHERE = 160
DETAILS = 2  # the column of the findings' sentences
TEXT_MARGIN = 4  # px a cell keeps around its text (the style's, and a little more)


class HealthDialog(QDialog):
    checked = Signal(object)  # LintReport (tests)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("libraryHealth")
        self.setAccessibleName("Library health")
        self.setWindowTitle("Library health")
        self.resize(900, 560)
        self.summary = QLabel("Checking the library…")
        self.summary.setObjectName("healthSummary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("healthFindings")
        self.tree.setAccessibleName("Findings")
        self.tree.setHeaderLabels(["Problem", "Where", "Details"])
        # Details are sentences: they wrap in the column that takes the rest of the width,
        # never cut; the tooltip says them whole too.
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long path keeps its name
        self.tree.header().setStretchLastSection(True)
        self.tree.setItemDelegateForColumn(DETAILS, WrappedDetails(self.tree))
        self.tree.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.open_note = QLabel("Double-click a finding to open its file.")
        self.open_note.setObjectName("healthOpenNote")
        self.open_note.setWordWrap(True)
        layout.addWidget(self.open_note)

    def refresh(self) -> None:
        self.summary.setText("Checking the library…")
        Op(check_lint, self.settings).success(self._show).failure(self._failed).run(self)

    def wait(self, seconds: float = 60) -> bool:
        return tasks.wait(self, seconds)

    def done(self, result: int) -> None:
        tasks.cancel(self)
        super().done(result)

    def _failed(self, message: str) -> None:
        self.summary.setText(f"Could not check the library: {message}")

    def _show(self, report: LintReport) -> None:
        self.tree.clear()
        for check, findings in report.grouped().items():
            group = QTreeWidgetItem([f"{CHECK_LABELS.get(check, check)} ({len(findings)})"])
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)  # the problem's name, not cut to a column
            for finding in findings:
                item = QTreeWidgetItem([finding.severity, finding.where, finding.message])
                item.setData(0, Qt.ItemDataRole.UserRole, finding)
                item.setToolTip(1, finding.where)
                item.setToolTip(2, finding.message)
                group.addChild(item)
            group.setExpanded(True)
        self._fit_columns()
        self.summary.setText(
            f"{_count(report.errors, 'error')}, {_count(report.warnings, 'warning')} "
            f"in {report.assets} assets."
            if report.findings
            else f"No problems in {report.assets} assets."
        )
        self.checked.emit(report)

    def _fit_columns(self) -> None:
        """Problem and Where as wide as their texts, Where at most 40% of the width, so the
        Details keep room to wrap in."""
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        widest = max(int(self.tree.viewport().width() * WHERE_SHARE), MIN_WHERE)
        self.tree.setColumnWidth(1, min(self.tree.columnWidth(1), widest))
        self.tree.doItemsLayout()  # the rows' heights follow the Details' new width

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.tree.topLevelItemCount():
            self._fit_columns()

    def _open(self, item: QTreeWidgetItem) -> None:
        finding: Finding | None = item.data(0, Qt.ItemDataRole.UserRole)
        library = self.settings.library
        if finding is None or library is None:
            return
        target = (
            library / CATALOG_FILE
            if finding.row is not None
            else (library / finding.asset_id if finding.asset_id else None)
        )
        if target is None:
            return
        name = Path(target).name
        self.open_note.setText(f"Opening '{name}'…")

        def said(problem: str | None) -> None:
            self.open_note.setText(
                f"Could not open '{name}': {problem}" if problem else f"Opened '{name}'"
            )

        Op(viewer.open_in_viewer, Path(target), viewer.opener_command()).purpose("open").success(
            said
        ).failure(said).run(self)


class WrappedDetails(QStyledItemDelegate):
    """A Details cell as tall as its text wrapped to the column: a tree view asks a cell's
    height without its width, so the text would otherwise wrap to nothing and be cut."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        text = index.data()
        if not text:
            return hint
        width = max(self.tree.columnWidth(DETAILS) - 2 * TEXT_MARGIN, 40)
        wrapped = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 0), Qt.TextFlag.TextWordWrap, str(text)
        )
        return QSize(hint.width(), max(hint.height(), wrapped.height() + 2 * TEXT_MARGIN))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
