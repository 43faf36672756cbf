"""Filters by tag: a group per facet (`facet_<name>`), a checkable value per tag with the
number of assets it would show, and a way to clear them all. Values within a facet are ORed,
facets ANDed; counts come from the core, computed the way shoppers expect."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contentfinder.library.taxonomy import Taxonomy


class FacetPanel(QScrollArea):
    filters_changed = Signal(dict)  # facet -> tuple of values

    def __init__(self, taxonomy: Taxonomy) -> None:
        super().__init__()
        self.setObjectName("facetPanel")
        self.setAccessibleName("Filters")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setEnabled(False)
        layout.addWidget(self.clear_button)
        self.boxes: dict[str, dict[str, QCheckBox]] = {}
        self.groups: dict[str, QGroupBox] = {}
        for facet in taxonomy.facets:
            group = QGroupBox(facet.label)
            group.setObjectName(f"facet_{facet.name}")
            group.setAccessibleName(f"{facet.label} filter")
            group_layout = QVBoxLayout(group)
            group_layout.setSpacing(2)
            self.boxes[facet.name] = {}
            for value in facet.values:
                box = QCheckBox(value.name)
                box.setObjectName(f"facet_{facet.name}_{value.name}")
                box.setAccessibleName(f"{facet.label}: {value.name}")
                box.toggled.connect(self._changed)
                group_layout.addWidget(box)
                self.boxes[facet.name][value.name] = box
            self.groups[facet.name] = group
            layout.addWidget(group)
        layout.addStretch(1)
        self.setWidget(body)

    def selection(self) -> dict[str, tuple[str, ...]]:
        return {
            facet: picked
            for facet, boxes in self.boxes.items()
            if (picked := tuple(v for v, box in boxes.items() if box.isChecked()))
        }

    def set_counts(self, counts: Mapping[str, Mapping[str, int]]) -> None:
        """Shows each value's count; a value that would show nothing is dimmed (and cannot be
        picked) unless it is picked already, so it can be unpicked."""
        self.setUpdatesEnabled(False)  # one repaint for all of them, not one per value
        try:
            for facet, boxes in self.boxes.items():
                for value, box in boxes.items():
                    count = counts.get(facet, {}).get(value, 0)
                    text = f"{value}  ({count})"
                    if box.text() != text:  # a changed label lays the panel out again
                        box.setText(text)
                        box.setAccessibleDescription(f"{count} assets")
                    box.setEnabled(count > 0 or box.isChecked())
        finally:
            self.setUpdatesEnabled(True)

    def clear(self) -> None:
        changed = False
        for boxes in self.boxes.values():
            for box in boxes.values():
                if box.isChecked():
                    box.blockSignals(True)
                    box.setChecked(False)
                    box.blockSignals(False)
                    changed = True
        if changed:
            self._changed()

    def _changed(self) -> None:
        selection = self.selection()
        self.clear_button.setEnabled(bool(selection))
        self.filters_changed.emit(selection)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() == Qt.Key.Key_Escape and self.selection():
            self.clear()
            return
        super().keyPressEvent(event)
