"""Searching as the rep types: each change of the text or the filters is one request to the
search process (keystrokes in one pass of the event loop make one), the newest request wins,
and its results, notice and counts are shown. Suggestions for the search box go the same way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from contentfinder.config import Settings
from contentfinder.search.results import Searched, SearchRequest
from ui.controllers.actions import AssetActions
from ui.controllers.search_process import SearchClient
from ui.panels.facet_panel import FacetPanel
from ui.search.results_area import ResultsArea
from ui.search.search_box import SearchBox

RESULTS_LIMIT = 50
SEARCH_DELAY_MS = 0
FIRST_READ = "Reading the library for the first time — results appear as soon as it is done."


class Searching(QObject):
    results_shown = Signal(object)  # Searched, once the view shows it (tests, benchmarks)

    def __init__(
        self,
        settings: Settings,
        client: SearchClient,
        *,
        box: SearchBox,
        facets: FacetPanel,
        results: ResultsArea,
        actions: AssetActions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.client = settings, client
        self.box, self.facets, self.results, self.actions = box, facets, results, actions
        self.number = 0
        self.shown: Searched | None = None
        self.indexing = False  # told by the window: a failure then may be the first run's
        self.include_expired = False  # the count's "show" link: expired assets too
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search_now)
        box.textChanged.connect(self._typed)
        box.completion_chosen.connect(lambda _: self.search_now())
        box.suggestions_wanted.connect(client.suggest)
        client.suggested.connect(box.show_suggestions)
        facets.filters_changed.connect(self._filters_changed)
        client.searched.connect(self._searched)
        client.failed.connect(self._failed)
        actions.favorites_changed.connect(results.model.set_favorites)
        results.expired_wanted.connect(self.show_expired)

    def request(self) -> SearchRequest:
        return SearchRequest(
            text=self.box.text(),
            filters=self.facets.selection(),
            limit=RESULTS_LIMIT,
            completing=True,  # the rep is typing: the last word may be unfinished
            include_expired=self.include_expired,
            formats=self.facets.formats(),
        )

    def _typed(self, _text: str) -> None:
        self.results.new_query()
        self.timer.start()

    def _filters_changed(self, _filters: object) -> None:
        self.results.new_query()
        self.search_now()

    def waiting(self) -> bool:
        """Whether the newest request's answer is not on screen yet."""
        return self.timer.isActive() or self.shown is None or self.shown.number != self.number

    def show_expired(self, shown: bool) -> None:
        """Expired assets shown (or hidden again) in this and the following searches."""
        self.include_expired = shown
        self.search_now()

    def search_now(self) -> None:
        self.timer.stop()
        self.number += 1
        self.client.search(self.number, self.request())

    def flush(self) -> None:
        """A search the timer still holds goes now (Enter right after a keystroke)."""
        if self.timer.isActive():
            self.search_now()

    def _searched(self, searched: Searched) -> None:
        if searched.number != self.number:
            return  # overtaken by a newer request
        results = searched.results
        self.results.show_results(
            searched, favorites=self.actions.favorites, filtered=self.facets.any_picked()
        )
        self.facets.set_counts(results.facets, results.format_counts)
        self.shown = searched
        self.actions.typed(results)
        self.results_shown.emit(searched)

    def _failed(self, number: int, message: str) -> None:
        if number != self.number:
            return
        # Decided by state, not by the message's words: nothing found yet while the index
        # is being read is the first run (the pipe carries a message, not the exception).
        first_run = self.indexing and self.shown is None
        self.results.show_failure(FIRST_READ if first_run else message)

    def report_gap(
        self, query: str, filters: Mapping[str, Sequence[str]], note: str, what_happened: str
    ) -> bool:
        """The rep told marketing (the dialog has the search it was about, and the note);
        whether it was recorded."""
        if not self.actions.report_gap(query, filters, note):
            return False
        self.results.gap_thanked(what_happened)
        return True
