"""`contentfinder deals import-calendar FILE.ics` on calendar exports written as Outlook and
Google write them: meetings of the next 30 days (a weekly one expanded, a cancelled one left
out), matched to open deals by the account or deal named in the title or by an attendee's
e-mail domain, never to a closed deal or to two accounts at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.deals.calendar import (
    Meeting,
    deal_for,
    load_meetings,
    read_calendar,
)
from contentfinder.deals.model import Deal
from contentfinder.deals.store import save_deals
from tests.factories import run_cli

HARBOR = Deal("006H", "Press line automation", account="Harbor Steel Inc.")
GRANITE = Deal("006G", "Weld cell", account="Granite Works")
GRANITE_WON = Deal("006GW", "Old pilot", account="Granite Works", outcome="won")
KESTREL = Deal("006K", "AP rollout", account="Kestrel Freight")
DEALS = [HARBOR, GRANITE, GRANITE_WON, KESTREL]


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(now: datetime) -> str:
    day = timedelta(days=1)
    return f"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
BEGIN:VEVENT\r
UID:pricing\r
DTSTART:{stamp(now + 2 * day)}\r
DTEND:{stamp(now + 2 * day + timedelta(hours=1))}\r
SUMMARY:Harbor Steel - pricing review\r
ORGANIZER;CN=Ana Ruiz:mailto:ana@northwindledger.com\r
ATTENDEE;CN=Jo Park;ROLE=REQ-PARTICIPANT:mailto:jo@harborsteel.com\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly\r
DTSTART:{stamp(now + 3 * day)}\r
DTEND:{stamp(now + 3 * day + timedelta(minutes=30))}\r
RRULE:FREQ=WEEKLY;COUNT=10\r
SUMMARY:Weekly sync\r
ORGANIZER:mailto:ana@northwindledger.com\r
ATTENDEE:mailto:ana@northwindledger.com\r
ATTENDEE:mailto:kim@granite-works.com\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:cancelled\r
DTSTART:{stamp(now + 4 * day)}\r
SUMMARY:Kestrel Freight kickoff\r
STATUS:CANCELLED\r
ORGANIZER:mailto:ana@northwindledger.com\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:past\r
DTSTART:{stamp(now - 4 * day)}\r
SUMMARY:Kestrel Freight intro\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_the_next_30_days_with_recurring_meetings_expanded(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    path = tmp_path / "calendar.ics"
    path.write_text(calendar_text(now), encoding="utf-8")
    meetings = read_calendar(path, now=now)
    titles = [m.title for m in meetings]
    assert titles[0] == "Harbor Steel - pricing review"
    assert titles.count("Weekly sync") == 4  # days 3, 10, 17 and 24 (31 is past 30 days)
    assert "Kestrel Freight kickoff" not in titles and "Kestrel Freight intro" not in titles
    assert meetings[0].domains == ("harborsteel.com",)  # the rep's own domain left out


def test_a_meeting_is_matched_to_one_open_deal(tmp_path: Path) -> None:
    soon = datetime.now(UTC)
    by_title = Meeting("1", "Harbor Steel - pricing review", soon, ())
    by_domain = Meeting("2", "Weekly sync", soon, ("granite-works.com",))
    by_deal_name = Meeting("3", "AP rollout: next steps", soon, ())
    two_accounts = Meeting("4", "Harbor Steel and Granite Works joint call", soon, ())
    nobody = Meeting("5", "Dentist", soon, ("gmail.com",))
    assert deal_for(by_title, DEALS) == HARBOR  # "Inc." and case do not matter
    assert deal_for(by_domain, DEALS) == GRANITE  # the open deal, not the won one
    assert deal_for(by_deal_name, DEALS) == KESTREL
    assert deal_for(two_accounts, DEALS) is None
    assert deal_for(nobody, DEALS) is None


def test_the_command_lists_the_calls_and_keeps_them(tmp_path: Path) -> None:
    library, home = tmp_path / "library", tmp_path / "home"
    library.mkdir()
    save_deals(Settings(library=library, home=home).usage_db, DEALS)
    path = tmp_path / "calendar.ics"
    path.write_text(calendar_text(datetime.now(UTC)), encoding="utf-8")
    result = run_cli(
        "deals", "import-calendar", str(path), "--library", str(library), "--home", str(home)
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Read ") and lines[0].endswith(" on your deals.")
    assert (
        "Harbor Steel - pricing review  →  Press line automation (Harbor Steel Inc.)" in (lines[1])
    )
    assert all("Weekly sync  →  Weld cell (Granite Works)" in line for line in lines[2:])
    assert len(load_meetings(home)) == len(lines) - 1


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"Record ID,Deal Name\n1,A\n", "not an iCalendar (.ics) file"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\n", "a damaged calendar"),
    ],
)
def test_what_is_not_a_calendar(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "calendar.ics"
    path.write_bytes(content)
    result = run_cli("deals", "import-calendar", str(path), "--home", str(tmp_path / "home"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"contentfinder: {path}: {says}")
    assert "Traceback" not in result.stderr
