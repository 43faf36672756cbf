"""Preparing for: the deal the rep's next call is about, above the search box. Type-ahead over
the upcoming calls on deals (from the calendar import, soonest first) and the open deals (by
account, deal name or CRM id); choosing one suggests its filters and shows the kit for the
call, and every use is recorded with the deal. "No deal" is always one click away.
Hidden while no deals are imported: a rep without a CRM export sees the window as before."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from contentfinder.deals.calendar import UpcomingCall
from contentfinder.deals.model import Deal
from contentfinder.text import fold

NO_DEAL = "No deal"
_IS_CALL = Qt.ItemDataRole.UserRole + 1  # an item for a meeting, not the deal itself


def call_label(call: UpcomingCall) -> str:
    """ "Tue 08 Dec 10:00 · Harbor Steel - pricing review (Press line expansion)"."""
    when = call.meeting.starts_at.astimezone().strftime("%a %d %b %H:%M")
    return f"{when} · {call.meeting.title} ({call.deal.name})"


def deal_label(deal: Deal) -> str:
    """How a deal reads in the picker: "Harbor Steel — Press line expansion · Proposal"."""
    who = f"{deal.account} — {deal.name}" if deal.account else deal.name
    return f"{who} · {deal.stage}" if deal.stage else who


class DealPicker(QWidget):
    chosen = Signal(object)  # Deal, or None for no deal; only what the rep chose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dealPicker")
        self.setAccessibleName("Preparing for")
        self.deals: list[Deal] = []
        self.current: Deal | None = None
        label = QLabel("Preparing for:")
        self.box = QComboBox()
        self.box.setObjectName("dealPickerBox")
        self.box.setAccessibleName("Preparing for deal")
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setMinimumContentsLength(36)
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.box.lineEdit().setPlaceholderText("type an account or deal…")
        completer = QCompleter(self.box.model(), self.box)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "steel" finds "Harbor Steel — …"
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.box.setCompleter(completer)
        completer.activated[str].connect(self._completed)
        self.box.lineEdit().returnPressed.connect(self._entered)
        label.setBuddy(self.box)
        self.box.activated.connect(self._activated)
        self.no_deal = QPushButton("✕ No deal")
        self.no_deal.setObjectName("noDealButton")
        self.no_deal.setAccessibleName("No deal")
        self.no_deal.setToolTip("Search without a deal: drop its suggested filters and its kit")
        self.no_deal.setFlat(True)
        self.no_deal.clicked.connect(lambda: self.choose(None, by_rep=True))
        self.no_deal.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.no_deal)
        self.hide()

    def set_deals(self, deals: Sequence[Deal], calls: Sequence[UpcomingCall] = ()) -> None:
        """The deals to choose from: the upcoming calls on them first, then the open deals,
        soonest to close first."""
        open_deals = [deal for deal in deals if deal.is_open]
        self.deals = sorted(
            open_deals, key=lambda d: (d.close_date is None, d.close_date, deal_label(d))
        )
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItem(NO_DEAL, None)
        for call in calls:
            self.box.addItem(call_label(call), call.deal.deal_id)
            self.box.setItemData(self.box.count() - 1, True, _IS_CALL)
        for deal in self.deals:
            self.box.addItem(deal_label(deal), deal.deal_id)
            self.box.setItemData(
                self.box.count() - 1,
                f"{deal_label(deal)}\nCRM id {deal.deal_id}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.box.blockSignals(False)
        known = self.current is not None and any(
            d.deal_id == self.current.deal_id for d in self.deals
        )
        self._show(self.current if known else None)
        self.setVisible(bool(self.deals))

    def choose(self, deal_id: str | None, *, by_rep: bool) -> Deal | None:
        """Makes `deal_id` the deal prepared for (None, or one not open: no deal); `chosen` is
        emitted only when the rep chose, not when a remembered choice is restored."""
        deal = next((d for d in self.deals if d.deal_id == deal_id), None)
        changed = (deal.deal_id if deal else None) != (
            self.current.deal_id if self.current else None
        )
        self._show(deal)
        if by_rep and changed:
            self.chosen.emit(deal)
        return deal

    def _show(self, deal: Deal | None) -> None:
        self.current = deal
        self.box.blockSignals(True)
        index = 0
        if deal is not None:  # the deal's own item, not a meeting's, says what is chosen
            index = next(
                i
                for i in range(self.box.count())
                if self.box.itemData(i) == deal.deal_id and not self.box.itemData(i, _IS_CALL)
            )
        self.box.setCurrentIndex(max(index, 0))
        if deal is None:
            self.box.setEditText("")
        self.box.blockSignals(False)
        self.no_deal.setVisible(deal is not None)

    def _activated(self, index: int) -> None:
        self.choose(self.box.itemData(index), by_rep=True)

    def _entered(self) -> None:
        """Enter on typed text: the deal it names when it names one (a part of one item, or of
        a call and its deal); several or none: nothing chosen, the list says what matches."""
        typed = fold(self.box.currentText())
        if not typed or self.box.findText(self.box.currentText()) >= 0:
            return  # an item's own text: the completer or the list has chosen it
        ids = {
            self.box.itemData(i)
            for i in range(1, self.box.count())
            if typed in fold(self.box.itemText(i))
        }
        if len(ids) == 1:
            self.choose(ids.pop(), by_rep=True)
        else:
            self.box.showPopup()

    def _completed(self, text: str) -> None:
        index = self.box.findText(text)
        if index >= 0:
            self.choose(self.box.itemData(index), by_rep=True)
