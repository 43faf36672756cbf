"""Writing a `Report` as CSV, XLSX (with native charts and heatmaps), self-contained HTML or
JSON, to a file atomically or as bytes.

Every cell comes from reps' data (asset titles, search text), so each format defuses it its own
way: CSV prefixes would-be formulas with `'`, XLSX stores them as text, HTML escapes everything.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from contentfinder.files import atomic_write
from contentfinder.reports.model import Chart, Report, Table, is_number

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS = ("csv", "xlsx", "html", "json")
CHART_ROWS = 30  # bars beyond this are unreadable; rows come ordered top first
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection triggers
ABOUT_SHEET = "About"
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
HEADER_FILL = "E8EDF3"
ZERO_FILL, ZERO_TEXT = "F8C4C0", "9B1C1C"  # zero cells: "nothing here" must stand out
HEAT_COLOUR = (0x2B, 0x6C, 0xB0)  # the strong end of white → colour
SERIES_COLOURS = ("#2b6cb0", "#dd6b20", "#2f855a", "#805ad5", "#b83280")


def write_report(report: Report, fmt: str, out: Path | None) -> bytes | None:
    """Write `report` in `fmt` (one of `FORMATS`, else ValueError) to `out`, replacing it
    atomically, or return the bytes if `out` is None. The folder must exist; OSError otherwise."""
    try:
        render = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format '{fmt}'; formats: {', '.join(FORMATS)}") from None
    data = render(report)
    if out is None:
        return data
    atomic_write(Path(out), data)
    return None


def defuse_formula(text: str) -> str:
    """`text` as a spreadsheet will show it, never run it (OWASP: prefix a single quote)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _display_datetime(value: datetime) -> str:
    shown = value.strftime("%Y-%m-%d %H:%M")
    return f"{shown} {value.tzname()}" if value.tzinfo is not None else shown


# -- CSV ---------------------------------------------------------------------------------------


def _csv(report: Report) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # the "excel" dialect: RFC 4180 quoting, CRLF
    header = (report.title, report.period, f"Generated {_display_datetime(report.generated_at)}")
    writer.writerows([_csv_cell(line)] for line in (*header, *report.notes))
    writer.writerow([])
    for table in report.tables:
        # The note shares the name line so the header is always the line after the name.
        writer.writerow([_csv_cell(text) for text in (table.name, table.note) if text])
        writer.writerow([_csv_cell(column) for column in table.columns])
        writer.writerows([_csv_cell(cell) for cell in row] for row in table.rows)
        writer.writerow([])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM tells Excel it is UTF-8


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # what Excel reads back as a boolean
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return defuse_formula(value)
    return value  # a number stays a number, a negative one too


# -- JSON --------------------------------------------------------------------------------------


def _json(report: Report) -> bytes:
    data = {
        "kind": report.kind,
        "title": report.title,
        "period": report.period,
        "generated_at": report.generated_at.isoformat(),
        "notes": list(report.notes),
        "tables": [
            {
                "name": table.name,
                "columns": list(table.columns),
                "rows": [[_json_cell(cell) for cell in row] for row in table.rows],
                "note": table.note,
            }
            for table in report.tables
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _json_cell(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


# -- XLSX --------------------------------------------------------------------------------------


def _xlsx(report: Report) -> bytes:
    from openpyxl import Workbook  # heavy: only the xlsx format pays for loading it

    workbook = Workbook()
    workbook.properties.title = report.title
    workbook.properties.creator = "contentfinder"
    names = sheet_names(table.name for table in report.tables)
    _fill_about(workbook.active, report, names)
    for table, name in zip(report.tables, names, strict=True):
        sheet = workbook.create_sheet(name)
        _fill_table(sheet, table)
        if table.chart is not None and table.rows:
            _add_chart(sheet, table, table.chart)
        if table.heatmap and table.rows:
            _add_heatmap(sheet, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_names(names: Iterable[str]) -> list[str]:
    """Legal, unique Excel sheet names for table names: at most 31 characters, none of
    `[]:*?/\\`, not "History" (reserved), unique ignoring case, "About" kept for the cover."""
    taken = {ABOUT_SHEET.casefold(), "history"}
    result = []
    for name in names:
        base = " ".join(SHEET_FORBIDDEN.sub(" ", name).split())[:31].strip(" '") or "Table"
        candidate, number = base, 2
        while candidate.casefold() in taken:
            suffix = f" ({number})"
            candidate, number = base[: 31 - len(suffix)].rstrip(" '") + suffix, number + 1
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def _fill_about(sheet: Worksheet, report: Report, names: list[str]) -> None:
    from openpyxl.styles import Font

    sheet.title = ABOUT_SHEET
    _put(sheet, 1, 1, report.title).font = Font(bold=True, size=14)
    lines: list[tuple[object, ...]] = [
        ("Period", report.period),
        ("Generated", _display_datetime(report.generated_at)),
        ("Report", report.kind),
    ]
    lines += [("Note", note) for note in report.notes]
    for row, line in enumerate(lines, start=2):
        for column, value in enumerate(line, start=1):
            _put(sheet, row, column, value)
    first = len(lines) + 3
    _put(sheet, first, 1, "Sheets").font = Font(bold=True)
    for row, (table, name) in enumerate(zip(report.tables, names, strict=True), start=first + 1):
        link = _put(sheet, row, 1, name)
        quoted = name.replace("'", "''")  # how a sheet reference escapes a quote
        link.hyperlink = f"#'{quoted}'!A1"
        link.style = "Hyperlink"
        _put(sheet, row, 2, table.note)
    sheet.column_dimensions["A"].width = max([12, *(len(name) + 2 for name in names)])
    sheet.column_dimensions["B"].width = 90


def _fill_table(sheet: Worksheet, table: Table) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for column, name in enumerate(table.columns, start=1):
        cell = _put(sheet, 1, column, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for row, cells in enumerate(table.rows, start=2):
        for column, value in enumerate(cells, start=1):
            _put(sheet, row, column, value)
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(len(table.columns))
    if table.columns:
        sheet.auto_filter.ref = f"A1:{last_column}{len(table.rows) + 1}"
    if table.note:
        _put(sheet, len(table.rows) + 3, 1, table.note).font = Font(italic=True)
    for index, width in enumerate(_column_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        # openpyxl takes a leading "=" for a formula and "#N/A" for an error: data is text.
        cell.data_type = "s"
        # And Excel would re-read "=…" as a formula once someone edits the cell: keep it text.
        cell.quotePrefix = value.startswith(FORMULA_STARTS)
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)  # Excel has no time zones: keep the wall clock
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
    return cell


def _column_widths(table: Table) -> list[float]:
    widths = []
    for index, name in enumerate(table.columns):
        longest = max([len(name), *(len(_display(row[index])) for row in table.rows)])
        widths.append(min(max(longest + 2, 8), 60))
    return widths


def _add_chart(sheet: Worksheet, table: Table, chart: Chart) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    count = len(table.chart_rows(CHART_ROWS))
    bar = BarChart()
    bar.type = "bar" if chart.horizontal else "col"
    bar.title = _chart_title(table, chart)
    for column in chart.value_columns:
        values = Reference(sheet, min_col=column + 1, min_row=1, max_row=count + 1)
        bar.add_data(values, titles_from_data=True)
    labels = Reference(sheet, min_col=chart.label_column + 1, min_row=2, max_row=count + 1)
    bar.set_categories(labels)
    if chart.horizontal:
        bar.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
        bar.height = max(7.5, 0.55 * count * len(chart.value_columns) + 3)
    bar.x_axis.delete = False  # openpyxl 3.1 hides both axes unless told otherwise
    bar.y_axis.delete = False
    if len(chart.value_columns) == 1:
        bar.legend = None
    bar.width = 18
    sheet.add_chart(bar, f"{get_column_letter(len(table.columns) + 2)}2")


def _chart_title(table: Table, chart: Chart) -> str:
    if len(table.rows) > CHART_ROWS:
        return f"{chart.title} (first {CHART_ROWS} rows)"
    return chart.title


def _add_heatmap(sheet: Worksheet, table: Table) -> None:
    from openpyxl.formatting.rule import ColorScaleRule, FormulaRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    last_row = len(table.rows) + 1
    ranges = []
    for first, last in _runs(table.numeric_columns()):
        top_left = f"{get_column_letter(first + 1)}2"
        ranges.append(f"{top_left}:{get_column_letter(last + 1)}{last_row}")
        # Not CellIs "= 0": Excel counts a blank cell as 0, and blank means "not shown".
        zero = FormulaRule(
            formula=[f"AND(ISNUMBER({top_left}),{top_left}=0)"],
            fill=PatternFill(fill_type="solid", start_color=ZERO_FILL, end_color=ZERO_FILL),
            font=Font(color=ZERO_TEXT, bold=True),
            stopIfTrue=True,
        )
        sheet.conditional_formatting.add(ranges[-1], zero)
    if ranges:  # one scale over the whole matrix, so colours compare across columns
        strong = "".join(f"{part:02X}" for part in HEAT_COLOUR)
        scale = ColorScaleRule(
            start_type="num", start_value=0, start_color="FFFFFF", end_type="max", end_color=strong
        )
        sheet.conditional_formatting.add(" ".join(ranges), scale)


def _runs(indexes: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive column indexes as (first, last) pairs: (1, 2, 3, 5) -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


# -- HTML --------------------------------------------------------------------------------------

STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430;
  background: #fff; max-width: 75rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.meta, .note, .legend { color: #4a5463; }
.notes { margin: .5rem 0 1.5rem; padding-left: 1.2rem; color: #4a5463; }
section { margin: 2rem 0 2.5rem; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 600; font-size: 1.1rem; padding: 0 0 .5rem; }
th, td { border: 1px solid #d5dae1; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #e8edf3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { background: #f8c4c0; color: #9b1c1c; font-weight: 600; }
td.empty { color: #4a5463; font-style: italic; }
.note, .legend { font-size: .9rem; margin: .4rem 0 0; }
figure { margin: 1.5rem 0 0; }
figcaption { font-weight: 600; margin: 0 0 .5rem; }
svg { max-width: 100%; height: auto; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1d2430; }
thead { display: table-header-group; }
tr, figure { break-inside: avoid; }
@media print {
  body { margin: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 220, 360, 70  # the SVG chart's three bands, in px
BAR_HEIGHT, BAR_GAP, LABEL_CHARS = 16, 8, 34


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html(report: Report) -> bytes:
    generated = _display_datetime(report.generated_at)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{STYLE}</style></head>",
        "<body>",
        f"<header><h1>{_e(report.title)}</h1>",
        f'<p class="meta">{_e(report.period)} · generated {_e(generated)}</p>',
    ]
    if report.notes:
        parts.append('<ul class="notes">')
        parts += [f"<li>{_e(note)}</li>" for note in report.notes]
        parts.append("</ul>")
    parts.append("</header>")
    parts += [_html_section(table) for table in report.tables]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts).encode("utf-8")


def _html_section(table: Table) -> str:
    numeric = set(table.numeric_columns())
    heat_top = _heat_top(table, numeric) if table.heatmap else None
    head = "".join(f'<th scope="col">{_e(column)}</th>' for column in table.columns)
    body = [_html_row(row, numeric, heat_top) for row in table.rows] or [
        f'<tr><td class="empty" colspan="{max(len(table.columns), 1)}">No rows.</td></tr>'
    ]
    parts = [
        "<section>",
        f"<table><caption>{_e(table.name)}</caption>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *body,
        "</tbody></table>",
    ]
    if table.note:
        parts.append(f'<p class="note">{_e(table.note)}</p>')
    if heat_top is not None:
        parts.append('<p class="legend">Darker cells: more. Red cells: none.</p>')
    if table.chart is not None and table.rows:
        parts.append(_svg_chart(table, table.chart))
    parts.append("</section>")
    return "\n".join(parts)


def _heat_top(table: Table, numeric: set[int]) -> float:
    return max([0, *(cell for row in table.rows for i in numeric if is_number(cell := row[i]))])


def _html_row(row: tuple[object, ...], numeric: set[int], heat_top: float | None) -> str:
    cells = []
    for index, value in enumerate(row):
        attributes = ""
        if index in numeric:
            attributes = ' class="num"'
            if heat_top is not None and is_number(value):
                attributes = _heat_attributes(value, heat_top)
        cells.append(f"<td{attributes}>{_e(_display(value))}</td>")
    return f"<tr>{''.join(cells)}</tr>"


def _heat_attributes(value: float, top: float) -> str:
    if value == 0:
        return ' class="num zero"'
    share = min(max(value / top, 0.0), 1.0) if top > 0 else 0.0
    red, green, blue = (round(255 + (part - 255) * share) for part in HEAT_COLOUR)
    text = "#fff" if share > 0.55 else "#1d2430"  # keep the number readable on dark cells
    style = f"background: #{red:02x}{green:02x}{blue:02x}; color: {text}"
    return f' class="num" style="{_e(style)}"'


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(round(value, 2))
    if isinstance(value, datetime):
        return _display_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _svg_chart(table: Table, chart: Chart) -> str:
    """Horizontal bars whatever `chart.horizontal` says: long labels only read well that way."""
    rows = table.chart_rows(CHART_ROWS)
    series = chart.value_columns
    values = [[row[c] if is_number(row[c]) else None for c in series] for row in rows]
    known = [v for group in values for v in group if v is not None]
    low, high = min([0, *known]), max([0, *known])
    scale = BAR_WIDTH / ((high - low) or 1)
    zero_x = LABEL_WIDTH + (0 - low) * scale
    legend = 22 if len(series) > 1 else 0
    group = len(series) * BAR_HEIGHT + BAR_GAP
    width, height = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH, legend + len(rows) * group + BAR_GAP
    title = _chart_title(table, chart)
    parts = [
        f"<figure><figcaption>{_e(title)}</figcaption>",
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">',
        f"<title>{_e(title)}</title>",
    ]
    if legend:
        parts += _svg_legend([table.columns[c] for c in series])
    for number, (row, group_values) in enumerate(zip(rows, values, strict=True)):
        top = legend + BAR_GAP + number * group
        middle = top + len(series) * BAR_HEIGHT / 2 - 1  # bars are drawn 2 px short of a band
        parts.append(_svg_label(_display(row[chart.label_column]), y=middle))
        for index, value in enumerate(group_values):
            if value is not None:
                y = top + index * BAR_HEIGHT
                parts.append(_svg_bar(value, x=zero_x, y=y, scale=scale, index=index))
    parts.append(
        f'<line x1="{zero_x:.1f}" y1="{legend}" x2="{zero_x:.1f}" y2="{height}" stroke="#8a94a3"/>'
    )
    parts.append("</svg></figure>")
    return "\n".join(parts)


def _svg_legend(names: list[str]) -> list[str]:
    parts, x = [], LABEL_WIDTH
    for index, name in enumerate(names):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="14">{_e(_shorten(name, 24))}</text>')
        x += 30 + 7 * min(len(name), 24)
    return parts


def _svg_label(label: str, *, y: float) -> str:
    # The full label stays available as a tooltip; the visible one fits the label band.
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y + 4:.1f}" text-anchor="end">'
        f"<title>{_e(label)}</title>{_e(_shorten(label, LABEL_CHARS))}</text>"
    )


def _svg_bar(value: float, *, x: float, y: float, scale: float, index: int) -> str:
    length = abs(value) * scale
    left = x - length if value < 0 else x
    colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    text_x = left + length + 4 if value >= 0 else x + 4
    return (
        f'<rect x="{left:.1f}" y="{y:.1f}" width="{length:.1f}" height="{BAR_HEIGHT - 2}" '
        f'fill="{colour}"/><text x="{text_x:.1f}" y="{y + BAR_HEIGHT - 5:.1f}">'
        f"{_e(_display(value))}</text>"
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "csv": _csv,
    "xlsx": _xlsx,
    "html": _html,
    "json": _json,
}
