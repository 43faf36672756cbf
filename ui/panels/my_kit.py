"""My kit: the rep's favorites and recently used assets, one click away; a title too long for
the pane is elided with "…", and said whole in its tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from contentfinder.search.results import Hit
from ui.icons import format_icon


class MyKit(QWidget):
    chosen = Signal(object)  # Hit

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("myKit")
        self.setAccessibleName("My kit")
        layout = QVBoxLayout(self)
        self.favorites = self._list("favoritesList", "Favorites")
        self.recent = self._list("recentList", "Recently used")
        for label, widget in (("Favorites", self.favorites), ("Recently used", self.recent)):
            heading = QLabel(f"<b>{label}</b>")
            heading.setBuddy(widget)
            layout.addWidget(heading)
            layout.addWidget(widget, 1)

    def _list(self, name: str, label: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        widget.setAccessibleName(label)
        # Titles elide with "…" to the list's width; the tooltip says them whole.
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.itemActivated.connect(self._activated)
        widget.itemClicked.connect(self._activated)
        return widget

    def show_hits(self, which: str, hits: Sequence[Hit]) -> None:
        widget = self.favorites if which == "favorites" else self.recent
        widget.clear()
        for hit in hits:
            item = QListWidgetItem(format_icon(hit.format), hit.title)
            item.setData(Qt.ItemDataRole.UserRole, hit)
            item.setToolTip(f"{hit.title}\n{hit.id}")
            widget.addItem(item)
        if not hits:
            empty = QListWidgetItem(
                "Star an asset to keep it here." if which == "favorites" else "Nothing yet."
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(empty)

    def _activated(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if hit is not None:
            self.chosen.emit(hit)
