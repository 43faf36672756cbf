"""`catalog.csv`: marketing's spreadsheet of tags, titles, owners, publication and expiry dates
per asset.

Rows that cannot be applied are reported with their row number (as a spreadsheet shows it, the
header being row 1); every other row still applies.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from contentfinder.library.scan import AssetId
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.text import fold

CATALOG_FILE = "catalog.csv"
FIXED_COLUMNS = ("path", "title", "expires", "published", "owner", "summary")
DATE_COLUMNS = ("expires", "published")


class ProblemCode(StrEnum):
    """What is wrong with the catalog, for code that sorts problems (the message is for people)."""

    UNREADABLE = "unreadable"  # the file cannot be read at all (row 0)
    NOT_UTF8 = "not-utf8"  # read as Windows-1252; every row still applies
    NO_PATH_COLUMN = "no-path-column"  # no row applies
    UNKNOWN_COLUMN = "unknown-column"  # that column is ignored; every row still applies
    LEAVES_LIBRARY = "leaves-library"  # a path outside the library folder
    EMPTY_PATH = "empty-path"
    DUPLICATE_ROW = "duplicate-row"  # a second row for one asset; ignored
    UNKNOWN_VALUE = "unknown-value"  # a value the facet does not know (`facet`, `value`)
    BAD_DATE = "bad-date"  # an expiry or publication date not in YYYY-MM-DD form (`value`)
    UNKNOWN_PATH = "unknown-path"  # no such asset in the library (`value`: the path)


# Problems that leave every row applied: worth fixing, not worth failing a check for.
ADVISORY_CODES = frozenset({ProblemCode.NOT_UTF8, ProblemCode.UNKNOWN_COLUMN})


@dataclass(frozen=True)
class CatalogProblem:
    row: int
    message: str
    code: ProblemCode
    facet: str = ""  # the facet or column concerned, when there is one
    value: str = ""  # the cell as written, when one cell is at fault

    @property
    def advisory(self) -> bool:
        return self.code in ADVISORY_CODES

    def __str__(self) -> str:
        return f"{CATALOG_FILE} row {self.row}: {self.message}"


@dataclass(frozen=True)
class CatalogEntry:
    asset_id: AssetId
    row: int
    title: str = ""
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # only non-empty cells
    unknown_values: tuple[str, ...] = ()  # cell values the taxonomy does not know: free tags
    expires: date | None = None
    owner: str = ""
    summary: str = ""
    published: date | None = None  # the publication date; None: the index's first-seen date

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything this row says changes."""
        return hashlib.sha1(repr(self._content()).encode()).hexdigest()[:16]

    def _content(self) -> tuple[object, ...]:
        return (
            self.title,
            sorted(self.facets.items()),
            self.unknown_values,
            self.expires,
            self.owner,
            self.summary,
            self.published,
        )


@dataclass
class Catalog:
    entries: dict[AssetId, CatalogEntry] = field(default_factory=dict)
    problems: list[CatalogProblem] = field(default_factory=list)
    fingerprint: str = ""

    def checked_against(self, known: set[AssetId]) -> Catalog:
        """A copy with `check_paths` applied; this catalog is left as it is (it may be shared)."""
        copy = replace(self, entries=dict(self.entries), problems=list(self.problems))
        copy.check_paths(known)
        return copy

    def check_paths(self, known: set[AssetId]) -> None:
        """Report rows whose file is not in the library, matching case-insensitively as a
        fallback (a marketer typing a path into Excel rarely gets the case right)."""
        missing = [asset_id for asset_id in self.entries if asset_id not in known]
        if not missing:
            return
        by_folded = {fold(asset_id): asset_id for asset_id in known}
        for asset_id in missing:
            entry = self.entries[asset_id]
            actual = by_folded.get(fold(asset_id))
            del self.entries[asset_id]
            if actual is not None and actual not in self.entries:
                self.entries[actual] = CatalogEntry(**{**entry.__dict__, "asset_id": actual})
            else:
                self.problems.append(
                    CatalogProblem(
                        entry.row,
                        f"no asset '{asset_id}' in the library",
                        ProblemCode.UNKNOWN_PATH,
                        value=asset_id,
                    )
                )
        self.problems.sort(key=lambda p: p.row)


def load_catalog(library: Path, taxonomy: Taxonomy) -> Catalog:
    path = library / CATALOG_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Catalog()
    except OSError as exc:
        problem = CatalogProblem(0, f"cannot read ({exc.strerror})", ProblemCode.UNREADABLE)
        return Catalog(problems=[problem])
    return parse_catalog(raw, taxonomy)


def parse_catalog(raw: bytes, taxonomy: Taxonomy) -> Catalog:
    catalog = Catalog(fingerprint=hashlib.sha1(raw).hexdigest())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" without "UTF-8" saves in the Windows code page.
        text = raw.decode("cp1252", errors="replace")
        catalog.problems.append(
            CatalogProblem(1, "not UTF-8; read as Windows-1252", ProblemCode.NOT_UTF8)
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [fold(cell).replace(" ", "_") for cell in next(reader, [])]
    if "path" not in header:
        catalog.problems.append(
            CatalogProblem(1, "no 'path' column in the header", ProblemCode.NO_PATH_COLUMN)
        )
        return catalog
    facet_names = set(taxonomy.facet_names)
    for column in header:
        if column and column not in FIXED_COLUMNS and column not in facet_names:
            catalog.problems.append(
                CatalogProblem(
                    1,
                    f"unknown column '{column}' ignored",
                    ProblemCode.UNKNOWN_COLUMN,
                    facet=column,
                )
            )
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = {name: cells[i].strip() for i, name in enumerate(header) if i < len(cells)}
        entry = _parse_row(row, row_number, taxonomy, catalog.problems)
        if entry is None:
            continue
        if entry.asset_id in catalog.entries:
            first = catalog.entries[entry.asset_id].row
            catalog.problems.append(
                CatalogProblem(
                    row_number,
                    f"'{entry.asset_id}' already in row {first}; ignored",
                    ProblemCode.DUPLICATE_ROW,
                    value=entry.asset_id,
                )
            )
            continue
        catalog.entries[entry.asset_id] = entry
    return catalog


def _parse_row(
    row: dict[str, str], number: int, taxonomy: Taxonomy, problems: list[CatalogProblem]
) -> CatalogEntry | None:
    asset_id = _asset_id(row.get("path", ""))
    if asset_id is None:
        raw = row.get("path", "")
        problems.append(
            CatalogProblem(
                number, f"path '{raw}' leaves the library", ProblemCode.LEAVES_LIBRARY, value=raw
            )
        )
        return None
    if not asset_id:
        problems.append(CatalogProblem(number, "empty path", ProblemCode.EMPTY_PATH))
        return None
    facets: dict[str, tuple[str, ...]] = {}
    unknown: list[str] = []
    for facet in taxonomy.facets:
        cell = row.get(facet.name, "")
        if not cell:
            continue
        values: list[str] = []
        for part in (p.strip() for p in cell.split(";")):
            if not part:
                continue
            value = facet.resolve(part)
            if value is None:
                problems.append(
                    CatalogProblem(
                        number,
                        f"unknown {facet.name} '{part}'",
                        ProblemCode.UNKNOWN_VALUE,
                        facet=facet.name,
                        value=part,
                    )
                )
                unknown.append(part)
            elif value not in values:
                values.append(value)
        if values:
            facets[facet.name] = tuple(values)
    expires, published = (_date(row, column, number, problems) for column in DATE_COLUMNS)
    return CatalogEntry(
        asset_id=asset_id,
        row=number,
        title=row.get("title", ""),
        facets=facets,
        unknown_values=tuple(unknown),
        expires=expires,
        owner=row.get("owner", ""),
        summary=row.get("summary", ""),
        published=published,
    )


def _date(
    row: dict[str, str], column: str, number: int, problems: list[CatalogProblem]
) -> date | None:
    """The cell's ISO date; a cell that is not one is a problem of its row, and no date."""
    cell = row.get(column, "")
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        what = "date" if column == "expires" else f"{column} date"  # expiry was the first
        problems.append(
            CatalogProblem(
                number,
                f"bad {what} '{cell}' (expected YYYY-MM-DD)",
                ProblemCode.BAD_DATE,
                facet=column,
                value=cell,
            )
        )
        return None


def _asset_id(raw: str) -> str | None:
    """The asset id a catalog path names; None when the path leaves the library root."""
    cleaned = raw.strip().replace("\\", "/")
    if cleaned.startswith("/") or (len(cleaned) > 1 and cleaned[1] == ":"):
        return None
    # What PurePosixPath(cleaned).parts would give less "" and ".", without a Path per row
    # (a catalog of 12,000 rows spent half its parse making them, on every index run).
    parts = [p for p in cleaned.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None
    return "/".join(parts)
