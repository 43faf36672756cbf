"""After a publish, the status bar names what was published ("Published 'Q3 pricing
sheet.pdf' to Pricing/ — indexing…", then "— in the index: reps can find it now"), and an
index run that finds nothing new right after (the folder watcher's, the publish's own run
having taken the file in) does not replace that with "0 added"."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject

from ui.panels.status_bar import StatusBar

NEWS_SECONDS = 60  # an index run finding nothing new this soon after keeps the news up
NEWS_MS = 15_000


class PublishedNews(QObject):
    def __init__(self, status: StatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = status
        # What was last published, when, and whether an index run has taken it in.
        self._news: tuple[str, float, bool] | None = None

    def published(self, what: str) -> None:
        self._news = (what, time.monotonic(), False)
        self.status.say(news_text(what, indexed=False), NEWS_MS)

    def indexed(self, summary: dict) -> None:
        """After the status bar said the run's own outcome."""
        if self._news is None:
            return
        what, since, indexed = self._news
        if time.monotonic() - since > NEWS_SECONDS:
            self._news = None
            return
        if summary["added"] or summary["updated"]:
            indexed = True
            self._news = (what, time.monotonic(), indexed)
        elif summary["removed"] or summary["failed"]:
            return  # news of its own
        self.status.say(news_text(what, indexed=indexed), NEWS_MS)


def news_text(what: str, *, indexed: bool) -> str:
    if indexed:
        return f"{what} — in the index: reps can find it now"
    return f"{what} — indexing…"
