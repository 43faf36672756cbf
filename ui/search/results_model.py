"""The results list as a Qt model: immutable hits, named roles, and the files they are, for
drag and drop. Painting is `ui.search.result_delegate`'s; actions are `ui.controllers.actions`'."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from contentfinder.search.session import Hit
from ui.controllers.actions import file_mime_data

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    HIT = Qt.ItemDataRole.UserRole + 1
    ASSET_ID = Qt.ItemDataRole.UserRole + 2
    FAVORITE = Qt.ItemDataRole.UserRole + 3


class ResultsModel(QAbstractListModel):
    dragged = Signal(list)  # asset ids of hits dragged out (a share, for the usage log)

    def __init__(self) -> None:
        super().__init__()
        self._hits: tuple[Hit, ...] = ()
        self._favorites: set[str] = set()

    def set_hits(self, hits: Sequence[Hit], *, favorites: set[str] | None = None) -> None:
        self.beginResetModel()
        self._hits = tuple(hits)
        if favorites is not None:
            self._favorites = set(favorites)
        self.endResetModel()

    def set_favorites(self, asset_ids: set[str]) -> None:
        self._favorites = set(asset_ids)
        if self._hits:
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1))

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, asset_id: str) -> int | None:
        return next((i for i, h in enumerate(self._hits) if h.id == asset_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _spoken(hit, hit.id in self._favorites)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.explain() or hit.id
        if role == Role.HIT:
            return hit
        if role == Role.ASSET_ID:
            return hit.id
        if role == Role.FAVORITE:
            return hit.id in self._favorites
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        default = super().flags(index)
        return default | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else default

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return ["text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        hits = [h for i in indexes if (h := self.hit(i.row())) is not None]
        self.dragged.emit([h.id for h in hits])
        return file_mime_data([h.path for h in hits])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction


def _spoken(hit: Hit, favorite: bool) -> str:
    """What a screen reader says for a result."""
    parts = [hit.title]
    if favorite:
        parts.append("favorite")
    if hit.expired:
        parts.append("expired")
    elif hit.expiring_soon:
        parts.append(f"expires {hit.expires}")
    tags = "; ".join(f"{facet} {', '.join(v)}" for facet, v in hit.tags.items())
    if tags:
        parts.append(tags)
    return ". ".join(parts)
