"""An opportunity export read into deals, every row checked before any is kept: a row that
cannot be read, a duplicate id or a missing name is reported with its row number and nothing
is imported, so the deals table never holds half an export.

The header is the first row whose names make deals (a formatted Salesforce report has its
title above it), and a report's footer ("Grand Totals (12 records)", "Confidential
Information", the copyright line, each alone on its row after a blank one) is not a deal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from contentfinder.deals.columns import ColumnError, Columns, find_columns
from contentfinder.deals.export_file import Row, read_export
from contentfinder.deals.model import LOST_WORDS, WON_WORDS, Deal, Outcome, closing_outcome
from contentfinder.deals.values import (
    Cell,
    CellError,
    amounts_use_decimal_comma,
    cell_text,
    dates_are_day_first,
    parse_amount,
    parse_date,
    parse_flag,
)
from contentfinder.text import fold

_HEADER_SEARCH = 30  # rows above the header a formatted report may have
_SHOWN_ERRORS = 20
_OPEN = {"open", "offen", "ouvert", "abierto", ""}


class DealImportError(ValueError):
    """The export cannot be imported; the message names the file and each bad row."""


@dataclass(frozen=True)
class ReadDeals:
    deals: list[Deal]
    columns: Columns
    header_row: int
    empty_rows: int  # skipped: blank lines between deals
    footer_rows: int  # skipped: the report's totals and notices under the deals


def read_deals(
    path: Path, *, chosen: Mapping[str, str] | None = None, day_first: bool | None = None
) -> ReadDeals:
    """The deals of the export at `path`. `chosen`: {column: field} from `--map`;
    `day_first`: how its numeric dates are written, None: as the column shows."""
    rows = read_export(path)
    try:
        header, columns = _header(rows, chosen)
    except ColumnError as exc:
        raise DealImportError(f"{path}: {exc}") from exc
    data = [row for row in rows if row.number > header.number]
    empty = sum(1 for row in data if row.is_empty)
    footer = _footer(data)
    body = [row for row in data if not row.is_empty and row.number not in footer]
    deals, errors = _deals(body, columns, day_first)
    if errors:
        shown = "\n".join(f"  {e}" for e in errors[:_SHOWN_ERRORS])
        more = len(errors) - _SHOWN_ERRORS
        tail = f"\n  … and {more} more" if more > 0 else ""
        raise DealImportError(
            f"{path}: nothing imported; {len(errors)} row(s) to fix:\n{shown}{tail}"
        )
    if not deals:
        raise DealImportError(f"{path}: no deals under the header on row {header.number}")
    return ReadDeals(deals, columns, header.number, empty, len(footer))


def _texts(row: Row) -> list[str]:
    return [cell_text(cell) or "" for cell in row.cells]


def _header(rows: Sequence[Row], chosen: Mapping[str, str] | None) -> tuple[Row, Columns]:
    first_error: ColumnError | None = None
    candidates = [row for row in rows if not row.is_empty][:_HEADER_SEARCH]
    for row in candidates:
        try:
            return row, find_columns(_texts(row), chosen)
        except ColumnError as exc:
            first_error = first_error or exc
    raise first_error or ColumnError("no header row")


def _footer(data: Sequence[Row]) -> set[int]:
    """The numbers of rows after a blank one holding a single cell: a report's footer."""
    footer: set[int] = set()
    after_blank = False
    for row in data:
        if row.is_empty:
            after_blank = True
            continue
        filled = sum(1 for text in _texts(row) if text)
        if after_blank and filled == 1:
            footer.add(row.number)
        else:
            after_blank = False
    return footer


def _column(body: Sequence[Row], columns: Columns, field: str) -> list[Cell]:
    at = columns.positions.get(field)
    if at is None:
        return []
    return [row.cells[at] if at < len(row.cells) else None for row in body]


def _deals(
    body: Sequence[Row], columns: Columns, day_first: bool | None
) -> tuple[list[Deal], list[str]]:
    comma = amounts_use_decimal_comma(_column(body, columns, "amount"))
    dayfirst = (
        dates_are_day_first(_column(body, columns, "close_date"))
        if day_first is None
        else day_first
    )
    deals: list[Deal] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    at = columns.positions["deal_id"]
    for row in body:
        deal_id = cell_text(row.cells[at]) if at < len(row.cells) else None
        if deal_id is not None and deal_id in seen:
            errors.append(
                f"row {row.number}: {columns.header_of('deal_id')} {deal_id} is also on "
                f"row {seen[deal_id]} (each deal once)"
            )
            continue
        if deal_id is not None:
            seen[deal_id] = row.number
        try:
            deals.append(_deal(row, columns, comma, dayfirst))
        except CellError as exc:
            errors.append(f"row {row.number}: {exc}")
    return deals, errors


def _deal(row: Row, columns: Columns, comma: bool, dayfirst: bool) -> Deal:
    def cell(field: str) -> Cell:
        at = columns.positions.get(field)
        return row.cells[at] if at is not None and at < len(row.cells) else None

    def read(field: str, parse):  # type: ignore[no-untyped-def]
        try:
            return parse(cell(field))
        except CellError as exc:
            raise CellError(f"{columns.header_of(field)}: {exc}") from exc

    deal_id, name = cell_text(cell("deal_id")), cell_text(cell("name"))
    if deal_id is None:
        raise CellError(f"no {columns.header_of('deal_id')}")
    if name is None:
        raise CellError(f"no {columns.header_of('name')} for {deal_id}")
    amount = read("amount", lambda c: parse_amount(c, comma_decimal=comma))
    stage = cell_text(cell("stage"))
    return Deal(
        deal_id=deal_id,
        name=name,
        account=cell_text(cell("account")),
        stage=stage,
        outcome=_outcome(row, columns, stage, read),
        amount=amount.value if amount else None,
        currency=cell_text(cell("currency")) or (amount.currency if amount else None),
        close_date=read("close_date", lambda c: parse_date(c, dayfirst=dayfirst)),
        industry=cell_text(cell("industry")),
        contact_title=cell_text(cell("contact_title")),
        owner=cell_text(cell("owner")),
        source=columns.source,
    )


def _outcome(row: Row, columns: Columns, stage: str | None, read) -> Outcome:  # type: ignore[no-untyped-def]
    """From an outcome column, else the Won/Closed flags, else the stage's own name."""
    if "outcome" in columns.positions:
        text = fold(cell_text(read("outcome", lambda c: c)) or "")
        for outcome, words in (("won", WON_WORDS), ("lost", LOST_WORDS), ("open", _OPEN)):
            if text in words:
                return outcome  # type: ignore[return-value]
        raise CellError(f"{columns.header_of('outcome')}: '{text}' is not open, won or lost")
    won = read("won", parse_flag) if "won" in columns.positions else None
    closed = read("closed", parse_flag) if "closed" in columns.positions else None
    if won:
        return "won"
    if closed:
        return "lost" if won is False else _from_stage(stage, default="lost")
    if closed is False:
        return "open"
    return _from_stage(stage, default="open")


def _from_stage(stage: str | None, *, default: Outcome) -> Outcome:
    return closing_outcome(stage) or default
