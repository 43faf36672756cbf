"""Library health, for marketing ops: what `contentfinder lint` finds, grouped by problem;
each row opens the asset, or `catalog.csv` for a catalog row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from contentfinder.config import Settings
from contentfinder.curation.health import CHECK_LABELS, Finding, LintReport
from contentfinder.library.catalog import CATALOG_FILE
from ui import tasks
from ui.dialogs.background_work import check_lint
from ui.tasks import Op


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
        self.tree.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

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
                group.addChild(item)
            group.setExpanded(True)
        self.tree.resizeColumnToContents(1)
        self.summary.setText(
            f"{_count(report.errors, 'error')}, {_count(report.warnings, 'warning')} "
            f"in {report.assets} assets."
            if report.findings
            else f"No problems in {report.assets} assets."
        )
        self.checked.emit(report)

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
        if target is not None and Path(target).exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
