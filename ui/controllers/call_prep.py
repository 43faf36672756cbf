"""Preparing for a call: the deals to choose from (read off the GUI thread when the window has
its first results), the choice remembered for an hour, its suggested filters turned on in the
filter pane (each one chip to remove), the kit for the call computed on a pool thread, and the
deal id on every use while it is chosen (`AssetActions.deal_id`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from contentfinder.config import Settings
from contentfinder.deals.calendar import UpcomingCall, load_meetings, upcoming_calls
from contentfinder.deals.chosen import remember_deal, remembered_deal
from contentfinder.deals.model import Deal
from ui.controllers.actions import AssetActions
from ui.panels.call_kit import CallKit
from ui.panels.deal_picker import DealPicker, deal_label
from ui.panels.facet_panel import FacetPanel
from ui.tasks import Op

if TYPE_CHECKING:
    from contentfinder.deals.kit import Kit


def read_deals(settings: Settings) -> tuple[list[Deal], str | None, list[UpcomingCall]]:
    """The deals in the rep's usage database, the deal chosen within the hour, and the
    upcoming calls on them from the last calendar import."""
    from contentfinder.deals.store import load_deals  # SQLAlchemy: after the first results

    deals = load_deals(settings.usage_db)
    calls = upcoming_calls(load_meetings(settings.home), deals)
    return deals, remembered_deal(settings.home), calls


def prepare_call(settings: Settings, deal: Deal) -> Kit:
    from contentfinder.deals.kit import prepared_call  # the index and the usage log: a thread

    return prepared_call(settings, deal)


class CallPrep(QObject):
    changed = Signal(object)  # the Deal now prepared for, or None
    said = Signal(str)  # for the status bar

    def __init__(
        self,
        settings: Settings,
        *,
        picker: DealPicker,
        kit: CallKit,
        facets: FacetPanel,
        actions: AssetActions,
        show_kit: Callable[[bool], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.picker, self.kit = settings, picker, kit
        self.facets, self.actions, self.show_kit = facets, actions, show_kit
        self.suggested: list[tuple[str, str]] = []  # the filters this deal turned on
        picker.chosen.connect(self._chosen)

    @property
    def deal(self) -> Deal | None:
        return self.picker.current

    def load(self) -> None:
        """Reads the deals (again: after a `deals import`, the next start or this call)."""
        Op(read_deals, self.settings).success(self._read).failure(self.said.emit).run(self)

    def _read(self, read: tuple[list[Deal], str | None, list[UpcomingCall]]) -> None:
        deals, remembered, calls = read
        self.picker.set_deals(deals, calls)
        if remembered is not None and self.deal is None:
            deal = self.picker.choose(remembered, by_rep=False)
            if deal is not None:
                self._prepare(deal, by_rep=False)

    def _chosen(self, deal: Deal | None) -> None:
        Op(remember_deal, self.settings.home, deal.deal_id if deal else None).failure(
            self.said.emit
        ).run(self)
        if deal is None:
            self._drop()
        else:
            self._prepare(deal, by_rep=True)

    def _prepare(self, deal: Deal, *, by_rep: bool) -> None:
        self.actions.settle()  # the search typed before the choice counts without the deal
        self.actions.deal_id = deal.deal_id
        self.kit.waiting(_heading(deal))
        self.show_kit(True)
        Op(prepare_call, self.settings, deal).purpose("call kit").success(
            lambda prepared: self._prepared(prepared, by_rep)
        ).failure(self.kit.failed).run(self)
        self.changed.emit(deal)

    def _prepared(self, prepared: Kit, by_rep: bool) -> None:
        if self.deal is None or self.deal.deal_id != prepared.deal.deal_id:
            return  # the rep chose another deal, or none, meanwhile
        self.facets.unpick_all(self.suggested)
        self.suggested = self.facets.pick(prepared.filters)
        heading = _heading(prepared.deal)
        if prepared.relaxed:
            heading += f"\n{prepared.relaxed}"
        self.kit.show_kit(heading, [(h.hit, h.reason) for h in prepared.hits])
        if by_rep:
            shown = ", ".join(value for _facet, value in self.suggested)
            filters = f"; suggested filters: {shown}" if shown else ""
            self.said.emit(
                f"Preparing for {deal_label(prepared.deal)}{filters}. "
                "What you open, copy or send now is counted for this deal."
            )

    def _drop(self) -> None:
        self.actions.settle()
        self.actions.deal_id = None
        self.facets.unpick_all(self.suggested)
        self.suggested = []
        self.kit.no_deal()
        self.show_kit(False)
        self.changed.emit(None)
        self.said.emit("No deal: searching the whole library, uses are not counted for a deal.")


def _heading(deal: Deal) -> str:
    parts = [deal_label(deal)]
    if deal.amount is not None:
        currency = f" {deal.currency}" if deal.currency else ""
        parts.append(f"{deal.amount:,.0f}{currency}")
    if deal.close_date is not None:
        parts.append(f"closes {deal.close_date:%d %b %Y}")
    return " · ".join(parts)
