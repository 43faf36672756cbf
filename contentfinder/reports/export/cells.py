"""How a cell reads whatever the format: dates and times, numbers, blanks, the formula
prefix that keeps a spreadsheet from running a rep's text, and the rows a chart draws."""

from __future__ import annotations

from datetime import date, datetime

from contentfinder.reports.model import Chart, Report, Table

GROUPED_FROM = 10_000  # numbers this large show thousands separators (amounts, big counts)
CHART_ROWS = 30  # bars beyond this are unreadable; rows come ordered top first
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection triggers
HEAT_COLOUR = (0x2B, 0x6C, 0xB0)  # the strong end of white → colour
DARK_TEXT, LIGHT_TEXT = (0x1D, 0x24, 0x30), (0xFF, 0xFF, 0xFF)


def defuse_formula(text: str) -> str:
    """`text` as a spreadsheet will show it, never run it (OWASP: prefix a single quote)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def display_datetime(value: datetime) -> str:
    shown = value.strftime("%Y-%m-%d %H:%M")
    return f"{shown} {value.tzname()}" if value.tzinfo is not None else shown


def display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float) and abs(value) >= GROUPED_FROM:
        return f"{round(value, 2):,}".removesuffix(".0")  # 260,000: an amount a reader reads
    if isinstance(value, float):
        return str(round(value, 2))
    if isinstance(value, datetime):
        return display_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def chart_title(table: Table, chart: Chart) -> str:
    if len(table.rows) > CHART_ROWS:
        return f"{chart.title} (first {CHART_ROWS} rows)"
    return chart.title


def header_lines(report: Report) -> list[tuple[str, str]]:
    """The lines every format shows above the tables: the report's `about` lines, with its
    period first when `about` has none of its own, and when it was generated."""
    lines = list(report.about)
    if not any(label.casefold() == "period" for label, _ in lines):
        lines.insert(0, ("Period", report.period))
    lines.append(("Generated", display_datetime(report.generated_at)))
    return lines


def heat_colour(value: float, top: float) -> tuple[int, int, int]:
    """A heatmap cell's fill: white at 0, `HEAT_COLOUR` at `top`, linear between (as the
    spreadsheet's two-colour scale from 0 to the maximum draws it)."""
    share = min(max(value / top, 0.0), 1.0) if top > 0 else 0.0
    red, green, blue = (round(255 + (part - 255) * share) for part in HEAT_COLOUR)
    return red, green, blue


def text_colour_on(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    """Dark or white text, whichever contrasts more with `fill` (WCAG relative luminance)."""
    background = _luminance(fill)
    on_dark = (1.05) / (background + 0.05)  # white text: (1 + 0.05) / (L + 0.05)
    on_light = (background + 0.05) / (_luminance(DARK_TEXT) + 0.05)
    return LIGHT_TEXT if on_dark > on_light else DARK_TEXT


def hex_colour(colour: tuple[int, int, int]) -> str:
    return "".join(f"{part:02X}" for part in colour)


def _luminance(colour: tuple[int, int, int]) -> float:
    def linear(part: int) -> float:
        channel = part / 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(part) for part in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
