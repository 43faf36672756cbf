"""A report as one self-contained HTML file (styles inline, SVG bar charts, heatmap cells
coloured) that reads on screen and prints; every value is escaped."""

from __future__ import annotations

import html
from datetime import date

from contentfinder.reports.export.cells import (
    CHART_ROWS,
    chart_title,
    display,
    header_lines,
    heat_colour,
    hex_colour,
    text_colour_on,
)
from contentfinder.reports.model import Chart, Report, Table, is_number

SERIES_COLOURS = ("#2b6cb0", "#dd6b20", "#2f855a", "#805ad5", "#b83280")
STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430;
  background: #fff; max-width: 75rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.meta, .note, .legend { color: #4a5463; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  margin: .5rem 0 1rem; color: #1d2430; }
dl.about dt { font-weight: 600; color: #4a5463; }
dl.about dd { margin: 0; }
.notes { margin: .5rem 0 1.5rem; padding-left: 1.2rem; color: #4a5463; }
section { margin: 2rem 0 2.5rem; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 600; font-size: 1.1rem; padding: 0 0 .5rem; }
th, td { border: 1px solid #d5dae1; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #e8edf3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
td.long { min-width: 14rem; }
.scroll { overflow-x: auto; }
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
LONG_TEXT = 40  # characters: a cell this long is a sentence, its column given room
LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 320, 420, 70  # the SVG chart's three bands, in px
BAR_HEIGHT, BAR_GAP = 18, 8  # a bar band is taller than the 12 px text: labels never touch
# 12 px text averages under 7.4 px a character even in wide fonts (DejaVu Sans): a label of
# this many characters fits the label band; a longer one is elided, whole in its tooltip.
LABEL_CHARS = int((LABEL_WIDTH - 12) / 7.4)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render(report: Report) -> bytes:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{STYLE}</style></head>",
        "<body>",
        f"<header><h1>{_e(report.title)}</h1>",
        '<dl class="about">',
        *(f"<dt>{_e(label)}</dt><dd>{_e(text)}</dd>" for label, text in header_lines(report)),
        "</dl>",
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
    right = set(table.right_aligned_columns())
    heat_top = _heat_top(table, numeric) if table.heatmap else None
    head = "".join(f'<th scope="col">{_e(column)}</th>' for column in table.columns)
    long = _long_columns(table)
    body = [_html_row(row, right, long, heat_top) for row in table.rows] or [
        f'<tr><td class="empty" colspan="{max(len(table.columns), 1)}">No rows.</td></tr>'
    ]
    parts = [
        "<section>",
        # A table wider than the page scrolls on its own; the page and its notes stay put.
        f'<div class="scroll"><table><caption>{_e(table.name)}</caption>',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *body,
        "</tbody></table></div>",
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


def _long_columns(table: Table) -> set[int]:
    """Columns of sentences (a reason, a title): given room, not squeezed a word a line
    between columns of dates and figures."""
    return {
        index
        for index in range(len(table.columns))
        if any(len(display(row[index])) > LONG_TEXT for row in table.rows)
    }


def _html_row(
    row: tuple[object, ...], right: set[int], long: set[int], heat_top: float | None
) -> str:
    cells = []
    for index, value in enumerate(row):
        attributes = ' class="long"' if index in long else ""
        if isinstance(value, date):
            attributes = ' class="date"'
        if index in right:
            attributes = ' class="num"'
            if heat_top is not None and is_number(value):
                attributes = _heat_attributes(value, heat_top)
        cells.append(f"<td{attributes}>{_e(display(value))}</td>")
    return f"<tr>{''.join(cells)}</tr>"


def _heat_attributes(value: float, top: float) -> str:
    if value == 0:
        return ' class="num zero"'
    fill = heat_colour(value, top)
    text = text_colour_on(fill)  # the number stays readable on the darker cells
    style = f"background: #{hex_colour(fill).lower()}; color: #{_short(hex_colour(text))}"
    return f' class="num" style="{_e(style)}"'


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
    title = chart_title(table, chart)
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
        parts.append(_svg_label(display(row[chart.label_column]), y=middle))
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
        f"{_e(display(value))}</text>"
    )


def _short(colour: str) -> str:
    """#ffffff as #fff where it can be: the shorter spelling CSS allows."""
    colour = colour.lower()
    if all(colour[i] == colour[i + 1] for i in (0, 2, 4)):
        return colour[0] + colour[2] + colour[4]
    return colour


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
