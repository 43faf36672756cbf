"""The "summary" report: the figures a marketing lead reads first, each beside the previous
period of the same length and the change (active reps, searches per rep, zero-result and
no-full-result rates, search click-through, time from search to use, the share of the
library used and engaged, assets published and retired), a weekly series, and the same by
team. Click-through and time to use come from the search -> use link only: for searches
recorded before uses named their search they are "not measured", never guessed."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from contentfinder.reports.deal_uses import deal_book, deal_uses
from contentfinder.reports.inputs import (
    MIN_REPS,
    OTHER_TEAMS,
    USE_KINDS,
    ReportInput,
    Section,
    Withheld,
    enough_reps,
    plural,
)
from contentfinder.reports.model import Chart, Table
from contentfinder.usage.outcomes import full_result_of
from contentfinder.usage.store import EventRecord

NOT_MEASURED = "not measured"
NOT_KNOWN = "not known"
NO_DEALS = "no deals imported"
TOO_FEW = f"fewer than {MIN_REPS} reps"  # what a figure of too few reps reads as


@dataclass(frozen=True)
class Measure:
    name: str
    kind: str  # "count", "ratio", "percent", "seconds": how it reads and how it changes
    of: Callable[[ReportInput], float | int | str | None]
    per_rep: bool = True  # built from reps' events: blank when fewer than MIN_REPS made them


def build(data: ReportInput) -> Section:
    before = data.previous()
    rows = []
    for measure in MEASURES:
        now, then = _value(measure, data), _value(measure, before)
        rows.append(
            (measure.name, _shown(now, measure), _shown(then, measure), _change(measure, now, then))
        )
    kpis = Table(
        name="Key figures",
        # The dates in the note: a header this long wraps to three lines, and prints cut off.
        columns=("Measure", "This period", "Previous period", "Change"),
        rows=tuple(rows),
        note=f"This period: {data.period.text()}; the previous period, as long, just before "
        f"it: {before.period.text()}. Rates are shares of the period's searches. "
        "Click-through: searches followed by a use of one of their results (the use names "
        "its search); time to use: from a search to the first such use, the median. "
        "Used: any open, preview, copy or send; engaged: see Weights. "
        "Influenced pipeline: the amounts of the deals reps used content for in the period; "
        "won revenue influenced: of the deals won in the period that content was used for "
        "before they closed (the influence report has them by asset). "
        "Published: the catalog's or the index's first date; "
        "retired: expiring in the period.",
    )
    hidden_period = Withheld("the period's figures", "event", "period")
    hidden_weeks = Withheld("weeks", "event", "week")
    hidden_teams = Withheld("other teams", "event", "team")
    tables = [kpis, _weekly(data, hidden_weeks)]
    team_table = _teams(data, hidden_teams)
    if team_table is not None:
        tables.append(team_table)
    notes = []
    if data.events and not hidden_period.shown(data.events):
        notes.append(
            f"Figures made from the searches and uses of {plural(_reps(data.events), 'rep')} "
            f"are not shown: the privacy rule needs at least 3."
        )
    older = sum(1 for e in data.searches() if data.shown_ids(e) is None)
    if older:
        notes.append(
            f"{plural(older, 'search')} of the period were recorded before uses named their "
            f"search: click-through and time to use leave them out."
        )
    first_indexed = sum(
        1
        for a in data.assets.values()
        if a.published_from == "first indexed" and data.period.holds_day(a.published)
    )
    if first_indexed:
        notes.append(
            f"{plural(first_indexed, 'asset')} published in the period have no date in the "
            f"catalog: their date is the day this index first saw them (a new computer's index "
            f"sees the whole library on its first day; a 'published' column in catalog.csv "
            f"says when marketing published them)."
        )
    withheld = [hidden_period, hidden_weeks, hidden_teams]
    return Section("Summary: how reps found and used content", tables, notes, withheld)


# -- the figures -------------------------------------------------------------------------------


def _reps(events: list[EventRecord]) -> int:
    return len({e.user_id for e in events})


def _searches(data: ReportInput) -> list[EventRecord]:
    return data.searches()


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _zero_rate(data: ReportInput) -> float | None:
    searches = _searches(data)
    return _rate(sum(1 for e in searches if e.hit_count == 0), len(searches))


def _no_full_rate(data: ReportInput) -> float | str | None:
    known = [e for e in _searches(data) if e.hit_count == 0 or full_result_of(e.detail) is not None]
    if _searches(data) and not known:
        return NOT_MEASURED
    missed = sum(1 for e in known if e.hit_count == 0 or full_result_of(e.detail) is False)
    return _rate(missed, len(known))


def _linked(data: ReportInput) -> list[EventRecord]:
    return [e for e in _searches(data) if data.shown_ids(e) is not None]


def _click_through(data: ReportInput) -> float | str | None:
    linked = _linked(data)
    if not linked:
        return NOT_MEASURED if _searches(data) else None
    return _rate(sum(1 for e in linked if data.uses_from(e)), len(linked))


def _time_to_use(data: ReportInput) -> float | str | None:
    linked = _linked(data)
    waits = [
        (uses[0].occurred_at - e.occurred_at).total_seconds()
        for e in linked
        if (uses := data.uses_from(e))
    ]
    if not waits:
        return NOT_MEASURED if _searches(data) else None
    return max(0.0, statistics.median(waits))


def _used_share(data: ReportInput, *, engaged: bool) -> float | None:
    current = {a.id for a in data.current()}
    uses = data.uses()
    used = {
        asset
        for asset, found in uses.items()
        if asset in current and (not engaged or data.engaged(found))
    }
    return _rate(len(used), len(current))


def _published(data: ReportInput) -> int | str:
    known = [a.published for a in data.assets.values() if a.published is not None]
    if not known:
        return NOT_KNOWN
    return sum(1 for d in known if data.period.holds_day(d))


def _deal_amounts(data: ReportInput, *, won: bool) -> float | str:
    """Influenced pipeline (`won` False): the amounts of the deals reps used content for in the
    period; won revenue: of the deals won in the period that content was used for before they
    closed, whenever. In the currency most deals are in."""
    book = deal_book(data)
    if not book.deals:
        return NO_DEALS
    currency = book.currency()
    if not won:
        deals = {u.deal.deal_id: u.deal for u in deal_uses(data.events, book, data)}
        return round(sum(book.amount(d, currency) for d in deals.values()), 2)
    used = {u.deal.deal_id for u in deal_uses(data.pool or data.events, book, data)}
    return round(
        sum(
            book.amount(deal, currency)
            for deal in book.deals.values()
            if deal.outcome == "won"
            and deal.deal_id in used
            and data.period.holds_day(deal.close_date)
        ),
        2,
    )


def _retired(data: ReportInput) -> int:
    period = data.period
    return sum(1 for a in data.assets.values() if period.holds_day(a.expires))


MEASURES = (
    Measure("Active reps", "count", lambda d: _reps(d.events), per_rep=False),
    Measure("Searches", "count", lambda d: len(_searches(d))),
    Measure(
        "Searches per active rep",
        "ratio",
        lambda d: round(len(_searches(d)) / _reps(d.events), 1) if d.events else None,
    ),
    Measure("Zero-result rate (%)", "percent", _zero_rate),
    Measure("No full result rate (%)", "percent", _no_full_rate),
    Measure("Search click-through (%)", "percent", _click_through),
    Measure("Median time from search to use", "seconds", _time_to_use),
    Measure("Uses", "count", lambda d: sum(1 for e in d.events if e.kind in USE_KINDS)),
    Measure("Current library used (%)", "percent", lambda d: _used_share(d, engaged=False)),
    Measure("Current library engaged (%)", "percent", lambda d: _used_share(d, engaged=True)),
    Measure("Influenced pipeline", "count", lambda d: _deal_amounts(d, won=False)),
    Measure("Won revenue influenced", "count", lambda d: _deal_amounts(d, won=True)),
    Measure("Assets published", "count", _published, per_rep=False),
    Measure("Assets retired (expired)", "count", _retired, per_rep=False),
)


def _value(measure: Measure, data: ReportInput) -> float | int | str | None:
    if measure.per_rep and not enough_reps(data.events):
        return TOO_FEW if data.events else None
    return measure.of(data)


def _shown(value: float | int | str | None, measure: Measure) -> object:
    if measure.kind == "seconds" and isinstance(value, int | float):
        return readable_seconds(value)
    return value


def _change(measure: Measure, now: object, then: object) -> str:
    """'up 5 (+167%)', 'down 8.4 pts', 'same': words, never a leading sign (a spreadsheet
    would read '+5' as a formula)."""
    if not (isinstance(now, int | float) and isinstance(then, int | float)):
        return ""
    delta = now - then
    shown = round(delta) if measure.kind in ("count", "seconds") else round(delta, 1)
    if not shown:
        return "same"
    if measure.kind == "percent":
        size = f"{abs(shown):.1f} pts"
    elif measure.kind == "seconds":
        size = readable_seconds(abs(delta))
    elif measure.kind == "ratio":
        size = f"{abs(shown):.1f}"
    else:
        size = f"{abs(shown):,}" + (f" ({100 * delta / then:+.0f}%)" if then else "")
    return f"{'up' if delta > 0 else 'down'} {size}"


def readable_seconds(seconds: float) -> str:
    """'45 s', '2 min 5 s', '1 h 3 min', '2 days 4 h': a wait as a person says it."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{plural(days, 'day')} {hours} h" if hours else plural(days, "day")


# -- the weekly series and the teams -------------------------------------------------------------


def _weekly(data: ReportInput, withheld: Withheld) -> Table:
    period = data.period
    first = period.start - timedelta(days=period.start.weekday())  # Mondays
    weeks: dict[date, list[EventRecord]] = {}
    day = first
    while day <= period.end:
        weeks[day] = []
        day += timedelta(days=7)
    for event in data.events:
        local = period.day_of(event.occurred_at)
        weeks[local - timedelta(days=local.weekday())].append(event)
    rows = []
    for start, events in weeks.items():
        week = ReportInput(data.library, data.assets, events, data.period, data.pool)
        if events and not withheld.shown(events):
            rows.append((start, None, _reps(events), None, None, None))
            continue
        searches = week.searches()
        rate = _click_through(week)
        rows.append(
            (
                start,
                len(searches),
                _reps(events),
                sum(1 for e in searches if e.hit_count == 0),
                sum(1 for e in events if e.kind in USE_KINDS),
                rate if isinstance(rate, float) else None,
            )
        )
    return Table(
        name="Weekly",
        columns=(
            "Week of",
            "Searches",
            "Active reps",
            "Zero-result searches",
            "Uses",
            "Click-through (%)",
        ),
        rows=tuple(rows),
        chart=Chart(
            title="Searches and uses per week",
            label_column=0,
            value_columns=(1, 4),
            horizontal=False,
        ),
        note="Weeks start on Monday; the first and last may be cut by the period. A week of "
        "fewer than 3 active reps shows only their number. Click-through: blank where not "
        "measured.",
    )


def _teams(data: ReportInput, withheld: Withheld) -> Table | None:
    if len({e.team for e in data.events}) < 2:
        return None  # one team (or a team chosen): its figures are the summary's
    teams = data.teams(withheld)
    if not teams:
        return None
    rows = []
    for team in teams:
        part = ReportInput(data.library, data.assets, team.events, data.period, data.pool)
        searches = part.searches()
        rate = _click_through(part)
        name = team.team
        if team.team == OTHER_TEAMS:
            name = f"{OTHER_TEAMS} ({', '.join(team.teams)})"
        rows.append(
            (
                name,
                _reps(team.events),
                len(searches),
                _zero_rate(part),
                rate if isinstance(rate, float) else None,
                sum(1 for e in team.events if e.kind in USE_KINDS),
            )
        )
    return Table(
        name="By team",
        columns=(
            "Team",
            "Active reps",
            "Searches",
            "Zero-result rate (%)",
            "Click-through (%)",
            "Uses",
        ),
        rows=tuple(rows),
        note="Teams of fewer than 3 reps are shown together as 'other teams'; when even "
        f"together they are fewer than {MIN_REPS}, they are left out.",
    )
