"""Which deals each asset was used in: the reps' uses that carry a `deal_id` (the rep had
chosen that deal), matched to the deals imported on this machine (`contentfinder deals import`),
and for a closed deal only the uses on or before its close date: content used after a deal
closed did not help close it.

Shared by the influence report (per asset) and the summary (the period's influenced pipeline
and won revenue)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from contentfinder.deals.mapping import DealMapping, load_deal_mapping
from contentfinder.deals.model import Deal
from contentfinder.deals.store import DealStoreError, load_deals, stage_history
from contentfinder.reports.inputs import USE_KINDS, ReportInput
from contentfinder.usage.store import EventRecord


@dataclass(frozen=True)
class DealUse:
    event: EventRecord
    deal: Deal
    stage: str | None  # the funnel stage the deal was at when the asset was used (mapped)


@dataclass(frozen=True)
class DealBook:
    """The deals known here, how they map to the taxonomy, and the stages each was seen at."""

    deals: dict[str, Deal]
    mapping: DealMapping
    history: dict[str, list[tuple[datetime, str]]]

    def industry(self, deal: Deal) -> str | None:
        return self.mapping.value_for("industry", deal.industry)

    def stage_at(self, deal: Deal, moment: datetime) -> str | None:
        """The mapped stage `deal` was last seen at by `moment` (its first seen stage when the
        use came before any import; its current stage when no import recorded one)."""
        seen = self.history.get(deal.deal_id, [])
        before = [stage for at, stage in seen if _utc(at) <= moment]
        raw = before[-1] if before else seen[0][1] if seen else deal.stage
        return self.mapping.value_for("stage", raw)

    def stages(self, deal: Deal) -> set[str | None]:
        """Every mapped stage `deal` was seen at."""
        raws = [stage for _, stage in self.history.get(deal.deal_id, [])] or [deal.stage]
        return {self.mapping.value_for("stage", raw) for raw in raws}

    def currency(self) -> str | None:
        """The currency most deals with an amount are in: the one a report sums."""
        counts = Counter(d.currency for d in self.deals.values() if d.amount is not None)
        return counts.most_common(1)[0][0] if counts else None

    def amount(self, deal: Deal, currency: str | None) -> float:
        """The deal's amount in `currency`, 0 for none or another (never summed across)."""
        return deal.amount if deal.amount is not None and deal.currency == currency else 0.0


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def deal_book(data: ReportInput) -> DealBook:
    """The deals of the reader's own usage database; none when nothing was imported there."""
    settings = data.library.settings
    database = settings.usage_db
    mapping = load_deal_mapping(settings.library, data.library.taxonomy)  # a ValueError
    try:
        deals = {d.deal_id: d for d in load_deals(database)}
        history = stage_history(database) if deals else {}
    except DealStoreError as exc:
        raise ValueError(str(exc)) from exc  # what a report cannot be built from
    return DealBook(deals, mapping, history)


def before_close(event: EventRecord, deal: Deal, data: ReportInput) -> bool:
    if deal.is_open or deal.close_date is None:
        return True
    return data.period.day_of(event.occurred_at) <= deal.close_date


def deal_uses(events: Iterable[EventRecord], book: DealBook, data: ReportInput) -> list[DealUse]:
    """The uses among `events` made for a known deal before it closed."""
    found = []
    for event in events:
        if event.kind not in USE_KINDS or not event.asset_id or not event.deal_id:
            continue
        deal = book.deals.get(event.deal_id)
        if deal is not None and before_close(event, deal, data):
            found.append(DealUse(event, deal, book.stage_at(deal, event.occurred_at)))
    return found


def by_asset(uses: Iterable[DealUse]) -> dict[str, list[DealUse]]:
    grouped: dict[str, list[DealUse]] = defaultdict(list)
    for use in uses:
        grouped[use.event.asset_id or ""].append(use)
    return grouped


def unknown_deal_ids(events: Iterable[EventRecord], book: DealBook) -> int:
    """How many distinct deal ids the uses name that no imported deal has."""
    return len({e.deal_id for e in events if e.deal_id and e.deal_id not in book.deals})
