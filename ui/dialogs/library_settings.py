"""The first-run choice of a library, and the settings dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
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

SAMPLE_LIBRARY = Path(__file__).resolve().parents[2] / "resources" / "sample-library"


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
        self.sample_button.clicked.connect(lambda: self._accept(SAMPLE_LIBRARY))
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

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "The library folder", self.library.text())
        if folder:
            self.library.setText(folder)

    def preferences(self) -> Preferences:
        library = self.library.text().strip()
        return Preferences(
            library=Path(library).expanduser() if library else None,
            sync_target=self.sync_target.text().strip(),
            display_name=self.display_name.text().strip(),
            share_name=self.share_name.isChecked(),
            redact_queries=self.redact_queries.isChecked(),
        )
