"""The buttons beside the search box and the dialogs they open: Publish, Library health,
Insights, Settings. What a dialog means for the rest of the window (publish: index again;
a new sync target: sync now; new settings: the identity usage is recorded under) goes out as
signals.

The dialogs are imported when first opened: between them they bring in the reports, the
health checks and the usage sync (SQLAlchemy), a second and more of the window's start-up
that the first search never needs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from contentfinder.config import Settings
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.preferences import load_preferences, save_preferences

if TYPE_CHECKING:
    from contentfinder.curation.publish import Planned
    from ui.dialogs.health import HealthDialog
    from ui.dialogs.insights import InsightsDialog
    from ui.dialogs.publish import PublishDialog


class Dialogs(QObject):
    published = Signal(str)  # files went into the library (what, for the status bar): index it
    sync_target_changed = Signal()
    preferences_saved = Signal(object)  # Preferences, as saved: who the rep is from now on
    insights_opening = Signal()  # the search being typed should count first
    message = Signal(str)  # for the status bar

    def __init__(self, settings: Settings, taxonomy: Taxonomy, window: QWidget) -> None:
        super().__init__(window)
        self.settings, self.taxonomy, self.window = settings, taxonomy, window

    def add_buttons(self, row: QBoxLayout) -> None:
        for name, text, spoken, tip, slot in (
            (
                "publishAction",
                "Publish…",
                "Publish files to the library",
                "Add files to the library: tags proposed from their text, checked before filing",
                self.publish,
            ),
            (
                "healthAction",
                "Library health…",
                "Library health",
                "What needs fixing in the library: missing tags, expired or duplicate assets, "
                "catalog errors",
                self.health,
            ),
            (
                "insightsButton",
                "Insights…",
                "Insights: what content is used",
                "Which assets are used, which never are, and what reps searched for but "
                "did not find",
                self.insights,
            ),
            (
                "settingsButton",
                "Settings…",
                "Settings",
                "The library folder, where usage is synced to, and your name, role and team "
                "in the usage log",
                self.preferences,
            ),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAccessibleName(spoken)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)

    def publish(self) -> PublishDialog:
        from ui.dialogs.publish import PublishDialog

        dialog = PublishDialog(self.settings, self.taxonomy, self.window)
        dialog.published.connect(self._published)
        dialog.show()
        return dialog

    def _published(self, planned: list[Planned]) -> None:
        """Something copied: the index takes it in; only duplicates: nothing to index."""
        from ui.dialogs.publish_text import published_text

        what = published_text(planned)
        if any(item.duplicate_of is None for item in planned):
            self.published.emit(what)
        else:
            self.message.emit(what)

    def health(self) -> HealthDialog:
        from ui.dialogs.health import HealthDialog

        dialog = HealthDialog(self.settings, self.window)
        dialog.show()
        dialog.refresh()
        return dialog

    def insights(self) -> InsightsDialog:
        from ui.dialogs.insights import InsightsDialog

        self.insights_opening.emit()
        dialog = InsightsDialog(self.settings, self.window)
        dialog.show()
        dialog.refresh()
        return dialog

    def preferences(self) -> None:
        from contentfinder.usage.targets import mask_password
        from ui.dialogs.library_settings import SettingsDialog

        current = load_preferences(self.settings.home)
        if current.library is None:
            current = replace(current, library=self.settings.library)
        dialog = SettingsDialog(current, self.window)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        chosen = dialog.preferences()
        try:
            save_preferences(self.settings.home, chosen)
        except OSError as exc:
            self.message.emit(f"Could not save the settings: {exc.strerror or exc}")
            return
        self.preferences_saved.emit(chosen)
        changes = []
        if chosen.role != current.role:
            changes.append(
                "your searches and opens now count as marketing's, not a rep's"
                if chosen.role == "marketing"
                else "your searches and opens now count as a rep's"
            )
        if chosen.sync_target != current.sync_target:
            where = mask_password(chosen.sync_target)
            changes.append(f"usage goes to {where}" if where else "usage is kept on this computer")
            self.sync_target_changed.emit()
        said = "Settings saved" + (": " + "; ".join(changes) if changes else "")
        if chosen.library is not None and chosen.library.resolve() != self.settings.library:
            said = f"The library {chosen.library} opens the next time contentfinder starts"
        self.message.emit(said)
