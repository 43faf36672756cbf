"""A CRM export's cells as values: amounts written in the export's locale (`$1,200.50`,
`1.200,50 €`, `(300)`), dates in its format (`2026-12-18`, `12/18/2026`, `18.12.2026`, a
spreadsheet's own date), and the yes/no of Salesforce's `Won` and `Closed`.

A column is read as a whole: one amount such as `1.200,50` settles that the export writes a
decimal comma, so its `1.200` is twelve hundred; one date such as `18/12/2026` settles that it
writes the day first. A column that settles nothing is read the way both CRMs write by default
(a decimal point; the month first for slashes, the day first for dots)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from contentfinder.text import fold

Cell = str | float | int | date | datetime | bool | None
DateOrder = Literal["day-first", "month-first"]


class CellError(ValueError):
    """One cell that cannot be read; the message says what was found and what was expected."""


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str | None  # the symbol or ISO code written beside it, None: none


_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_CODE = re.compile(r"\b([A-Z]{3})\b")
_SPACES = re.compile(r"[\s\u00a0\u202f']+")  # 1 200,50 and 1'200.50 (Swiss) group with spaces
_NUMBER = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")


def _currency_of(text: str) -> tuple[str, str | None]:
    """`text` without its currency mark, and the currency it named."""
    for symbol, code in _SYMBOLS.items():
        if symbol in text:
            return text.replace(symbol, ""), code
    code_match = _CODE.search(text.upper())
    if code_match:
        return _CODE.sub("", text.upper()), code_match.group(1)
    return text, None


def _digits(text: str) -> tuple[str, bool]:
    """The number's characters alone and whether it was negative (`-300`, `(300)`)."""
    text = _SPACES.sub("", text)
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()")
    if text.startswith("-") or text.endswith("-"):
        negative, text = True, text.strip("-")
    return text.lstrip("+"), negative


def decimal_comma(text: str) -> bool | None:
    """True when `text` can only be a decimal-comma amount, False when only a decimal-point
    one, None when either (`1,200`, `1.200`, `1200`)."""
    number, _ = _digits(_currency_of(text)[0])
    last_comma, last_dot = number.rfind(","), number.rfind(".")
    if last_comma >= 0 and last_dot >= 0:
        return last_comma > last_dot
    mark = "," if last_comma >= 0 else "." if last_dot >= 0 else ""
    if not mark:
        return None
    decimals = len(number) - number.rfind(mark) - 1
    if number.count(mark) > 1:  # 1,200,000: a grouping mark, so the other one is decimal
        return mark == "."
    if decimals != 3:  # 1200,5 / 1200,50: a decimal mark
        return mark == ","
    return None


def parse_amount(cell: Cell, *, comma_decimal: bool = False) -> Amount | None:
    """The amount in `cell`; None for an empty one."""
    if cell is None or isinstance(cell, bool):
        if cell is None:
            return None
        raise CellError(f"'{cell}' is not an amount")
    if isinstance(cell, int | float):
        return Amount(float(cell), None)
    if isinstance(cell, date):
        raise CellError(f"'{cell.isoformat()}' is a date, not an amount")
    text = cell.strip()
    if not text or text in {"-", "—"}:
        return None
    rest, currency = _currency_of(text)
    number, negative = _digits(rest)
    if not _NUMBER.match(number):
        raise CellError(f"'{text}' is not an amount")
    group, decimal = (".", ",") if comma_decimal else (",", ".")
    if number.count(decimal) > 1:
        raise CellError(f"'{text}' is not an amount (more than one decimal mark)")
    whole = number.split(decimal)[0]
    groups = whole.split(group)
    # 1,200,000 and India's 12,00,000 group; 1.2.3 or 12,34 is not an amount in any locale
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3
        or len(groups[-1]) != 3
        or any(len(g) not in (2, 3) for g in groups[1:-1])
    ):
        raise CellError(f"'{text}' is not an amount (digits grouped oddly)")
    plain = number.replace(group, "").replace(decimal, ".")
    try:
        value = float(plain)
    except ValueError as exc:
        raise CellError(f"'{text}' is not an amount") from exc
    return Amount(-value if negative else value, currency)


def amounts_use_decimal_comma(cells: Sequence[Cell]) -> bool:
    """Whether the column writes a decimal comma, from its amounts that can only be read one
    way; a column with both kinds is read as the majority's (a pasted-in row is then an error
    on its own row, not a silent misreading of the rest)."""
    votes = [decimal_comma(c) for c in cells if isinstance(c, str) and c.strip()]
    commas = sum(1 for vote in votes if vote is True)
    points = sum(1 for vote in votes if vote is False)
    return commas > points


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?: .*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?:,? .*)?$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "janv", "januar", "ene", "enero"),
            ("feb", "february", "fevr", "februar", "febrero"),
            ("mar", "march", "mars", "marz", "marzo"),
            ("apr", "april", "avr", "avril", "abr", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "juni", "junio"),
            ("jul", "july", "juil", "juillet", "juli", "julio"),
            ("aug", "august", "aout", "ago", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "okt", "oktober", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "decembre", "dez", "dezember", "dic", "diciembre"),
        ),
        start=1,
    )
    for name in names
}
_WORDS = re.compile(r"[a-z]+|\d+")


def day_first(text: str) -> bool | None:
    """True when the numeric date `text` can only be day-first (`18/12/2026`), False when only
    month-first (`12/18/2026`), None when either or not a numeric date."""
    match = _NUMERIC.match(text.strip())
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 >= second:
        return True
    if second > 12 >= first:
        return False
    return None


def dates_are_day_first(cells: Sequence[Cell]) -> bool:
    """Whether the column writes the day first: as its dates that can only be read one way
    say, else as its separator says (dots: the day first, as German and French exports do;
    slashes and dashes: the month first, as both CRMs' US defaults do)."""
    texts = [c.strip() for c in cells if isinstance(c, str) and c.strip()]
    votes = [day_first(text) for text in texts]
    days, months = votes.count(True), votes.count(False)
    if days or months:
        return days > months
    return any(_NUMERIC.match(text) and "." in text for text in texts)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def parse_date(cell: Cell, *, dayfirst: bool = False) -> date | None:
    """The date in `cell`; None for an empty one."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, bool | int | float):
        raise CellError(f"'{cell}' is not a date")
    text = cell.strip()
    try:
        if match := _ISO.match(text) or _YMD.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _NUMERIC.match(text):
            first, second = int(match.group(1)), int(match.group(3))
            day, month = (first, second) if dayfirst else (second, first)
            return date(_year(match.group(4)), month, day)
        words = _WORDS.findall(fold(text))  # "Dec 18, 2026", "18 déc. 2026", "18-Dec-2026"
        months = [_MONTHS[w] for w in words if w in _MONTHS]
        numbers = [int(w) for w in words if w.isdigit()]
        if len(months) == 1 and len(numbers) == 2:
            day, year = sorted(numbers)  # the year is the larger of the two
            return date(_year(str(year)), months[0], day)
    except ValueError as exc:
        raise CellError(f"'{text}' is not a date ({exc})") from exc
    raise CellError(f"'{text}' is not a date (expected e.g. 2026-12-18 or 12/18/2026)")


_YES = {"true", "yes", "y", "1", "x", "won", "closed", "ja", "oui", "si", "vrai", "wahr"}
_NO = {"false", "no", "n", "0", "", "lost", "open", "nein", "non", "faux", "falsch"}


def parse_flag(cell: Cell) -> bool | None:
    """Salesforce's `Won`/`Closed` and HubSpot's `Is Closed Won` as a yes or no; None: empty."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float):
        return cell != 0
    folded = fold(str(cell))
    if not folded:
        return None
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise CellError(f"'{cell}' is neither yes nor no")


def cell_text(cell: Cell) -> str | None:
    """A cell as text (a spreadsheet's number 6000123 as `6000123`, not `6000123.0`)."""
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    text = str(cell).strip()
    return text or None
