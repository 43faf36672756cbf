"""Insights, for marketing leads: the usage reports of `contentfinder report` as tables and
bar charts in the app, computed in the background, and exported as CSV, XLSX, HTML or JSON.
The summary (the KPI header a lead reads first) comes first when the core has it; above the
tables, what a reader must know to trust the figures (`Report.about`) and the notes."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contentfinder.config import Settings
from contentfinder.preferences import load_preferences
from contentfinder.reports.build import KINDS
from contentfinder.reports.export import FORMATS, write_report
from contentfinder.reports.export.cells import GROUPED_FROM, display
from contentfinder.reports.model import Report, Table, is_number
from ui import tasks
from ui.dialogs.background_work import compute_report
from ui.dialogs.report_table import table_page
from ui.tasks import Op

CHART_ROWS = 12
REPORT_SECONDS = 180  # replaying thousands of searches takes a while; more is a hang
KIND_NAMES = {
    "summary": "Summary",
    "unused": "Unused content",
    "top": "Top content",
    "gaps": "Content gaps",
    "coverage": "Coverage",
    "tagging": "Tagging gaps",
    "influence": "Deal influence",
}


class InsightsDialog(QDialog):
    report_ready = Signal(object)  # Report, once shown (tests)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.report: Report | None = None
        self.setObjectName("insightsView")
        self.setAccessibleName("Insights")
        self.setWindowTitle("Insights — what content is used")
        self.resize(1100, 720)
        self.kind = QComboBox()
        self.kind.setObjectName("insightsKind")
        self.kind.setAccessibleName("Report")
        for kind, name in report_kinds(KINDS):
            self.kind.addItem(name, kind)
        self.days = QSpinBox()
        self.days.setObjectName("insightsDays")
        self.days.setAccessibleName("Days")
        self.days.setRange(1, 3650)
        self.days.setValue(90)
        self.days.setSuffix(" days")
        self.source = QComboBox()
        self.source.setObjectName("insightsSource")
        self.source.setAccessibleName("Usage from")
        self.source.addItem("This computer", None)
        target = load_preferences(settings.home).sync_target
        if target:
            self.source.addItem(f"All reps ({target})", target)
            self.source.setCurrentIndex(1)
        self.refresh_button = QPushButton("Show")
        self.refresh_button.setObjectName("insightsShow")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("Export…")
        self.export_button.setObjectName("insightsExport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._ask_export)
        controls = QHBoxLayout()
        for label, widget in (("Report", self.kind), ("Period", self.days), ("From", self.source)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            controls.addWidget(caption)
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.export_button)
        self.summary = QLabel("Choose a report.")
        self.summary.setObjectName("insightsSummary")
        self.summary.setWordWrap(True)
        self.about = QLabel()
        self.about.setObjectName("insightsAbout")
        self.about.setAccessibleName("About these figures")
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about.hide()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("insightsTables")
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.about)
        layout.addWidget(self.tabs, 1)

    def refresh(self, *, seconds: float = REPORT_SECONDS) -> None:
        """Computes the chosen report in a worker process, stopped after `seconds` or when the
        dialog closes (a report over a big central store replays every search)."""
        self.refresh_button.setEnabled(False)
        self.summary.setText("Computing…")
        name = self.kind.currentText()
        Op(
            compute_report,
            self.settings,
            self.kind.currentData(),
            self.days.value(),
            self.source.currentData(),
        ).in_process(
            timeout=seconds,
            too_long=f"{name} took longer than {seconds:g} seconds and was stopped; "
            "try a shorter period, or This computer",
        ).success(self._show).failure(self._failed).run(self)

    def export(self, path: Path, fmt: str) -> None:
        if self.report is not None:
            Op(write_report, self.report, fmt, path).success(
                lambda _: self.summary.setText(f"Exported to {path}")
            ).failure(
                lambda message: self.summary.setText(f"Could not export to {path}: {message}")
            ).run(self)

    def wait(self, seconds: float = 60) -> bool:
        return tasks.wait(self, seconds)

    def done(self, result: int) -> None:
        tasks.cancel(self)  # a report still computing is stopped, its process killed
        super().done(result)

    def _ask_export(self) -> None:
        filters = ";;".join(f"{fmt.upper()} (*.{fmt})" for fmt in FORMATS)
        name, chosen = QFileDialog.getSaveFileName(self, "Export the report", "", filters)
        if name:
            fmt = chosen.split(" ")[0].lower() if chosen else Path(name).suffix.lstrip(".")
            self.export(Path(name), fmt if fmt in FORMATS else "html")

    def _show(self, report: Report) -> None:
        self.report = report
        self.refresh_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.summary.setText(headline(report))
        self.about.setText(about_html(report.about, report.notes))
        self.about.setVisible(bool(report.about or report.notes))
        self.tabs.clear()
        for table in report.tables:
            chart = BarChart(table) if table.chart is not None and table.rows else None
            self.tabs.addTab(table_page(table, chart), table.name)
        self.report_ready.emit(report)

    def _failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self.summary.setText(escape(message))
        self.about.hide()


class BarChart(QWidget):
    """Horizontal bars for the first rows of a table, drawn with QPainter (QtCharts is not in
    the Qt wheels the app uses)."""

    def __init__(self, table: Table) -> None:
        super().__init__()
        self.setObjectName("insightsChart")
        self.setAccessibleName(table.chart.title if table.chart else "Chart")
        self.table = table
        self.setMinimumWidth(280)

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        chart = self.table.chart
        if chart is None:
            return
        rows = [r for r in self.table.rows if is_number(r[chart.value_columns[0]])][:CHART_ROWS]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        line = self.fontMetrics().height()
        fitting = max(1, int((self.height() - 2 * line) // (line + 2)))  # bars a line tall
        title = chart.title if len(rows) <= fitting else f"{chart.title} (first {fitting})"
        rows = rows[:fitting]  # the rows come best first: the top ones are what a chart is for
        painter.drawText(QRectF(0, 0, self.width(), line), title)
        if not rows:
            return
        peak = max(float(r[chart.value_columns[0]]) for r in rows) or 1.0
        label_width = self.width() * 0.45
        value_room = 8 + max(  # room for the widest figure after its bar ("150,000")
            self.fontMetrics().horizontalAdvance(bar_figure(float(r[chart.value_columns[0]])))
            for r in rows
        )
        bar_room = self.width() - label_width - value_room
        height = min(2 * line, (self.height() - 2 * line) / len(rows))
        for index, row in enumerate(rows):
            y = 2 * line + index * height
            label = self.fontMetrics().elidedText(
                str(row[chart.label_column]), Qt.TextElideMode.ElideRight, int(label_width) - 6
            )
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRectF(0, y, label_width - 6, height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            value = float(row[chart.value_columns[0]])
            width = bar_room * value / peak
            painter.fillRect(
                QRectF(label_width, y + height * 0.15, width, height * 0.7),
                palette.color(QPalette.ColorRole.Highlight),
            )
            painter.drawText(
                QRectF(label_width + width + 4, y, value_room, height),
                Qt.AlignmentFlag.AlignVCenter,
                bar_figure(value),
            )
        painter.end()


def bar_figure(value: float) -> str:
    """A bar's figure: 150,000 for an amount, 12 or 66.7 for a count or a rate."""
    return display(value) if abs(value) >= GROUPED_FROM else f"{value:g}"


def report_kinds(kinds: Iterable[str]) -> list[tuple[str, str]]:
    """The reports the core has, by name, the summary first (a lead reads it first); a kind
    this view has no name for yet is listed under its own."""
    ordered = sorted(kinds, key=lambda kind: kind != "summary")  # stable: the core's order
    return [(kind, KIND_NAMES.get(kind, kind.replace("_", " ").capitalize())) for kind in ordered]


def headline(report: Report) -> str:
    """The report's title, and its period unless an about line says it."""
    labels = {label.casefold() for label, _ in report.about}
    title = f"<b>{escape(report.title)}</b>"
    return title if "period" in labels else f"{title} — {escape(report.period)}"


def about_html(about: Iterable[tuple[str, str]], notes: Iterable[str]) -> str:
    """The about lines as label and text, then the notes, as rich text."""
    rows = "".join(
        f"<tr><td style='padding-right:12px'><b>{escape(label)}</b></td>"
        f"<td>{escape(text)}</td></tr>"
        for label, text in about
    )
    html = f"<table cellspacing='0'>{rows}</table>" if rows else ""
    said = [escape(note) for note in notes]
    if said:
        html += "<p style='margin-top:4px'>" + "<br>".join(said) + "</p>"
    return html
