"""Which column of an opportunity export holds which field of a deal: Salesforce's and
HubSpot's default column names recognised (as their reports and exports write them, in any
case and spacing), anything else named by the user (`--map "Deal Ref=deal_id"` or a mapping
file of such lines), and a clear account of what is missing."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from contentfinder.text import fold

# field → what it means, for messages and `--help`
FIELDS: dict[str, str] = {
    "deal_id": "the CRM's id of the deal",
    "name": "the deal's name",
    "account": "the account (company)",
    "stage": "the stage",
    "amount": "the amount",
    "currency": "the amount's currency",
    "close_date": "the close date",
    "industry": "the account's industry",
    "contact_title": "the primary contact's title or role",
    "owner": "the deal's owner",
    "won": "whether it was won (yes/no)",
    "closed": "whether it is closed (yes/no)",
    "outcome": "open, won or lost",
}
REQUIRED = ("deal_id", "name")

# Each vendor's default column names, by field, the likeliest first.
SALESFORCE: dict[str, tuple[str, ...]] = {
    "deal_id": ("Opportunity ID", "Opportunity ID (18)", "Opportunity 18 Digit ID", "Id"),
    "name": ("Opportunity Name",),
    "account": ("Account Name", "Account"),
    "stage": ("Stage", "Stage Name", "StageName"),
    "amount": ("Amount", "Opportunity Amount"),
    "currency": ("Amount Currency", "Opportunity Currency", "Currency", "CurrencyIsoCode"),
    "close_date": ("Close Date", "CloseDate"),
    "industry": ("Industry", "Account Industry", "Account: Industry"),
    "contact_title": ("Contact Title", "Primary Contact Role", "Contact: Title", "Title"),
    "owner": ("Opportunity Owner", "Owner Name", "Owner"),
    "won": ("Won", "IsWon"),
    "closed": ("Closed", "IsClosed"),
}
HUBSPOT: dict[str, tuple[str, ...]] = {
    "deal_id": ("Record ID", "Deal ID", "hs_object_id"),
    "name": ("Deal Name", "dealname"),
    "account": ("Associated Company", "Associated Company (Primary)", "Company name", "Company"),
    "stage": ("Deal Stage", "dealstage"),
    "amount": ("Amount", "Amount in company currency"),
    "currency": ("Currency", "Deal currency code"),
    "close_date": ("Close Date", "closedate"),
    "industry": ("Industry", "Company Industry"),
    "contact_title": ("Job Title", "Contact Job Title", "Primary Contact Role", "Contact Title"),
    "owner": ("Deal owner", "Deal Owner", "hubspot_owner_id"),
    "won": ("Is Closed Won", "hs_is_closed_won"),
    "closed": ("Is closed", "Is Closed", "hs_is_closed"),
}
VENDORS = {"salesforce": SALESFORCE, "hubspot": HUBSPOT}


class ColumnError(ValueError):
    """The export's columns cannot make deals; the message lists what was found and missing."""


@dataclass(frozen=True)
class Columns:
    """Field → the index of the column holding it, and the vendor shape recognised."""

    positions: Mapping[str, int]
    source: str  # "salesforce", "hubspot" or "mapped"
    headers: Sequence[str]

    def header_of(self, field: str) -> str:
        return self.headers[self.positions[field]]


def parse_map(given: Sequence[str], origin: str = "--map") -> dict[str, str]:
    """`COLUMN=field` pairs (from `--map` or a mapping file's lines) as {column: field}."""
    chosen: dict[str, str] = {}
    for pair in given:
        column, sep, field = pair.rpartition("=")
        column, field = column.strip().strip("\"'"), field.strip().strip("\"'")
        if not sep or not column:
            raise ColumnError(f"{origin}: '{pair}' is not COLUMN=field")
        if field not in FIELDS:
            raise ColumnError(
                f"{origin}: '{pair}': unknown field '{field}' (known: {', '.join(FIELDS)})"
            )
        chosen[column] = field
    return chosen


def read_map_file(path: Path) -> dict[str, str]:
    """A mapping file: `"Column" = "field"` lines (TOML), comments with #."""
    try:
        parsed = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ColumnError(f"{path}: cannot read the column mapping ({exc.strerror})") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ColumnError(
            f'{path}: not a column mapping ({exc}); write one `"Column" = "field"` a line'
        ) from exc
    pairs = []
    for column, field in parsed.items():
        if not isinstance(field, str):
            raise ColumnError(f"{path}: '{column}' must name a field (known: {', '.join(FIELDS)})")
        pairs.append(f"{column}={field}")
    return parse_map(pairs, str(path))


def _vendor_score(folded: Sequence[str], vendor: Mapping[str, tuple[str, ...]]) -> int:
    names = {fold(name) for names in vendor.values() for name in names}
    id_names = {fold(name) for name in vendor["deal_id"]}
    return sum(1 for h in folded if h in names) + 10 * any(h in id_names for h in folded)


def find_columns(headers: Sequence[str], chosen: Mapping[str, str] | None = None) -> Columns:
    """Where each field is in `headers`: the user's `chosen` columns first, then the default
    names of the vendor the headers look like, then the other vendor's."""
    folded = [fold(h) for h in headers]
    positions: dict[str, int] = {}
    for column, field in (chosen or {}).items():
        if fold(column) not in folded:
            found = ", ".join(f"'{h}'" for h in headers if h)
            raise ColumnError(f"--map names a column '{column}' the file does not have ({found})")
        positions[field] = folded.index(fold(column))
    ranked = sorted(VENDORS, key=lambda name: -_vendor_score(folded, VENDORS[name]))
    taken = set(positions.values())
    for vendor in ranked:
        for field, names in VENDORS[vendor].items():
            if field in positions:
                continue
            for name in names:
                if fold(name) in folded and folded.index(fold(name)) not in taken:
                    positions[field] = folded.index(fold(name))
                    taken.add(positions[field])
                    break
    missing = [field for field in REQUIRED if field not in positions]
    if missing:
        found = ", ".join(f"'{h}'" for h in headers if h) or "none"
        wanted = "; ".join(
            f"{FIELDS[field]} (e.g. {' or '.join(repr(VENDORS[v][field][0]) for v in VENDORS)})"
            for field in missing
        )
        raise ColumnError(
            f"the columns found are {found}; missing {wanted}. Name the column with "
            f'--map "COLUMN={missing[0]}"'
        )
    by_choice = chosen and set(chosen.values()) & {"deal_id", "name"}
    source = "mapped" if by_choice else ranked[0]
    return Columns(positions, source, list(headers))
