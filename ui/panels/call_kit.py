"""The kit for this call: for the deal chosen in Preparing for, the assets worth sending, each
with why ("used in 4 won manufacturing deals at this stage"). One click previews an asset as
from My kit; what the rep does with it is recorded with the deal."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from contentfinder.search.results import Hit
from ui.icons import format_icon

CHOOSE_A_DEAL = "Choose a deal in Preparing for to see the kit for that call."


class CallKit(QWidget):
    chosen = Signal(object)  # Hit

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("callKit")
        self.setAccessibleName("Kit for this call")
        layout = QVBoxLayout(self)
        self.heading = QLabel(CHOOSE_A_DEAL)
        self.heading.setObjectName("callKitHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setObjectName("callKitList")
        self.list.setAccessibleName("Assets for this call")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.heading.setBuddy(self.list)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def waiting(self, heading: str) -> None:
        self.heading.setText(heading)
        self.list.clear()
        self._placeholder("Finding the assets for this call…")

    def show_kit(self, heading: str, hits: Sequence[tuple[Hit, str]]) -> None:
        """`hits`: each asset with the reason it is in the kit, best first."""
        self.heading.setText(heading)
        self.list.clear()
        for hit, reason in hits:
            item = QListWidgetItem(format_icon(hit.format), f"{hit.title}\n{reason}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            item.setToolTip(f"{hit.title}\n{reason}\n{hit.id}")
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, reason)
            self.list.addItem(item)
        if not hits:
            self._placeholder("Nothing in the library fits this deal yet.")

    def no_deal(self) -> None:
        self.heading.setText(CHOOSE_A_DEAL)
        self.list.clear()

    def failed(self, message: str) -> None:
        self.list.clear()
        self._placeholder(message)

    def _placeholder(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if hit is not None:
            self.chosen.emit(hit)
