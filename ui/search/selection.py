"""The selected asset: the result (or My kit entry) the rep is on is shown in the preview; once
the rep stays on it a moment it counts as previewed and its similar content is looked up."""

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
        kit.chosen.connect(self.show)
        preview.similar_chosen.connect(lambda asset_id: client.hits("preview", [asset_id]))
        client.similar_found.connect(preview.set_similar)
        client.hits_found.connect(self._hits_found)
        actions.kit_loaded.connect(self._kit_loaded)
        actions.favorites_changed.connect(self._favorites_changed)

    def current_hit(self) -> Hit | None:
        return self.results.current_hit() or self.preview.hit

    def show(self, hit: Hit) -> None:
        self.preview.show_hit(hit, favorite=hit.id in self.actions.favorites)
        self.timer.start()

    def _current_changed(self, hit: Hit) -> None:
        if self.preview.hit is None or self.preview.hit.id != hit.id:
            self.show(hit)
        else:
            self.preview.hit = hit  # same asset, fresher result (snippet for the new words)

    def _previewed(self) -> None:
        """Not while every keystroke brings another first result: only once the rep stays."""
        if self.preview.hit is not None:
            self.actions.preview(self.preview.hit)
            self.client.similar(self.preview.hit.id)

    def _kit_loaded(self, favorites: list[str], recent: list[str]) -> None:
        self.client.hits("favorites", favorites)
        self.client.hits("recent", recent)

    def _hits_found(self, purpose: str, hits: list) -> None:
        if purpose in KIT_PURPOSES:
            self.kit.show_hits(purpose, hits)
        elif purpose == "preview" and hits:
            self.show(hits[0])

    def _favorites_changed(self, favorites: set[str]) -> None:
        if self.preview.hit is not None:
            self.preview.set_favorite(self.preview.hit.id in favorites)
