"""Telling marketing what a search did not find: the search and filters it is about, a note in
the rep's words, Send or Cancel, and honest words about when marketing will see it (at the
next usage sync, or only once a sync is set up in Settings). Recording is the caller's
(`sent` carries the note); Cancel records nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from contentfinder.preferences import Preferences

NOTE_PLACEHOLDER = "e.g. a one-page HIPAA summary for dental practices, in Spanish"
NOTE_LIMIT = 2000  # characters: a note, not a document


class TellMarketingDialog(QDialog):
    sent = Signal(str)  # the rep's note ('' when they wrote none)

    def __init__(
        self,
        query: str,
        filters: Mapping[str, Sequence[str]],
        preferences: Preferences,
        parent: QWidget | None = None,
        *,
        sync_minutes: int,
        sync_error: str = "",
    ) -> None:
        super().__init__(parent)
        self.query, self.filters = query, {k: list(v) for k, v in filters.items()}
        self.confirmation = confirmation(preferences, sync_minutes, sync_error)
        self.setObjectName("tellMarketing")
        self.setWindowTitle("Tell marketing")
        self.setAccessibleName("Tell marketing what was missing")
        self.setMinimumWidth(460)
        about = QLabel(subject_html(query, self.filters))
        about.setObjectName("tellMarketingSubject")
        about.setTextFormat(Qt.TextFormat.RichText)
        about.setWordWrap(True)
        ask = QLabel("What were you looking for?")
        self.note = QPlainTextEdit()
        self.note.setObjectName("tellMarketingNote")
        self.note.setAccessibleName("What were you looking for?")
        self.note.setPlaceholderText(NOTE_PLACEHOLDER)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 5 + 12)
        ask.setBuddy(self.note)
        when = QLabel(when_text(preferences, sync_minutes, sync_error))
        when.setObjectName("tellMarketingWhen")
        when.setWordWrap(True)
        when.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.addButton("Send", QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("tellMarketingSend")
        self.send_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("tellMarketingCancel")
        self.cancel_button.setAutoDefault(False)  # Send stays the default while typing
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        # Enter makes a new line in the note; Ctrl+Enter sends, as in a chat.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.send)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addSpacing(6)
        layout.addWidget(ask)
        layout.addWidget(self.note)
        layout.addWidget(when)
        layout.addWidget(buttons)
        self.note.setFocus()

    def note_text(self) -> str:
        return self.note.toPlainText().strip()[:NOTE_LIMIT]

    def send(self) -> None:
        self.sent.emit(self.note_text())
        self.accept()


def subject_html(query: str, filters: Mapping[str, Sequence[str]]) -> str:
    """What the note is about: the search as typed and the filters chosen."""
    words = f"<b>{escape(query.strip())}</b>" if query.strip() else "<i>no words typed</i>"
    chosen = "; ".join(f"{escape(k)}: {escape(', '.join(v))}" for k, v in filters.items() if v)
    return f"Your search: {words}<br>Filters: {chosen or 'none'}"


def when_text(preferences: Preferences, sync_minutes: int, sync_error: str = "") -> str:
    """Before sending: where the note goes, and when marketing can read it (`sync_error`:
    why the last sync failed, if it did)."""
    if not preferences.sync_target.strip():
        return (
            "No usage sync is set up (Settings), so this stays on this computer: marketing "
            "sees it only once a sync is set up."
        )
    from contentfinder.reports.inputs import MIN_REPS  # the reports' rule, read when asked

    if sync_error:
        text = (
            f"The last usage sync failed ({sync_error}): this waits on this computer, and "
            "marketing sees it once a sync gets through."
        )
    else:
        text = f"Marketing sees this after the next usage sync (every {sync_minutes} minutes)."
    text += (
        f" Their report lists a search once {MIN_REPS} or more reps have made it, so no one "
        "is singled out."
    )
    if preferences.redact_queries:
        text += (
            " Your search text is sent hashed (Settings), so your note stays on this "
            "computer: marketing sees only that this search needed something."
        )
    return text


def confirmation(preferences: Preferences, sync_minutes: int, sync_error: str = "") -> str:
    """After sending: what happened, for the status bar."""
    if not preferences.sync_target.strip():
        return (
            "Saved on this computer — no sync is set up, so marketing sees it only if you "
            "set one up in Settings"
        )
    if sync_error:
        return (
            "Saved on this computer — the last usage sync failed, so marketing sees it once "
            "a sync gets through"
        )
    return f"Sent — marketing will see it at the next sync (every {sync_minutes} minutes)"
