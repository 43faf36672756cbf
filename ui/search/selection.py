"""The current asset: one at a time, a result or a My kit or Similar entry, shown in the
preview and acted on by Enter, Copy and the preview's buttons. Choosing an entry of My kit or
Similar clears the result selection, and choosing a result clears theirs, so what looks
current is current.

Only what the rep did is a use: an asset the rep moved to themselves (a click, an arrow key)
and stayed on a moment counts as previewed; the top result the app selects for each new
result set does not, though its similar content is looked up all the same."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from contentfinder.search.session import Hit
from ui.controllers.actions import AssetActions
from ui.controllers.search_process import SearchClient
from ui.panels.my_kit import MyKit
from ui.panels.preview import PreviewPane
from ui.search.results_area import ResultsArea

PREVIEW_SETTLE_MS = 600  # a result selected this long counts as previewed
KIT_PURPOSES = ("favorites", "recent")


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
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_SETTLE_MS)
        self.timer.timeout.connect(self._previewed)
        results.current_changed.connect(self._current_changed)
        self._chosen_by_rep = False
        kit.chosen.connect(self._kit_chosen)
        preview.similar_chosen.connect(self._similar_chosen)
        client.similar_found.connect(preview.set_similar)
        client.hits_found.connect(self._hits_found)
        actions.kit_loaded.connect(self._kit_loaded)
        actions.favorites_changed.connect(self._favorites_changed)

    def current_hit(self) -> Hit | None:
        return self.results.current_hit() or self.preview.hit

    def show(self, hit: Hit, *, by_rep: bool) -> None:
        self.preview.show_hit(hit, favorite=hit.id in self.actions.favorites)
        self._chosen_by_rep = by_rep
        self.timer.start()

    def _current_changed(self, hit: Hit, by_rep: bool) -> None:
        if by_rep:
            self._clear_side_lists()
        if self.preview.hit is None or self.preview.hit.id != hit.id:
            self.show(hit, by_rep=by_rep)
        else:
            self.preview.hit = hit  # same asset, fresher result (snippet for the new words)
            if by_rep and not self._chosen_by_rep:
                self._chosen_by_rep = True  # the rep chose the row the app had selected
                self.timer.start()

    def _kit_chosen(self, hit: Hit) -> None:
        self.results.clear_current()
        self._clear_side_lists(keep_kit=True)
        self.show(hit, by_rep=True)

    def _similar_chosen(self, asset_id: str) -> None:
        self.results.clear_current()
        self._clear_side_lists()
        self.client.hits("preview", [asset_id])

    def _clear_side_lists(self, *, keep_kit: bool = False) -> None:
        if not keep_kit:
            self.kit.favorites.clearSelection()
            self.kit.recent.clearSelection()
        self.preview.similar.clearSelection()

    def _previewed(self) -> None:
        """Not while every keystroke brings another first result: only once the rep stays,
        and only on what the rep chose."""
        hit = self.preview.hit
        if hit is None:
            return
        if self._chosen_by_rep:
            self.actions.preview(hit)
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
