"""What every report is built from, and the rules they all follow: the period (two dates in
the reader's time zone), reps' events only (marketing's own searches and opens are not uses),
an optional team, the index's assets (read once per report), the search -> use links, the
weights of uses, and the privacy rule that no row or cell built from fewer than `MIN_REPS`
reps' events is shown, with what it hid counted (`Withheld`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property

from contentfinder.index.stored import StoredAsset, decode_stored, read_stored_assets
from contentfinder.library.opened import Library
from contentfinder.reports.model import Table
from contentfinder.usage.outcomes import ENGAGED_PREVIEW_SECONDS, USE_WEIGHTS, is_engaged
from contentfinder.usage.store import EventRecord, LoadedEvents

MIN_REPS = 3  # the smallest group of reps a report may show
USE_KINDS = ("open", "preview", "copy", "share")
NO_ASSET = decode_stored({"id": ""}, None)  # what an event names once its asset has gone
COUNTED_ROLE = "rep"
NO_TEAM = "(no team)"
OTHER_TEAMS = "other teams"  # teams of fewer than MIN_REPS reps, shown together
_WEIGHT_WORDS = {"share": "send"}  # how a rep calls a share: sending it to the buyer


def plural(count: int, word: str) -> str:
    """'1 day', '2 days', '3 searches': a count and its noun, never '1 days'."""
    if count == 1:
        return f"{count} {word}"
    ending = "es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s"
    return f"{count:,} {word}{ending}"


def local_zone() -> tzinfo:
    """The machine's time zone now: what the reader's calendar says."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


@dataclass(frozen=True)
class Period:
    """The days a report covers, `start` to `end` both included, as dates in the reader's
    time zone `tz`; the events counted are those from `start`'s midnight there to the
    midnight after `end`."""

    start: date
    end: date
    tz: tzinfo = UTC

    @classmethod
    def ending(cls, end: date, days: int, tz: tzinfo | None = None) -> Period:
        """The `days` days up to and including `end`; ValueError for a length that is not a
        day or more, or that reaches outside the calendar."""
        if days < 1:
            raise ValueError(f"a report's period is at least 1 day, not {days}")
        try:
            period = cls(end - timedelta(days=days - 1), end, tz or local_zone())
            _ = (period.starts_at, period.ends_at)  # both moments must be in the calendar
        except (OverflowError, ValueError) as exc:
            raise ValueError(f"a period of {plural(days, 'day')} to {end} is too long") from exc
        return period

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @cached_property
    def starts_at(self) -> datetime:
        """The first moment of the period, in UTC (how events are stored)."""
        return datetime.combine(self.start, time.min, self.tz).astimezone(UTC)

    @cached_property
    def ends_at(self) -> datetime:
        """The first moment after the period, in UTC."""
        return datetime.combine(self.end + timedelta(days=1), time.min, self.tz).astimezone(UTC)

    def holds(self, moment: datetime) -> bool:
        return self.starts_at <= moment < self.ends_at

    def holds_day(self, day: date | None) -> bool:
        """Whether a calendar date (a publication, an expiry) falls in the period."""
        return day is not None and self.start <= day <= self.end

    def before(self) -> Period:
        """The period of the same length right before this one."""
        return Period.ending(self.start - timedelta(days=1), self.days, self.tz)

    def day_of(self, moment: datetime) -> date:
        """The reader's date of `moment`."""
        return moment.astimezone(self.tz).date()

    def text(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def zone_name(self) -> str:
        """'UTC+01:00', or 'Europe/Berlin, UTC+01:00' for a named zone (at the period's end)."""
        offset = datetime.combine(self.end, time(12), self.tz).utcoffset() or timedelta()
        minutes = int(offset.total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        shown = "UTC" if not minutes else f"UTC{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"
        key = getattr(self.tz, "key", None)
        return f"{key}, {shown}" if key and key != "UTC" else shown

    def describe(self) -> str:
        """'2026-09-02 to 2026-11-30 (UTC+01:00)': the period's line of every report."""
        return f"{self.text()} ({self.zone_name()})"


@dataclass
class Withheld:
    """What the privacy rule hid from one table, counted for the report's Privacy line: ask
    `shown(events)` of every row before adding it, e.g. Withheld("other searches", "search")
    reads "other searches from fewer than 3 reps: 40 searches, 12 groups"."""

    label: str  # what the hidden rows were, "other searches"
    unit: str = "event"  # what `count` counts, singular: "search", "use"
    group: str = "group"  # what a hidden row is, singular
    events: int = 0
    groups: int = 0

    def shown(self, events: Collection[EventRecord], *, count: int | None = None) -> bool:
        """Whether a row made of `events` may be shown; if not, it is counted as hidden with
        `count` (default: the number of events) of `unit`."""
        if enough_reps(events):
            return True
        self.events += len(events) if count is None else count
        self.groups += 1
        return False

    def text(self) -> str:
        return (
            f"{self.label} from fewer than {MIN_REPS} reps: "
            f"{plural(self.events, self.unit)}, {plural(self.groups, self.group)}"
        )


def privacy_line(withheld: Iterable[Withheld]) -> str:
    """The report's Privacy line: the rule, and what it hid in every table, aggregated."""
    hidden = [w.text() for w in withheld if w.groups]
    rule = f"rows from fewer than {MIN_REPS} reps are not shown"
    return f"{rule}: {'; '.join(hidden)}" if hidden else f"{rule}; none were hidden"


def weights_line() -> str:
    """'send/copy 3, open 2, preview 1; engaged: …': how uses are weighed, from USE_WEIGHTS."""
    by_weight: dict[int, list[str]] = defaultdict(list)
    for kind, weight in USE_WEIGHTS.items():
        by_weight[weight].append(_WEIGHT_WORDS.get(kind, kind))
    weights = ", ".join(f"{'/'.join(by_weight[w])} {w}" for w in sorted(by_weight, reverse=True))
    return (
        f"{weights}; engaged: an open, copy or share, or a preview of "
        f"{ENGAGED_PREVIEW_SECONDS:g} s or more"
    )


@dataclass(frozen=True)
class Counted:
    """Whose events a report counts, and how many it left out (in its period)."""

    events: int  # reps' events in the period (of the team, with one)
    reps: int
    marketing: int  # marketing's events in the period, left out
    team: str | None = None  # the team chosen, as its events spell it
    other_teams: int = 0  # reps' events of other teams, left out

    def line(self) -> str:
        counts = f"{plural(self.events, 'event')} of {plural(self.reps, 'rep')}"
        parts = [f"reps of team {self.team}: {counts}" if self.team else f"reps only: {counts}"]
        if self.marketing:
            parts.append(f"{plural(self.marketing, 'marketing event')} left out")
        if self.team:
            parts.append(f"{plural(self.other_teams, 'event')} of other teams left out")
        return "; ".join(parts)


@dataclass(frozen=True)
class TeamEvents:
    """One row of a per-team breakdown: a team (or `OTHER_TEAMS`, `NO_TEAM`) and its events."""

    team: str
    events: list[EventRecord]
    teams: tuple[str, ...]  # the teams merged into this row (one, but for OTHER_TEAMS)


@dataclass(frozen=True)
class ReportInput:
    """One report's material: the library, the index's assets, the period's reps' events
    (`events`), and every reps' event loaded (`pool`), for the previous period and for links
    that cross the period's edges."""

    library: Library
    assets: dict[str, StoredAsset]
    events: list[EventRecord]
    period: Period
    pool: tuple[EventRecord, ...] = ()
    counted: Counted | None = None

    @property
    def today(self) -> date:
        return self.period.end

    def current(self) -> list[StoredAsset]:
        """Assets not expired on the period's last day."""
        return [a for a in self.assets.values() if not a.expired(self.today)]

    def uses(self) -> dict[str, list[EventRecord]]:
        """asset id -> the period's opens, previews, copies and shares of it."""
        return uses_of(self.events)

    def searches(self) -> list[EventRecord]:
        """The period's searches, with words or filters."""
        return [e for e in self.events if e.kind == "search"]

    def previous(self) -> ReportInput:
        """The same material over the period of the same length right before this one."""
        before = self.period.before()
        events = [e for e in self.pool if before.holds(e.occurred_at)]
        return ReportInput(self.library, self.assets, events, before, self.pool)

    @cached_property
    def searches_by_id(self) -> dict[str, EventRecord]:
        """Every search loaded, by event id (a use's search may precede the period)."""
        return {e.event_id: e for e in self.pool or self.events if e.kind == "search"}

    @cached_property
    def _uses_by_search(self) -> dict[str, list[EventRecord]]:
        linked: dict[str, list[EventRecord]] = defaultdict(list)
        for event in self.pool or self.events:
            if event.kind in USE_KINDS and event.search_event_id:
                linked[event.search_event_id].append(event)
        for uses in linked.values():
            uses.sort(key=lambda e: e.occurred_at)
        return linked

    def uses_from(self, search: EventRecord) -> list[EventRecord]:
        """The uses picked from `search`'s results (their search_event_id is its id), first
        first, whenever they happened."""
        return self._uses_by_search.get(search.event_id, [])

    @staticmethod
    def shown_ids(search: EventRecord) -> tuple[str, ...] | None:
        """The ids on the first page of `search`, as it recorded them; None for a search
        recorded before events said so (its uses carry no link either)."""
        shown = (search.detail or {}).get("shown")
        if not isinstance(shown, list):
            return None
        return tuple(str(i) for i in shown)

    @staticmethod
    def weighted(uses: Iterable[EventRecord]) -> int:
        """The uses' weight: `USE_WEIGHTS` summed (a send says more than a glance)."""
        return sum(USE_WEIGHTS.get(e.kind, 0) for e in uses)

    @staticmethod
    def engaged(uses: Iterable[EventRecord]) -> list[EventRecord]:
        """The engaged ones: opens, copies, shares, previews of ENGAGED_PREVIEW_SECONDS or more."""
        return [e for e in uses if is_engaged(e.kind, e.detail)]

    def teams(self, withheld: Withheld | None = None) -> list[TeamEvents]:
        """The period's events by team, largest first; teams of fewer than `MIN_REPS` reps
        together as `OTHER_TEAMS` (last), which is left out (and counted in `withheld`) when
        even together they are fewer. [] when no event names a team."""
        by_team: dict[str, list[EventRecord]] = defaultdict(list)
        for event in self.events:
            by_team[event.team or NO_TEAM].append(event)
        if set(by_team) <= {NO_TEAM}:
            return []
        rows, small = [], []
        for team, events in by_team.items():
            if enough_reps(events):
                rows.append(TeamEvents(team, events, (team,)))
            else:
                small.append((team, events))
        rows.sort(key=lambda r: (-len({e.user_id for e in r.events}), r.team.casefold()))
        if small:
            merged = [e for _, events in small for e in events]
            names = tuple(sorted((t for t, _ in small), key=str.casefold))
            if withheld is None or withheld.shown(merged):
                rows.append(TeamEvents(OTHER_TEAMS, merged, names))
            else:
                withheld.groups += len(names) - 1  # each team left out counts as one
        return rows


@dataclass(frozen=True)
class Section:
    """What one kind of report contributes: its title, tables and notes, and what the privacy
    rule hid from each table (for the report's Privacy line)."""

    title: str
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)


def report_input(
    library: Library, loaded: LoadedEvents, period: Period, *, team: str | None = None
) -> ReportInput:
    """The report's material: reps' events (of `team`, matched ignoring case) in `period`.
    ValueError naming the teams there are when no event loaded is of `team`."""
    reps = [e for e in loaded.events if e.role == COUNTED_ROLE]
    in_period = [e for e in loaded.events if period.holds(e.occurred_at)]
    marketing = sum(1 for e in in_period if e.role != COUNTED_ROLE)
    chosen = None
    if team is not None:
        chosen = _team_named(team, reps)
        others = sum(1 for e in in_period if e.role == COUNTED_ROLE and e.team != chosen)
        reps = [e for e in reps if e.team == chosen]
    events = [e for e in reps if period.holds(e.occurred_at)]
    counted = Counted(
        len(events),
        len({e.user_id for e in events}),
        marketing,
        chosen,
        others if team is not None else 0,
    )
    return ReportInput(library, read_assets(library), events, period, tuple(reps), counted)


def _team_named(team: str, events: list[EventRecord]) -> str:
    wanted = " ".join(team.split()).casefold()
    known = sorted({e.team for e in events if e.team}, key=str.casefold)
    for name in known:
        if " ".join(name.split()).casefold() == wanted:
            return name
    listed = ", ".join(known) if known else "no event names a team"
    raise ValueError(f"no reps' events of team '{team}'; teams: {listed}")


def read_assets(library: Library) -> dict[str, StoredAsset]:
    """Every asset of the library's index, by id, tagged by the library's taxonomy."""
    with library.index.searcher() as searcher:
        return {a.id: a for a in read_stored_assets(searcher, library.taxonomy)}


def uses_of(events: Iterable[EventRecord]) -> dict[str, list[EventRecord]]:
    used: dict[str, list[EventRecord]] = defaultdict(list)
    for event in events:
        if event.kind in USE_KINDS and event.asset_id:
            used[event.asset_id].append(event)
    return used


def enough_reps(events: Iterable[EventRecord]) -> bool:
    return len({e.user_id for e in events}) >= MIN_REPS
