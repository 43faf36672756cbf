"""`contentfinder deals import FILE`: a CRM's opportunity export (CSV or XLSX, in Salesforce's
or HubSpot's default columns, or any columns named with `--map`) into this machine's deals
table, all rows or none, a re-import updating stages, amounts and outcomes by the CRM's id.
It says what it read, what it skipped, and which stages, industries and contact titles
`deals.toml` does not map yet, so a call kit gets every filter it could.

`contentfinder deals import-calendar FILE.ics`: the rep's calendar export, for the upcoming
calls on those deals (the app's Preparing for list shows them first)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, add_library_options, error
from contentfinder.deals.calendar import (
    CalendarError,
    read_calendar,
    save_meetings,
    upcoming_calls,
)
from contentfinder.deals.columns import FIELDS, ColumnError, parse_map, read_map_file
from contentfinder.deals.export_file import ExportFileError
from contentfinder.deals.importing import DealImportError, ReadDeals, read_deals
from contentfinder.deals.mapping import (
    DEALS_FILE,
    DealMapping,
    DealMappingError,
    crm_field_name,
    load_deal_mapping,
)
from contentfinder.deals.model import Deal
from contentfinder.library.opened import Library

if TYPE_CHECKING:  # the store brings SQLAlchemy: loaded when a command runs, not for --help
    from contentfinder.deals.store import SavedDeals

_VENDOR_NAMES = {"salesforce": "Salesforce", "hubspot": "HubSpot", "mapped": "your --map"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, title="actions")
    importing = actions.add_parser(
        "import",
        help="read a CRM's opportunity export (CSV or XLSX) into your deals",
        description="Reads the deals of FILE, a Salesforce report or HubSpot deal export "
        "saved as CSV or XLSX, into your deals (beside your usage log). Both vendors' default "
        "column names are recognised; name any other column with --map. Amounts and dates "
        "are read as the export writes them ($1,200.50, 1.200,50 €, 12/18/2026, 18.12.2026). "
        "All rows or none: a bad row is reported and nothing is imported. Importing a newer "
        "export updates each deal by its CRM id.",
    )
    importing.add_argument("file", metavar="FILE", help="the export: a .csv or .xlsx file")
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=f"read COLUMN as FIELD, one of: {', '.join(FIELDS)} (repeatable)",
    )
    importing.add_argument(
        "--map-file",
        metavar="FILE.toml",
        help='a mapping file of `"COLUMN" = "FIELD"` lines, for an export you import often',
    )
    importing.add_argument(
        "--dates",
        choices=("day-first", "month-first"),
        help="how the export writes numeric dates, when its dates cannot tell (default: "
        "month-first for 12/08/2026, day-first for 12.08.2026)",
    )
    add_library_options(importing, nested=True)
    calendar = actions.add_parser(
        "import-calendar",
        help="read your calendar export (.ics) for the upcoming calls on your deals",
        description="Reads the meetings of the next 30 days from FILE.ics (exported from "
        "Outlook, Google Calendar or Apple Calendar; recurring meetings included). A meeting "
        "whose title names a deal's account or deal, or whose attendees are from the "
        "account's e-mail domain, is an upcoming call on that deal: the app's Preparing for "
        "list shows it first. Each import replaces the last one.",
    )
    calendar.add_argument("file", metavar="FILE.ics", help="the calendar export")
    add_library_options(calendar, nested=True)


def run(args: argparse.Namespace, library: Library) -> int:
    from contentfinder.deals.store import DealStoreError, save_deals

    if args.action == "import-calendar":
        return _import_calendar(Path(args.file).expanduser(), library)
    path = Path(args.file).expanduser()
    try:
        chosen = read_map_file(Path(args.map_file).expanduser()) if args.map_file else {}
        chosen.update(parse_map(args.map))
        mapping = load_deal_mapping(library.settings.library, library.taxonomy)
        read = read_deals(
            path, chosen=chosen, day_first=None if args.dates is None else args.dates == "day-first"
        )
        saved = save_deals(library.settings.usage_db, read.deals)
    except (ColumnError, ExportFileError, DealImportError, DealMappingError, DealStoreError) as exc:
        error(str(exc))
        return EXIT_FAILURE
    print(_summary(path, read, saved))
    for line in unmapped_lines(mapping, read.deals):
        print(line)
    return EXIT_OK


def _summary(path: Path, read: ReadDeals, saved: SavedDeals) -> str:
    deals = len(read.deals)
    lines = [
        f"Imported {deals} deal{'s' if deals != 1 else ''} from {path.name} "
        f"({_VENDOR_NAMES[read.columns.source]} columns): {saved.added} added, "
        f"{saved.updated} updated."
    ]
    outcomes = {o: sum(1 for d in read.deals if d.outcome == o) for o in ("open", "won", "lost")}
    lines.append(", ".join(f"{n} {o}" for o, n in outcomes.items()) + ".")
    skipped = [
        f"{n} {what}"
        for n, what in ((read.empty_rows, "empty row(s)"), (read.footer_rows, "footer row(s)"))
        if n
    ]
    if skipped:
        lines.append(f"Skipped {' and '.join(skipped)}.")
    used = set(read.columns.positions.values())
    ignored = [h for i, h in enumerate(read.columns.headers) if h and i not in used]
    if ignored:
        lines.append(f"Columns not read: {', '.join(ignored)}.")
    return "\n".join(lines)


def unmapped_lines(mapping: DealMapping, deals: Sequence[Deal]) -> list[str]:
    """The CRM values `deals.toml` maps to nothing, most deals first, for marketing to add."""
    unmapped = mapping.unmapped(deals)
    if not unmapped:
        return []
    lines = [f"Not mapped to the taxonomy (add them to {DEALS_FILE} in the library):"]
    for facet, counts in unmapped.items():
        what = crm_field_name(facet)
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  {what} '{value}': {count} deal{'s' if count != 1 else ''}")
    return lines


def _import_calendar(path: Path, library: Library) -> int:
    from contentfinder.deals.store import DealStoreError, load_deals

    settings = library.settings
    try:
        meetings = read_calendar(path)
        deals = load_deals(settings.usage_db)
        save_meetings(settings.home, meetings)
    except (CalendarError, DealStoreError) as exc:
        error(str(exc))
        return EXIT_FAILURE
    except OSError as exc:
        error(f"{settings.home}: cannot save the meetings ({exc.strerror})")
        return EXIT_FAILURE
    calls = upcoming_calls(meetings, deals)
    count = len(meetings)
    print(
        f"Read {count} meeting{'s' if count != 1 else ''} of the next 30 days from {path.name}: "
        f"{len(calls)} on your deals."
    )
    for call in calls:
        when = call.meeting.starts_at.astimezone().strftime("%a %d %b %H:%M")
        print(f"  {when}  {call.meeting.title}  →  {call.deal.name} ({call.deal.account or '-'})")
    if not deals:
        print(
            "No deals imported yet: `contentfinder deals import FILE` first, then the calls match."
        )
    return EXIT_OK
