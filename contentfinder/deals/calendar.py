"""The rep's upcoming calls, from the calendar file every calendar app exports (`.ics`: Outlook,
Google Calendar, Apple Calendar): meetings in the next weeks, recurring ones expanded, each
matched to an open deal when its title names the deal's account or deal, or an attendee's
e-mail domain is the account's (`ops@harborsteel.com` for Harbor Steel).

Kept in `meetings.json` in the rep's data folder, replaced whole by each import (a calendar
export is the calendar as it is now: a cancelled meeting must go)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from contentfinder.deals.model import Deal
from contentfinder.files import atomic_write_json
from contentfinder.text import fold

MEETINGS_FILE = "meetings.json"
AHEAD = timedelta(days=30)  # how far ahead a calendar import keeps meetings
_COMPANY_WORDS = re.compile(
    r"\b(inc|llc|ltd|limited|gmbh|ag|sa|sas|bv|plc|co|corp|corporation|company|group)\b\.?"
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


class CalendarError(ValueError):
    """The file cannot be read as a calendar; the message names it and says why."""


@dataclass(frozen=True)
class Meeting:
    uid: str
    title: str
    starts_at: datetime  # UTC
    domains: tuple[str, ...]  # the attendees' e-mail domains, the rep's own company's left out


@dataclass(frozen=True)
class UpcomingCall:
    meeting: Meeting
    deal: Deal


def read_calendar(path: Path, *, now: datetime | None = None) -> list[Meeting]:
    """The meetings of `path` from `now` to `AHEAD` later, soonest first."""
    import icalendar  # only a calendar import pays for these
    import recurring_ical_events

    now = now or datetime.now(UTC)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CalendarError(f"{path}: cannot read it ({exc.strerror})") from exc
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise CalendarError(f"{path}: not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR")
    try:
        calendar = icalendar.Calendar.from_ical(data)
        events = recurring_ical_events.of(calendar).between(now, now + AHEAD)
    except (ValueError, KeyError, TypeError) as exc:
        raise CalendarError(f"{path}: a damaged calendar ({exc})") from exc
    raw = []
    for event in events:
        start = event.get("DTSTART")
        if start is None or str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        attendees = event.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        emails = [str(a).removeprefix("mailto:").removeprefix("MAILTO:") for a in attendees]
        organizer = str(event.get("ORGANIZER", "")).lower().removeprefix("mailto:")
        raw.append((event, _utc(start.dt), emails, organizer))
    own = _own_domains(organizer for *_, organizer in raw)
    meetings = [
        Meeting(
            uid=f"{event.get('UID', '')}@{starts_at.isoformat()}",
            title=str(event.get("SUMMARY", "")).strip() or "(no title)",
            starts_at=starts_at,
            domains=tuple(sorted({d for d in map(_domain, emails) if d and d not in own})),
        )
        for event, starts_at, emails, _ in raw
    ]
    return sorted(meetings, key=lambda m: (m.starts_at, m.title))


def _utc(moment: datetime | date) -> datetime:
    if not isinstance(moment, datetime):  # an all-day event: its morning
        moment = datetime.combine(moment, time(9))
    if moment.tzinfo is None:
        moment = moment.astimezone()  # floating time: the rep's own clock
    return moment.astimezone(UTC)


def _domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower() if "@" in email else ""


def _own_domains(organizers: Iterable[str]) -> set[str]:
    """The rep's company's domain: the one organising most meetings."""
    counts = Counter(_domain(o) for o in organizers if _domain(o))
    return {counts.most_common(1)[0][0]} if counts else set()


def _company(text: str) -> str:
    """The account's name as people say it: "Harbor Steel Inc." → "harbor steel"."""
    return " ".join(_COMPANY_WORDS.sub(" ", fold(text)).replace(",", " ").split())


def _squashed(text: str) -> str:
    return _NOT_ALNUM.sub("", _company(text))


def deal_for(meeting: Meeting, deals: Sequence[Deal]) -> Deal | None:
    """The open deal `meeting` is about: its account (or deal name) in the title, else an
    attendee domain that is the account's name; None when no deal or several match."""
    title = fold(meeting.title)
    open_deals = [d for d in deals if d.is_open]
    named = [
        d
        for d in open_deals
        if (d.account and _company(d.account) and _company(d.account) in title)
        or fold(d.name) in title
    ]
    if len({d.account or d.deal_id for d in named}) == 1:
        # one account: its deal named in the title, else the one closing soonest
        exact = [d for d in named if fold(d.name) in title]
        return (exact or sorted(named, key=lambda d: d.close_date or date.max))[0]
    if named:
        return None
    labels = {label for domain in meeting.domains for label in [domain.rsplit(".", 1)[0]]}
    by_domain = [
        d
        for d in open_deals
        if d.account and any(_squashed(d.account) == _squashed(label) for label in labels)
    ]
    if len({d.account for d in by_domain}) == 1:
        return sorted(by_domain, key=lambda d: d.close_date or date.max)[0]
    return None


def upcoming_calls(
    meetings: Sequence[Meeting], deals: Sequence[Deal], *, now: datetime | None = None
) -> list[UpcomingCall]:
    """The meetings still to come (or begun within the hour) that are about an open deal."""
    now = now or datetime.now(UTC)
    calls = []
    for meeting in meetings:
        if meeting.starts_at < now - timedelta(hours=1):
            continue
        deal = deal_for(meeting, deals)
        if deal is not None:
            calls.append(UpcomingCall(meeting, deal))
    return calls


def save_meetings(home: Path, meetings: Sequence[Meeting]) -> None:
    atomic_write_json(
        home / MEETINGS_FILE,
        [
            {
                "uid": m.uid,
                "title": m.title,
                "starts_at": m.starts_at.isoformat(),
                "domains": list(m.domains),
            }
            for m in meetings
        ],
    )


def load_meetings(home: Path) -> list[Meeting]:
    """The meetings last imported; none when there are none or the file is unreadable (it is
    remade by the next import, and a rep's window must open whatever it holds)."""
    try:
        rows = json.loads((home / MEETINGS_FILE).read_text(encoding="utf-8"))
        return [
            Meeting(
                str(r["uid"]),
                str(r["title"]),
                datetime.fromisoformat(r["starts_at"]),
                tuple(r["domains"]),
            )
            for r in rows
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []
