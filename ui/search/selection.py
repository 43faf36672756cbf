"""The current asset: one at a time, a result or a My kit or Similar entry, shown in the
preview and acted on by Enter, Copy and the preview's buttons. Choosing an entry of My kit or
Similar clears the result selection, and choosing a result clears theirs, so what looks
current is current.

Only what the rep did is a use: an asset the rep moved to themselves (a click, an arrow key)
and stayed on a moment (`settle_ms`) counts as previewed; the top result the app selects for
each new result set does not, though its similar content is looked up all the same. A preview
is recorded with how long it was looked at, once the rep leaves it (another item, a new query,
the window closed) or once it is an engaged use (`engaged_seconds`), whichever comes first;
one picked from the results carries the search it came from, taken when it began to count."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer

from contentfinder.search.results import Hit
from contentfinder.usage.outcomes import ENGAGED_PREVIEW_SECONDS, SearchLink
from ui.controllers.actions import AssetActions
from ui.controllers.search_process import SearchClient
from ui.panels.my_kit import MyKit
from ui.panels.preview import PreviewPane
from ui.search.results_area import ResultsArea

PREVIEW_SETTLE_MS = 600  # a result selected this long counts as previewed
KIT_PURPOSES = ("favorites", "recent")


@dataclass
class _Viewing:
    """An asset the rep chose, on screen since `since` (the selection's clock)."""

    hit: Hit
    since: float
    rank: int | None  # its place in the results; None: from My kit or Similar
    link: SearchLink | None = None
    linked: bool = False  # the search it came from was looked up
    deal_id: str | None = None  # the deal being prepared for when the rep chose it


class Selection(QObject):
    def __init__(
        self,
        client: SearchClient,
        *,
        results: ResultsArea,
        preview: PreviewPane,
        kit: MyKit,
        actions: AssetActions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client, self.results, self.preview = client, results, preview
        self.kit, self.actions = kit, actions
        # Attributes, so that tests need not wait the real times.
        self.settle_ms = PREVIEW_SETTLE_MS
        self.engaged_seconds = ENGAGED_PREVIEW_SECONDS
        self.clock: Callable[[], float] = time.monotonic
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._previewed)
        self.engaged_timer = QTimer(self)
        self.engaged_timer.setSingleShot(True)
        # A coarse timer may fire 5% early: a preview recorded at 9.5 s would not be engaged.
        self.engaged_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.engaged_timer.timeout.connect(self.finish_preview)
        results.current_changed.connect(self._current_changed)
        results.query_changed.connect(self._query_changed)
        self._chosen_by_rep = False
        self._viewing: _Viewing | None = None
        kit.chosen.connect(self._kit_chosen)
        preview.similar_chosen.connect(self._similar_chosen)
        client.similar_found.connect(preview.set_similar)
        client.hits_found.connect(self._hits_found)
        actions.kit_loaded.connect(self._kit_loaded)
        actions.favorites_changed.connect(self._favorites_changed)

    def current_hit(self) -> Hit | None:
        return self.results.current_hit() or self.preview.hit

    def current_rank(self) -> int | None:
        """The current item's place in the results on screen (1 the top); None when it was
        picked in My kit or Similar (no result is current then, `_kit_chosen`)."""
        return self.results.current_rank()

    def show(self, hit: Hit, *, by_rep: bool, rank: int | None = None) -> None:
        self.finish_preview()  # the one shown before is left
        self.preview.show_hit(hit, favorite=hit.id in self.actions.favorites)
        self._chosen_by_rep = by_rep
        if by_rep:
            self._begin(hit, rank)
        self.timer.start(self.settle_ms)

    def _begin(self, hit: Hit, rank: int | None) -> None:
        self._viewing = _Viewing(hit, self.clock(), rank, deal_id=self.actions.deal_id)
        self.engaged_timer.start(round(self.engaged_seconds * 1000))

    def finish_preview(self) -> None:
        """The rep leaves what they chose: recorded as a preview with how long it was on
        screen (at most `engaged_seconds`) if it stayed `settle_ms`; asked again, nothing."""
        viewing, self._viewing = self._viewing, None
        self.engaged_timer.stop()
        if viewing is None:
            return
        seconds = self.clock() - viewing.since
        if seconds * 1000 < self.settle_ms:
            return  # passed over on the way to another
        if not viewing.linked:
            viewing.link = self.actions.search_link(viewing.rank)
        self.actions.preview(
            viewing.hit,
            seconds=min(seconds, self.engaged_seconds),
            came_from=viewing.link,
            deal_id=viewing.deal_id,
        )

    def _query_changed(self) -> None:
        """A new search: what the rep chose from the last one is left; the next preview is
        only one the rep chooses again."""
        self.finish_preview()
        self._chosen_by_rep = False

    def _current_changed(self, hit: Hit, by_rep: bool) -> None:
        if by_rep:
            self._clear_side_lists()
        rank = self.results.current_rank()
        if self.preview.hit is None or self.preview.hit.id != hit.id:
            self.show(hit, by_rep=by_rep, rank=rank)
        else:
            self.preview.hit = hit  # same asset, fresher result (snippet for the new words)
            if by_rep and not self._chosen_by_rep:
                self._chosen_by_rep = True  # the rep chose the row the app had selected
                self._begin(hit, rank)
                self.timer.start(self.settle_ms)

    def choose_aside(self, hit: Hit) -> None:
        """An asset chosen outside the results (the call kit): shown as from My kit."""
        self._kit_chosen(hit)

    def _kit_chosen(self, hit: Hit) -> None:
        self.results.clear_current()
        self._clear_side_lists(keep_kit=True)
        self.show(hit, by_rep=True)

    def _similar_chosen(self, asset_id: str) -> None:
        self.finish_preview()  # left now, though the one chosen is still on its way
        self.results.clear_current()
        self._clear_side_lists()
        self.client.hits("preview", [asset_id])

    def _clear_side_lists(self, *, keep_kit: bool = False) -> None:
        if not keep_kit:
            self.kit.favorites.clearSelection()
            self.kit.recent.clearSelection()
        self.preview.similar.clearSelection()

    def _previewed(self) -> None:
        """Not while every keystroke brings another first result: only once the rep stays.
        What the rep chose counts from now: the search it came from is taken (recorded
        first if it was still pending), the preview is recorded when the rep leaves it."""
        hit = self.preview.hit
        if hit is None:
            return
        viewing = self._viewing
        if viewing is not None and viewing.hit.id == hit.id and not viewing.linked:
            viewing.link, viewing.linked = self.actions.search_link(viewing.rank), True
        self.client.similar(hit.id)

    def _kit_loaded(self, favorites: list[str], recent: list[str]) -> None:
        self.client.hits("favorites", favorites)
        self.client.hits("recent", recent)

    def _hits_found(self, purpose: str, hits: list) -> None:
        if purpose in KIT_PURPOSES:
            self.kit.show_hits(purpose, hits)
        elif purpose == "preview" and hits:
            self.show(hits[0], by_rep=True)  # a Similar entry the rep chose

    def _favorites_changed(self, favorites: set[str]) -> None:
        if self.preview.hit is not None:
            self.preview.set_favorite(self.preview.hit.id in favorites)
