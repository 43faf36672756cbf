"""The Publish dialog, for marketers: files dropped or picked, tags chosen from the taxonomy
with type-ahead, proposals pre-filled with their reasons, a summary before anything is
written, and each problem shown beside the field it concerns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contentfinder.config import Settings
from contentfinder.curation.proposals import Suggestion
from contentfinder.curation.publish import PublishError, PublishRequest, plan, publish
from contentfinder.library.opened import Library
from contentfinder.library.taxonomy import Taxonomy


class PublishDialog(QDialog):
    published = Signal(object)  # list[Planned]
    suggestions_shown = Signal(object)  # list[Suggestion] (tests)

    def __init__(
        self,
        settings: Settings,
        taxonomy: Taxonomy,
        assets: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.taxonomy = settings, taxonomy
        self.setObjectName("publishDialog")
        self.setAccessibleName("Publish")
        self.setWindowTitle("Publish to the library")
        self.setAcceptDrops(True)
        self.resize(720, 640)
        self.files = QListWidget()
        self.files.setObjectName("publishFiles")
        self.files.setAccessibleName("Files to publish")
        add = QPushButton("Add files…")
        add.clicked.connect(self._pick)
        self.title = QLineEdit()
        self.title.setObjectName("publishTitle")
        self.summary = QLineEdit()
        self.owner = QLineEdit()
        self.fields: dict[str, QComboBox] = {}
        self.notes: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(QLabel("Drop files here, or:"), add)
        form.addRow("Files", self.files)
        form.addRow("Title", self.title)
        form.addRow("Summary", self.summary)
        form.addRow("Owner", self.owner)
        for facet in taxonomy.facets:
            box = QComboBox()
            box.setObjectName(f"publish_{facet.name}")
            box.setAccessibleName(facet.label)
            box.setEditable(True)
            box.addItems([""] + [v.name for v in facet.values])
            completer = QCompleter([v.name for v in facet.values], box)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            box.setCompleter(completer)
            note = QLabel()
            note.setObjectName(f"publishNote_{facet.name}")
            note.setWordWrap(True)
            row = QHBoxLayout()
            row.addWidget(box, 1)
            row.addWidget(note, 2)
            label = facet.label + (" *" if facet.required else "")
            form.addRow(label, row)
            self.fields[facet.name], self.notes[facet.name] = box, note
        self.expires_on = QCheckBox("Expires on")
        self.expires = QDateEdit(QDate.currentDate().addYears(1))
        self.expires.setCalendarPopup(True)
        self.expires.setObjectName("publishExpires")
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires_on)
        expiry.addWidget(self.expires)
        form.addRow("Expiry", expiry)
        self.supersedes = QComboBox()
        self.supersedes.setObjectName("publishSupersedes")
        self.supersedes.setEditable(True)
        self.supersedes.addItems([""] + sorted(assets))
        supersede_completer = QCompleter(sorted(assets), self.supersedes)
        supersede_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        supersede_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.supersedes.setCompleter(supersede_completer)
        form.addRow("Replaces (expires it today)", self.supersedes)
        self.report = QLabel("Add a file to begin.")
        self.report.setObjectName("publishSummary")
        self.report.setWordWrap(True)
        self.check_button = QPushButton("Check")
        self.check_button.setObjectName("publishCheck")
        self.check_button.clicked.connect(self.check)
        self.publish_button = QPushButton("Publish")
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setEnabled(False)
        self.publish_button.clicked.connect(self.publish_now)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.publish_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report)
        layout.addLayout(buttons)
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._sink = _Sink()
        self._sink.suggested.connect(self._show_suggestions)
        self._sink.done.connect(self._done)
        self._sink.failed.connect(self._failed)

    # -- files -----------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.files.addItem(str(path))
        if paths and not self.title.text():
            self.title.setText(paths[0].stem)
        if paths:
            self._pool.start(_Suggest(self.settings, paths[0], self._sink))
        self.publish_button.setEnabled(False)

    def _pick(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Files to publish")
        self.add_files([Path(n) for n in names])

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_files(paths)
        event.acceptProposedAction()

    def _show_suggestions(self, suggestions: list[Suggestion]) -> None:
        for suggestion in suggestions:
            box = self.fields.get(suggestion.facet)
            if box is None:
                continue
            note = self.notes[suggestion.facet]
            if not box.currentText():
                box.setCurrentText(suggestion.value)
                note.setText(f"proposed: {suggestion.reason}")
            elif not note.text():
                note.setText(f"also proposed: {suggestion.value} ({suggestion.reason})")
        self.suggestions_shown.emit(suggestions)

    # -- checking and publishing -----------------------------------------------------------

    def request(self, *, dry_run: bool) -> PublishRequest:
        tags = {
            name: [box.currentText()]
            for name, box in self.fields.items()
            if box.currentText().strip()
        }
        expires = self.expires.date().toPython().isoformat() if self.expires_on.isChecked() else ""
        return PublishRequest(
            files=tuple(Path(self.files.item(i).text()) for i in range(self.files.count())),
            tags=tags,
            title=self.title.text().strip(),
            summary=self.summary.text().strip(),
            owner=self.owner.text().strip(),
            expires=expires,
            supersedes=self.supersedes.currentText().strip(),
            dry_run=dry_run,
            today=date.today(),
        )

    def check(self) -> bool:
        """Shows what publishing would do, or each problem beside its field."""
        for note in self.notes.values():
            if note.text().startswith("⚠"):
                note.clear()
        if not self.files.count():
            self.report.setText("⚠ Add a file to publish.")
            return False
        try:
            library = Library(self.settings, taxonomy=self.taxonomy)
            planned = plan(library, self.request(dry_run=True))
        except PublishError as exc:
            general = []
            for problem in exc.problems:
                note = self.notes.get(problem.field)
                if note is not None:
                    note.setText(f"⚠ {problem.message}")
                    note.setStyleSheet("color: #b3261e")
                else:
                    general.append(problem.message)
            self.report.setText(
                "⚠ " + "<br>⚠ ".join(general) if general else "⚠ Fix the fields marked above."
            )
            self.publish_button.setEnabled(False)
            return False
        lines = []
        for item in planned:
            if item.duplicate_of:
                lines.append(
                    f"{item.source.name}: already in the library as "
                    f"{item.duplicate_of}; will not be copied"
                )
            else:
                tags = "; ".join(f"{k}: {', '.join(v)}" for k, v in item.tags.items())
                lines.append(f"{item.source.name} → {item.asset_id} ({tags})")
        if self.supersedes.currentText().strip():
            lines.append(f"{self.supersedes.currentText().strip()} expires today.")
        self.report.setText("Will publish:<br>" + "<br>".join(lines))
        self.publish_button.setEnabled(True)
        return True

    def publish_now(self) -> None:
        if not self.check():
            return
        self.publish_button.setEnabled(False)
        self._pool.start(_Publish(self.settings, self.request(dry_run=False), self._sink))

    def wait(self) -> None:
        self._pool.waitForDone(60_000)

    def _done(self, planned: list) -> None:
        self.report.setText("Published. Reps will find it as soon as their index is updated.")
        self.published.emit(planned)

    def _failed(self, message: str) -> None:
        self.report.setText(f"⚠ {message}")


class _Sink(QObject):
    suggested = Signal(object)
    done = Signal(object)
    failed = Signal(str)


class _Suggest(QRunnable):
    def __init__(self, settings: Settings, path: Path, sink: _Sink) -> None:
        super().__init__()
        self.settings, self.path, self.sink = settings, path, sink

    def run(self) -> None:
        from contentfinder.curation.proposals import suggest_tags
        from indexer.extract import extract_file

        extracted = extract_file(self.path)
        segments = getattr(extracted, "segments", None)
        if segments is None:
            self.sink.suggested.emit([])
            return
        text = " ".join(s.text for s in segments)
        self.sink.suggested.emit(suggest_tags(Library(self.settings), text))


class _Publish(QRunnable):
    def __init__(self, settings: Settings, request: PublishRequest, sink: _Sink) -> None:
        super().__init__()
        self.settings, self.request, self.sink = settings, request, sink

    def run(self) -> None:
        try:
            self.sink.done.emit(publish(Library(self.settings), self.request))
        except (PublishError, OSError, RuntimeError) as exc:
            self.sink.failed.emit(str(exc))
