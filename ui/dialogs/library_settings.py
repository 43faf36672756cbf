"""The first-run choice of a library, and the settings dialog. Settings checks a new usage
sync target before saving it (a folder must exist and take a file, a database must connect),
in a worker process with a time limit while the dialog says "Checking…"; a missing folder is
offered to be made only when its parent exists (a mistyped network share's parent does not).
The rep's role and team go into every usage event from the moment they are saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contentfinder.preferences import Preferences
from contentfinder.resources import sample_library
from contentfinder.usage.target_check import TargetCheck, check_target, create_target_folder
from contentfinder.usage.targets import mask_password
from ui import tasks
from ui.dialogs.confirm_strip import ConfirmStrip
from ui.tasks import Op

CHECK_SECONDS = 15  # a database that has not answered by then is not one to sync to
ERROR_STYLE = "color: #b3261e"
ROLE_NAMES = {"rep": "Sales rep", "marketing": "Marketing"}  # Preferences.role's values
ROLE_HELP = {
    "rep": "Your searches and uses count in marketing's reports.",
    "marketing": "Marketing: your searches and opens are not counted as reps' in reports.",
}


class FirstRunDialog(QDialog):
    """No library yet: choose a folder, or look around in the sample library."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Welcome to contentfinder")
        self.chosen: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<h2>Where is your sales content?</h2>"
            "<p>Choose the folder marketing publishes to — a shared drive or a synced "
            "SharePoint/OneDrive folder. contentfinder only reads it.</p>"
            "<p>Or open the sample library to look around first.</p>"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choose_button = QPushButton("Choose a folder…")
        self.choose_button.setObjectName("chooseLibrary")
        self.choose_button.setAccessibleName("Choose the library folder")
        self.choose_button.setDefault(True)
        self.choose_button.clicked.connect(self._choose)
        self.sample_button = QPushButton("Open the sample library")
        self.sample_button.setObjectName("openSampleLibrary")
        self.sample_button.setAccessibleName("Open the sample library")
        self.sample_button.clicked.connect(lambda: self._accept(sample_library()))
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.sample_button)
        layout.addLayout(row)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "The library folder")
        if folder:
            self._accept(Path(folder))

    def _accept(self, folder: Path) -> None:
        self.chosen = folder
        self.accept()


class SettingsDialog(QDialog):
    """Library folder, where usage is sent (used by sync), and how the rep is named."""

    target_checked = Signal(object)  # TargetCheck (tests)

    def __init__(
        self,
        preferences: Preferences,
        parent: QWidget | None = None,
        *,
        check_seconds: float = CHECK_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.saved_target = preferences.sync_target.strip()
        self.check_seconds = check_seconds
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        form = QFormLayout()
        self.library = QLineEdit(str(preferences.library or ""))
        self.library.setObjectName("settingsLibrary")
        self.library.setAccessibleName("Library folder")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        library_row = QHBoxLayout()
        library_row.addWidget(self.library, 1)
        library_row.addWidget(browse)
        form.addRow("Library folder", library_row)
        self.sync_target = QLineEdit(preferences.sync_target)
        self.sync_target.setObjectName("settingsSyncTarget")
        self.sync_target.setAccessibleName("Usage sync target")
        self.sync_target.setPlaceholderText("a shared folder, or postgresql://…")
        form.addRow("Send usage to", self.sync_target)
        self.display_name = QLineEdit(preferences.display_name)
        self.display_name.setObjectName("settingsDisplayName")
        self.display_name.setAccessibleName("Your name")
        form.addRow("Your name", self.display_name)
        self.share_name = QCheckBox("Show my name in marketing's reports (otherwise anonymous)")
        self.share_name.setObjectName("settingsShareName")
        self.share_name.setChecked(preferences.share_name)
        form.addRow("", self.share_name)
        self.redact_queries = QCheckBox("Send my search text hashed (reports can still group it)")
        self.redact_queries.setObjectName("settingsRedactQueries")
        self.redact_queries.setChecked(preferences.redact_queries)
        form.addRow("", self.redact_queries)
        self.role = QComboBox()
        self.role.setObjectName("settingsRole")
        self.role.setAccessibleName("Your role")
        for role, name in ROLE_NAMES.items():
            self.role.addItem(name, role)
        self.role.setCurrentIndex(max(0, self.role.findData(preferences.role)))
        self.role_help = QLabel()
        self.role_help.setObjectName("settingsRoleHelp")
        self.role_help.setWordWrap(True)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        role_row = QHBoxLayout()
        role_row.addWidget(self.role)
        role_row.addStretch(1)  # a choice of two is as wide as its words
        form.addRow("Role", role_row)
        form.addRow("", self.role_help)
        self.team = QLineEdit(preferences.team)
        self.team.setObjectName("settingsTeam")
        self.team.setAccessibleName("Your team")
        self.team.setPlaceholderText("e.g. EMEA retail (reports can break down by team)")
        form.addRow("Team", self.team)
        self.problem = QLabel()
        self.problem.setObjectName("settingsProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # a path or URL, never markup
        self.problem.hide()
        self.create_folder = ConfirmStrip(
            "settingsCreateFolder", yes="Create the folder", no="Don't create"
        )
        self.create_folder.confirmed.connect(self._create_folder)
        self.create_folder.declined.connect(
            lambda: self._say(f"{self._typed_target()} does not exist.\nNothing saved.", error=True)
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("settingsSave")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.sync_target.textEdited.connect(self._target_edited)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.create_folder)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _role_changed(self, *_: object) -> None:
        self.role_help.setText(ROLE_HELP[self.role.currentData()])

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "The library folder", self.library.text())
        if folder:
            self.library.setText(folder)

    # -- saving ------------------------------------------------------------------------------

    def _typed_target(self) -> str:
        return self.sync_target.text().strip()

    def save(self) -> None:
        """Saves at once when the sync target is unchanged or none; a new one is checked
        first (an unchanged one is not: offline is normal, and it was checked when set)."""
        where = self._typed_target()
        if not where or where == self.saved_target:
            self.accept()
            return
        self._check(check_target, where)

    def _check(self, check: Callable[[str], TargetCheck], where: str) -> None:
        shown = mask_password(where)
        self.create_folder.hide()
        self._say(f"Checking {shown}…")
        self.save_button.setEnabled(False)
        too_long = TargetCheck(
            where,
            f"{shown}: no answer within {self.check_seconds:g} seconds (offline, or a "
            "firewall in the way?)",
        )
        Op(check, where).in_process(timeout=self.check_seconds, too_long=too_long.problem).success(
            self._checked
        ).failure(lambda message: self._checked(TargetCheck(where, message))).run(self)

    def _checked(self, check: TargetCheck) -> None:
        self.save_button.setEnabled(True)
        if check.where != self._typed_target():
            return  # edited while it was checked
        if check.ok:
            self.problem.hide()
            self.accept()
        elif check.missing_folder is not None:
            self.problem.hide()
            self.create_folder.ask(f"{check.missing_folder} does not exist. Create it?")
        else:
            self._say(f"{check.problem}\nNothing saved.", error=True)
        self.target_checked.emit(check)  # once the dialog shows it

    def _create_folder(self) -> None:
        self._check(create_target_folder, self._typed_target())

    def _target_edited(self, _text: str) -> None:
        """A check of what was typed before is of no use now."""
        tasks.cancel(self)
        self.save_button.setEnabled(True)
        self.create_folder.hide()
        self.problem.hide()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.problem.setText(text)
        self.problem.setStyleSheet(ERROR_STYLE if error else "")
        self.problem.show()

    def done(self, result: int) -> None:
        tasks.cancel(self)  # a check under way: its process is killed
        super().done(result)

    def preferences(self) -> Preferences:
        library = self.library.text().strip()
        return Preferences(
            library=Path(library).expanduser() if library else None,
            sync_target=self.sync_target.text().strip(),
            display_name=self.display_name.text().strip(),
            share_name=self.share_name.isChecked(),
            redact_queries=self.redact_queries.isChecked(),
            role=self.role.currentData(),
            team=" ".join(self.team.text().split()),
        )
