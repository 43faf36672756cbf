"""The Publish dialog, for marketers: files dropped or picked, tags chosen from the taxonomy
with type-ahead, proposals pre-filled with their reasons, a summary before anything is
written, and each problem shown beside the field it concerns. Every note follows the form as
it is edited (a problem or a summary about values since changed is taken down), dates are in
the rep's locale, and a filled form is never lost to Esc or Close without asking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Signal
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
from contentfinder.curation.publish import Planned, PublishError, PublishRequest
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.text import fold
from ui import tasks
from ui.dialogs.background_work import (
    check_publish,
    propose_tags,
    publish_files,
    supersedable_assets,
)
from ui.dialogs.confirm_strip import ConfirmStrip
from ui.dialogs.publish_text import date_format, published_text
from ui.tasks import Op

PROPOSAL_SECONDS = 30  # reading one file for proposals; longer is a file the reader chokes on
ERROR_STYLE = "color: #b3261e"
STALE = "Changed since the check: press Check to see what will be published."
DISCARD_QUESTION = "Discard this form? The files and tags you entered have not been published."


class PublishDialog(QDialog):
    published = Signal(object)  # list[Planned]
    suggestions_shown = Signal(object)  # list[Suggestion] (tests)
    checked = Signal(bool)  # whether the request can be published as it is

    def __init__(
        self,
        settings: Settings,
        taxonomy: Taxonomy,
        parent: QWidget | None = None,
        *,
        proposal_seconds: float = PROPOSAL_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.settings, self.taxonomy = settings, taxonomy
        self.proposal_seconds = proposal_seconds
        self.setObjectName("publishDialog")
        self.setAccessibleName("Publish")
        self.setWindowTitle("Publish to the library")
        self.setAcceptDrops(True)
        self.resize(720, 640)
        self.proposals: dict[str, Suggestion] = {}  # facet -> the first value proposed
        self._filling = False  # the dialog itself is setting values: not the rep's edits
        self._just_published = False  # the form as it was published: nothing to lose
        self._report_judges_form = False  # the report shows a check of the form as it was
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
            box = self._facet_box(facet.name, facet.label, [v.name for v in facet.values])
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
        self.expires_on.setObjectName("publishExpiresOn")
        self.expires = QDateEdit(QDate.currentDate().addYears(1))
        self.expires.setCalendarPopup(True)
        self.expires.setObjectName("publishExpires")
        self.expires.setDisplayFormat(date_format(QLocale()))
        self.expires.setEnabled(False)
        self.expires_on.toggled.connect(self.expires.setEnabled)
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires_on)
        expiry.addWidget(self.expires)
        expiry.addStretch(1)
        form.addRow("Expiry", expiry)
        self.supersedes = QComboBox()
        self.supersedes.setObjectName("publishSupersedes")
        self.supersedes.setEditable(True)
        self.supersedes.addItem("")
        form.addRow("Replaces (expires it today)", self.supersedes)
        self.report = QLabel("Add a file to begin.")
        self.report.setObjectName("publishSummary")
        self.report.setWordWrap(True)
        self.discard = ConfirmStrip("publishDiscard", yes="Discard", no="Keep editing")
        self.discard.confirmed.connect(lambda: QDialog.reject(self))
        self.check_button = QPushButton("Check")
        self.check_button.setObjectName("publishCheck")
        self.check_button.clicked.connect(self.check)
        self.publish_button = QPushButton("Publish")
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setEnabled(False)
        self.publish_button.clicked.connect(self.publish_now)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("publishClose")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report)
        layout.addWidget(self.discard)
        layout.addLayout(buttons)
        self._watch_edits()
        # Every indexed asset, for the picker: read on a pool thread, not while opening.
        picker = Op(supersedable_assets, settings).success(self._fill_supersedes)
        picker.failure(self._failed).run(self)

    def _facet_box(self, name: str, label: str, values: list[str]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(f"publish_{name}")
        box.setAccessibleName(label)
        box.setEditable(True)
        box.addItems(["", *values])
        completer = QCompleter(values, box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        box.setCompleter(completer)
        return box

    def _watch_edits(self) -> None:
        for name, box in self.fields.items():
            box.currentTextChanged.connect(lambda _text, n=name: self._field_edited(n))
        for line in (self.title, self.summary, self.owner):
            line.textEdited.connect(self._form_edited)
        self.supersedes.currentTextChanged.connect(self._form_edited)
        self.expires_on.toggled.connect(self._form_edited)
        self.expires.dateChanged.connect(self._form_edited)

    def _fill_supersedes(self, assets: list[str]) -> None:
        typed = self.supersedes.currentText()
        self._filling = True
        try:
            self.supersedes.clear()
            self.supersedes.addItems(["", *assets])
            self.supersedes.setCurrentText(typed)
        finally:
            self._filling = False
        completer = QCompleter(assets, self.supersedes)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.supersedes.setCompleter(completer)

    def wait(self, seconds: float = 60) -> bool:
        return tasks.wait(self, seconds)

    # -- closing -----------------------------------------------------------------------------

    def filled(self) -> bool:
        """Whether closing would lose something the rep entered and has not published."""
        if self._just_published:
            return False
        typed = [self.title, self.summary, self.owner]
        return bool(
            self.files.count()
            or any(line.text().strip() for line in typed)
            or any(box.currentText().strip() for box in self.fields.values())
            or self.expires_on.isChecked()
            or self.supersedes.currentText().strip()
        )

    def reject(self) -> None:
        """Esc, Close and the window's ✕ all come here: a filled form asks first; a second
        Esc while asking is "keep editing", never a discard."""
        if self.discard.isVisible():
            self.discard.hide()
            return
        if self.filled():
            self.discard.ask(DISCARD_QUESTION)
            return
        super().reject()

    def done(self, result: int) -> None:
        tasks.cancel(self)  # proposals still being read: their process is killed
        super().done(result)

    # -- edits -------------------------------------------------------------------------------

    def _field_edited(self, facet: str) -> None:
        if self._filling:
            return
        self._refresh_note(facet)
        self._form_edited()

    def _refresh_note(self, facet: str) -> None:
        """The note beside a tag: its proposal, said of the value now in the box (a problem
        shown for an earlier value is gone with it)."""
        note, proposal = self.notes[facet], self.proposals.get(facet)
        note.setStyleSheet("")
        if proposal is None:
            note.clear()
        elif fold(self.fields[facet].currentText()) == fold(proposal.value):
            note.setText(f"proposed: {proposal.reason}")
        else:
            note.setText(f"also proposed: {proposal.value} ({proposal.reason})")

    def _form_edited(self, *_changed: object) -> None:
        """A check or a problem is about the form as it was: taken down, Publish waits for
        another check."""
        if self._filling:
            return
        self._just_published = False
        self.discard.hide()
        self.publish_button.setEnabled(False)
        if self._report_judges_form:
            self._report_judges_form = False
            self.report.setText(STALE)

    # -- files -----------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.files.addItem(str(path))
        if paths and not self.title.text():
            self.title.setText(paths[0].stem)
        if paths:
            self._form_edited()
            self.report.setText("Reading the file for tag proposals… Check when the tags are set.")
            self._propose(paths[0])

    def _propose(self, path: Path) -> None:
        """Proposals in a worker process with a time limit: reading a file has none of its
        own, and a file that makes a reader hang must not hang the dialog."""
        too_long = f"Proposals took too long for {path.name}; fill the tags in yourself."

        def failed(message: str) -> None:
            if message != too_long:
                message = f"No proposals for {path.name} ({message}); fill the tags in yourself."
            self.report.setText(f"⚠ {message}")

        Op(propose_tags, self.settings, path).in_process(
            timeout=self.proposal_seconds, too_long=too_long
        ).success(self._show_suggestions).failure(failed).run(self)

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
            if box is None or suggestion.facet in self.proposals:
                continue
            self.proposals[suggestion.facet] = suggestion
            if not box.currentText():
                self._filling = True
                try:
                    box.setCurrentText(suggestion.value)
                finally:
                    self._filling = False
            self._refresh_note(suggestion.facet)
        if self.report.text().startswith("Reading the file"):
            self.report.setText("Proposals filled in: change what is wrong, then Check.")
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

    def check(self) -> None:
        """Shows what publishing would do, or each problem beside its field (files are hashed
        on a pool thread); `checked` says which."""
        for facet in self.notes:
            self._refresh_note(facet)
        if not self.files.count():
            self.report.setText("⚠ Add a file to publish.")
            self.checked.emit(False)
            return
        self.publish_button.setEnabled(False)
        self.report.setText("Checking…")
        Op(check_publish, self.settings, self.request(dry_run=True)).success(self._checked).failure(
            self._failed
        ).run(self)

    def _checked(self, outcome: list[Planned] | PublishError) -> None:
        if isinstance(outcome, PublishError):
            self._show_problems(outcome)
            self.checked.emit(False)
            return
        lines = []
        for item in outcome:
            if item.duplicate_of:
                lines.append(
                    f"{item.source.name}: already in the library as "
                    f"{item.duplicate_of}; will not be copied"
                )
            else:
                tags = "; ".join(f"{k}: {', '.join(v)}" for k, v in item.tags.items())
                lines.append(f"{item.source.name} → {item.asset_id} ({tags})")
        if self.expires_on.isChecked():
            lines.append(f"Expires on {QLocale().toString(self.expires.date(), date_format())}.")
        if self.supersedes.currentText().strip():
            lines.append(f"{self.supersedes.currentText().strip()} expires today.")
        self.report.setText("Will publish:<br>" + "<br>".join(lines))
        self._report_judges_form = True
        self.publish_button.setEnabled(True)
        self.checked.emit(True)

    def _show_problems(self, error: PublishError) -> None:
        general = []
        for problem in error.problems:
            note = self.notes.get(problem.field)
            if note is not None:
                note.setText(f"⚠ {problem.message}")
                note.setStyleSheet(ERROR_STYLE)
            else:
                general.append(problem.message)
        self.report.setText(
            "⚠ " + "<br>⚠ ".join(general) if general else "⚠ Fix the fields marked above."
        )
        self._report_judges_form = True
        self.publish_button.setEnabled(False)

    def publish_now(self) -> None:
        """Publishes (checking once more: files may have changed since Check)."""
        self.publish_button.setEnabled(False)
        if not self.files.count():
            self.report.setText("⚠ Add a file to publish.")
            return
        self.report.setText("Publishing…")
        Op(publish_files, self.settings, self.request(dry_run=False)).success(
            self._published
        ).failure(self._failed).run(self)

    def _published(self, outcome: list[Planned] | PublishError) -> None:
        if isinstance(outcome, PublishError):
            self._show_problems(outcome)
            return
        self._just_published = True
        self.report.setText(
            f"{published_text(outcome)}. Reps will find it as soon as their index is updated."
        )
        self.published.emit(outcome)

    def _failed(self, message: str) -> None:
        self.report.setText(f"⚠ {message}")
