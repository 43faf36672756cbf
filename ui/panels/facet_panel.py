"""Filters by tag and by format: a group per facet (`facet_<name>`) and one for the file format
(`facet_format`, its values the formats table's names), a checkable value with the number of
assets it would show, and a way to clear them all. Values within a group are ORed, groups
ANDed; counts come from the core, computed the way shoppers expect.

The pane never scrolls sideways: a value too long for it is elided with "…", and its tooltip
says it whole, with the synonyms the taxonomy knows it by."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from contentfinder.library.formats import FORMAT_NAMES, suffixes_of
from contentfinder.library.taxonomy import FacetValue, Taxonomy

FORMAT_GROUP = "format"  # the key of the format group among the facets' names
NARROWEST_VALUE = 60  # px a value's box asks for at least: the rest of its label elides


class ValueBox(QCheckBox):
    """A filter value's check box whose label elides to the width it is given; `text()` is
    the whole label, as set."""

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()  # a wide label must not widen the pane
        return QSize(min(hint.width(), NARROWEST_VALUE), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()  # QCheckBox's own asks sizeHint

    def shown_text(self) -> str:
        """The label as painted: elided to the box's width (worked out once per width and
        label: every search repaints every box, its count having changed)."""
        key = (self.width(), self.text(), self.font().key())
        if getattr(self, "_shown", (None, ""))[0] != key:
            option = QStyleOptionButton()
            self.initStyleOption(option)
            style = self.style()
            room = style.subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self)
            shown = self.fontMetrics().elidedText(
                self.text(), Qt.TextElideMode.ElideRight, max(room.width() - 2, 0)
            )
            self._shown = (key, shown)
        return self._shown[1]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)  # it fits: Qt's own painting, in C++
            return
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = shown
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_CheckBox, option)


class FacetPanel(QScrollArea):
    filters_changed = Signal(dict)  # facet -> tuple of values (the format group's not in it)

    def __init__(self, taxonomy: Taxonomy) -> None:
        super().__init__()
        self.setObjectName("facetPanel")
        self.setAccessibleName("Filters")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.setToolTip("Turn every filter off: show what the search finds")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setEnabled(False)
        layout.addWidget(self.clear_button)
        self.boxes: dict[str, dict[str, QCheckBox]] = {}
        self.groups: dict[str, QGroupBox] = {}
        self.labels: dict[str, str] = {}  # group -> its label ('Persona', 'Format')
        self._tips: dict[tuple[str, str], str] = {}  # (group, value) -> what the value is
        for facet in taxonomy.facets:
            self._add_group(facet.name, facet.label, facet.values, layout)
        formats = tuple(FacetValue(name) for name in FORMAT_NAMES)
        self._add_group(FORMAT_GROUP, "Format", formats, layout)
        for name in FORMAT_NAMES:
            self._tips[(FORMAT_GROUP, name)] = _format_tip(name)
        layout.addStretch(1)
        self.setWidget(body)

    def _add_group(
        self, name: str, label: str, values: tuple[FacetValue, ...], layout: QVBoxLayout
    ) -> None:
        group = QGroupBox(label)
        group.setObjectName(f"facet_{name}")
        group.setAccessibleName(f"{label} filter")
        group_layout = QVBoxLayout(group)
        group_layout.setSpacing(2)
        self.boxes[name] = {}
        for value in values:
            box = ValueBox(value.name)
            box.setObjectName(f"facet_{name}_{value.name}")
            box.setAccessibleName(f"{label}: {value.name}")
            box.toggled.connect(self._changed)
            group_layout.addWidget(box)
            self.boxes[name][value.name] = box
            if value.synonyms:
                self._tips[(name, value.name)] = f"Also: {', '.join(value.synonyms)}"
            box.setToolTip(self._tip(name, value.name, None))
        self.groups[name] = group
        self.labels[name] = label
        layout.addWidget(group)

    def _tip(self, group: str, value: str, count: int | None) -> str:
        said = value if count is None else f"{value} ({count} asset{'' if count == 1 else 's'})"
        about = self._tips.get((group, value))
        return f"{said}\n{about}" if about else said

    # -- what is picked -------------------------------------------------------------------

    def selection(self) -> dict[str, tuple[str, ...]]:
        """The facets' picked values (the search request's `filters`)."""
        return {
            facet: picked
            for facet, boxes in self.boxes.items()
            if facet != FORMAT_GROUP
            and (picked := tuple(v for v, box in boxes.items() if box.isChecked()))
        }

    def formats(self) -> tuple[str, ...]:
        """The formats picked (the search request's `formats`)."""
        return tuple(v for v, box in self.boxes[FORMAT_GROUP].items() if box.isChecked())

    def picked(self) -> list[tuple[str, str]]:
        """Every (group, value) picked, in the pane's order: the active filters' strip."""
        return [
            (group, value)
            for group, boxes in self.boxes.items()
            for value, box in boxes.items()
            if box.isChecked()
        ]

    def any_picked(self) -> bool:
        return bool(self.picked())

    def unpick(self, group: str, value: str) -> None:
        """Turns one filter off (the strip's ✕); the search runs again."""
        box = self.boxes.get(group, {}).get(value)
        if box is not None and box.isChecked():
            box.setChecked(False)

    def pick(self, filters: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
        """Turns these values on (a deal's suggested filters), with one search for them all;
        the (facet, value) pairs it turned on. A value the pane does not list is passed over."""
        turned_on = []
        for facet, values in filters.items():
            for value in values:
                box = self.boxes.get(facet, {}).get(value)
                if box is not None and not box.isChecked():
                    box.blockSignals(True)
                    box.setChecked(True)
                    box.blockSignals(False)
                    turned_on.append((facet, value))
        if turned_on:
            self._changed()
        return turned_on

    def unpick_all(self, picked: Sequence[tuple[str, str]]) -> None:
        """Turns these (facet, value) pairs off, with one search; others stay as they are."""
        changed = False
        for facet, value in picked:
            box = self.boxes.get(facet, {}).get(value)
            if box is not None and box.isChecked():
                box.blockSignals(True)
                box.setChecked(False)
                box.blockSignals(False)
                changed = True
        if changed:
            self._changed()

    def set_counts(
        self,
        counts: Mapping[str, Mapping[str, int]],
        format_counts: Mapping[str, int] | None = None,
    ) -> None:
        """Shows each value's count; a value that would show nothing is dimmed (and cannot be
        picked) unless it is picked already, so it can be unpicked."""
        every = {**counts, FORMAT_GROUP: format_counts or {}}
        self.setUpdatesEnabled(False)  # one repaint for all of them, not one per value
        try:
            for group, boxes in self.boxes.items():
                for value, box in boxes.items():
                    count = every.get(group, {}).get(value, 0)
                    text = f"{value}  ({count})"
                    if box.text() != text:  # a changed label lays the panel out again
                        box.setText(text)
                        box.setAccessibleDescription(f"{count} assets")
                        box.setToolTip(self._tip(group, value, count))
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
        self.clear_button.setEnabled(self.any_picked())
        self.filters_changed.emit(self.selection())

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() == Qt.Key.Key_Escape and self.any_picked():
            self.clear()
            return
        super().keyPressEvent(event)


def _format_tip(name: str) -> str:
    """'PowerPoint files: .pptx, .pptm', from the formats table."""
    return f"{name} files: {', '.join(suffixes_of(name))}"
