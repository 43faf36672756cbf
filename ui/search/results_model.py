"""The results list as a Qt model: immutable hits, named roles, and the files they are, for
drag and drop. Painting is `ui.search.result_delegate`'s; actions are `ui.controllers.actions`'.

One row is one hit, always: the "Partial matches" divider is a role of the first partial hit
(its delegate paints it above the row), not a row of its own, so selection, preview, open, copy
and drag map rows to hits without skipping anything."""

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

from contentfinder.search.results import Hit
from ui.controllers.actions import file_mime_data

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    HIT = Qt.ItemDataRole.UserRole + 1
    ASSET_ID = Qt.ItemDataRole.UserRole + 2
    FAVORITE = Qt.ItemDataRole.UserRole + 3
    DIVIDER = Qt.ItemDataRole.UserRole + 4  # str above the first partial hit, else None
    LACKS = Qt.ItemDataRole.UserRole + 5  # the query's words this partial hit lacks


class ResultsModel(QAbstractListModel):
    # (asset id, rank) of each hit dragged out (a share, for the usage log), rank 1 the top
    dragged = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self._hits: tuple[Hit, ...] = ()
        self._favorites: set[str] = set()
        self._missing: tuple[str, ...] = ()
        self._first_partial: int | None = None

    def set_hits(
        self,
        hits: Sequence[Hit],
        *,
        favorites: set[str] | None = None,
        missing: Sequence[str] = (),
    ) -> None:
        """`missing`: the words no asset mentions (the search's, said once above the list, so
        not again on each row)."""
        self.beginResetModel()
        self._hits = tuple(hits)
        self._missing = tuple(missing)
        self._first_partial = next((i for i, h in enumerate(self._hits) if not h.full), None)
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

    @property
    def first_partial(self) -> int | None:
        """The row the partial matches start at (full matches always come first)."""
        return self._first_partial

    def divider(self, row: int) -> str | None:
        """'Partial matches — missing: dental' above the first partial hit; None elsewhere."""
        if row != self._first_partial:
            return None
        if self._missing and row == 0:  # no full match: the missing words are why
            return f"Partial matches — missing: {', '.join(self._missing)}"
        return "Partial matches — each has some of your words"

    def lacks(self, row: int) -> tuple[str, ...]:
        hit = self.hit(row)
        return () if hit is None else tuple(w for w in hit.missing if w not in self._missing)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return _spoken(hit, hit.id in self._favorites, self.lacks(row))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # The divider is painted, not a row: a screen reader hears it with the row below it.
            spoken = _spoken(hit, hit.id in self._favorites, self.lacks(row))
            divider = self.divider(row)
            return f"{divider}. {spoken}" if divider else spoken
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return _lacking(self.lacks(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.divider(row), hit.explain() or hit.id, _lacking(self.lacks(row))]
            return "\n".join(line for line in lines if line)
        if role == Role.DIVIDER:
            return self.divider(row)
        if role == Role.LACKS:
            return self.lacks(row)
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
        rows = sorted({i.row() for i in indexes if self.hit(i.row()) is not None})
        hits = [self._hits[row] for row in rows]
        self.dragged.emit([(hit.id, row + 1) for hit, row in zip(hits, rows, strict=True)])
        return file_mime_data([h.path for h in hits])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction


def _lacking(words: Sequence[str]) -> str:
    return f"missing: {', '.join(words)}" if words else ""


def _spoken(hit: Hit, favorite: bool, lacks: Sequence[str] = ()) -> str:
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
    if lacks:
        parts.append(_lacking(lacks))
    return ". ".join(parts)
