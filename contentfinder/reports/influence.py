"""The "influence" report: per asset, the deals reps used it in (chose the deal, then opened,
previewed, copied or sent the asset, before the deal closed): how many won, lost and still
open; the influenced pipeline and won revenue; and the win rate of the closed deals that used
it beside the win rate of closed deals at the same stage and industry that did not, with the
number of deals behind each figure. Rolled up by content type, persona and stage.

This is association, not proof: reps pick content for deals they already expect to win, and
a small number of deals says little. Every row is built from at least `MIN_REPS` reps' uses;
deals are named (the won deals of each asset) only when the reader's role is marketing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from contentfinder.deals.model import Deal
from contentfinder.preferences import load_preferences
from contentfinder.reports.deal_uses import (
    DealBook,
    DealUse,
    by_asset,
    deal_book,
    deal_uses,
    unknown_deal_ids,
)
from contentfinder.reports.inputs import MIN_REPS, NO_ASSET, ReportInput, Section, Withheld, plural
from contentfinder.reports.model import Chart, Table

ROLL_UPS = ("content_type", "persona", "stage")
ASSOCIATION = (
    "Association, not proof: reps choose content for deals they already expect to win, and a "
    "figure from a few deals says little; read the deal counts beside each rate."
)
NAMED_ROLE = "marketing"


@dataclass(frozen=True)
class Influence:
    """What a set of deal uses adds up to."""

    deals: list[Deal]
    reps: int
    pipeline: float
    revenue: float

    def figures(self) -> tuple[object, ...]:
        """Deals, won, lost, open, pipeline, won revenue, win rate (%), closed deals: the
        columns every influence table shares, in that order."""
        won = sum(1 for d in self.deals if d.outcome == "won")
        lost = sum(1 for d in self.deals if d.outcome == "lost")
        rate, closed = win_rate(self.deals)
        still_open = len(self.deals) - won - lost
        return (len(self.deals), won, lost, still_open, self.pipeline, self.revenue, rate, closed)


def influence_of(uses: Iterable[DealUse], book: DealBook, currency: str | None) -> Influence:
    uses = list(uses)
    deals = list({u.deal.deal_id: u.deal for u in uses}.values())
    return Influence(
        deals=deals,
        reps=len({u.event.user_id for u in uses}),
        pipeline=sum(book.amount(d, currency) for d in deals),
        revenue=sum(book.amount(d, currency) for d in deals if d.outcome == "won"),
    )


def win_rate(deals: Iterable[Deal]) -> tuple[float | None, int]:
    """The won share of the closed ones among `deals` (%), and how many closed ones."""
    closed = [d for d in deals if not d.is_open]
    if not closed:
        return None, 0
    return round(100 * sum(1 for d in closed if d.outcome == "won") / len(closed), 1), len(closed)


def _without(asset_uses: list[DealUse], ever_used: set[str], book: DealBook) -> list[Deal]:
    """Closed deals that never used the asset, at a stage and in an industry where it was used
    in a closed deal (a use whose stage is not known matches the industry alone)."""
    cells = {(u.stage, book.industry(u.deal)) for u in asset_uses if not u.deal.is_open}
    if not cells:
        return []
    return [
        deal
        for deal in book.deals.values()
        if not deal.is_open
        and deal.deal_id not in ever_used
        and any(
            book.industry(deal) == industry and (stage is None or stage in book.stages(deal))
            for stage, industry in cells
        )
    ]


def _money(currency: str | None) -> str:
    return f" ({currency})" if currency else ""


def build(data: ReportInput) -> Section:
    book = deal_book(data)
    currency = book.currency()
    named = load_preferences(data.library.settings.home).role == NAMED_ROLE
    period_uses = by_asset(deal_uses(data.events, book, data))
    ever = by_asset(deal_uses(data.pool or data.events, book, data))
    withheld = Withheld("other assets", "use", "asset")
    rows = []
    for asset_id, uses in period_uses.items():
        if not withheld.shown([u.event for u in uses]):
            continue
        made = influence_of(uses, book, currency)
        used_ids = {u.deal.deal_id for u in ever.get(asset_id, [])}
        other_rate, others = win_rate(_without(uses, used_ids, book))
        row: tuple[object, ...] = (
            data.assets.get(asset_id, NO_ASSET).title or asset_id,
            asset_id,
            *made.figures(),
            other_rate,
            others,
            made.reps,
        )
        if named:
            row += ("; ".join(sorted(_deal_name(d) for d in made.deals if d.outcome == "won")),)
        rows.append(row)
    rows.sort(key=lambda r: (-r[7], -r[2], str(r[0]).casefold(), r[1]))  # type: ignore[operator]
    columns = (
        "Title",
        "Asset",
        "Deals",
        "Won",
        "Lost",
        "Open",
        f"Influenced pipeline{_money(currency)}",
        f"Won revenue{_money(currency)}",
        "Win rate with it (%)",
        "Closed deals with it",
        "Win rate without it (%)",
        "Closed deals without it",
        "Reps",
        *(("Won deals",) if named else ()),
    )
    tables = [
        Table(
            name="Influence by asset",
            columns=columns,
            rows=tuple(rows),
            chart=Chart(title="Won revenue by asset", label_column=0, value_columns=(7,)),
            note="A deal counts for an asset when a rep who had chosen the deal used the asset "
            "in the period, on or before the deal's close date. Influenced pipeline: the "
            "amounts of those deals, open, won or lost; won revenue: of the won ones. Without "
            "it: the closed deals in the same industry, at a stage where it was used, that "
            f"never used it. Assets used for deals by fewer than {MIN_REPS} reps are not "
            "listed.",
        )
    ]
    rolled = Withheld("roll-up rows", "use", "row")
    for facet_name in ROLL_UPS:
        facet = data.library.taxonomy.facet(facet_name)
        if facet is not None:
            tables.append(
                _roll_up(data, facet.name, facet.label, period_uses, book, currency, rolled)
            )
    return Section(
        "Influence: the deals content was used in",
        tables,
        _notes(data, book, currency, named),
        withheld=[withheld, rolled],
    )


def _deal_name(deal: Deal) -> str:
    return f"{deal.name} ({deal.account})" if deal.account else deal.name


def _roll_up(
    data: ReportInput,
    facet: str,
    label: str,
    period_uses: dict[str, list[DealUse]],
    book: DealBook,
    currency: str | None,
    withheld: Withheld,
) -> Table:
    grouped: dict[str, list[DealUse]] = {}
    for asset_id, uses in period_uses.items():
        for value in data.assets.get(asset_id, NO_ASSET).tags.get(facet, ()):
            grouped.setdefault(value, []).extend(uses)
    rows = []
    for value, uses in grouped.items():
        if not withheld.shown([u.event for u in uses]):
            continue
        made = influence_of(uses, book, currency)
        assets = len({u.event.asset_id for u in uses})
        rows.append((value, assets, *made.figures(), made.reps))
    rows.sort(key=lambda r: (-r[7], -r[2], str(r[0]).casefold()))  # type: ignore[operator]
    return Table(
        name=f"Influence by {label.lower()}",
        columns=(
            label,
            "Assets used",
            "Deals",
            "Won",
            "Lost",
            "Open",
            f"Influenced pipeline{_money(currency)}",
            f"Won revenue{_money(currency)}",
            "Win rate (%)",
            "Closed deals",
            "Reps",
        ),
        rows=tuple(rows),
        note=f"A deal counts once per {label.lower()} value however many of its assets were "
        f"used in it. Rows from fewer than {MIN_REPS} reps are not shown.",
    )


def _notes(data: ReportInput, book: DealBook, currency: str | None, named: bool) -> list[str]:
    notes = [ASSOCIATION]
    if not book.deals:
        notes.append(
            "No deals are imported on this machine: run `contentfinder deals import FILE` with "
            "the CRM's opportunity export, then build this report again."
        )
        return notes
    unknown = unknown_deal_ids(data.events, book)
    if unknown:
        notes.append(
            f"Uses name {plural(unknown, 'deal')} the imported export does not have: import a "
            "newer export to count them."
        )
    others = sum(1 for d in book.deals.values() if d.amount is not None and d.currency != currency)
    if others:
        notes.append(
            f"Amounts are summed in {currency or 'the export’s currency'} only: "
            f"{plural(others, 'deal')} in other currencies count as deals but not in the "
            "amounts."
        )
    if not named:
        notes.append("Deals are named only for readers whose role is marketing.")
    return notes
