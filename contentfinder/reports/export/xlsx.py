"""A report as an XLSX workbook: an "About" cover (the header lines, the notes, a link to each
sheet), a sheet per table with real date cells and print setup (landscape, fit to the page's
width, the header row repeated on every page), native bar charts with every bar labelled, and
heatmaps as conditional formats whose darker cells get white numbers; a rep's text is stored as
text, never a formula. openpyxl is imported inside the functions, so only this format pays."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from contentfinder.reports.export.cells import (
    CHART_ROWS,
    FORMULA_STARTS,
    HEAT_COLOUR,
    chart_title,
    display,
    header_lines,
    heat_colour,
    hex_colour,
    text_colour_on,
)
from contentfinder.reports.model import Chart, Report, Table

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

ABOUT_SHEET = "About"
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
HEADER_FILL = "E8EDF3"
ZERO_FILL, ZERO_TEXT = "F8C4C0", "9B1C1C"  # zero cells: "nothing here" must stand out
# Named: a font without a name is drawn in the application's fallback (a serif in LibreOffice).
FONT = "Calibri"
WIDEST_COLUMN, WRAPPED_COLUMN = 60, 45  # characters; a longer text column wraps at the latter
ABOUT_TEXT_WIDTH = 100


def render(report: Report) -> bytes:
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
    _put(sheet, 1, 1, report.title).font = Font(name=FONT, bold=True, size=14)
    lines: list[tuple[str, str]] = [*header_lines(report), ("Report", report.kind)]
    lines += [("Note", note) for note in report.notes]
    for row, line in enumerate(lines, start=2):
        _put(sheet, row, 1, line[0]).font = Font(name=FONT, bold=True)
        _wrapped(_put(sheet, row, 2, line[1]))
    first = len(lines) + 3
    _put(sheet, first, 1, "Sheets").font = Font(name=FONT, bold=True)
    for row, (table, name) in enumerate(zip(report.tables, names, strict=True), start=first + 1):
        link = _put(sheet, row, 1, name)
        quoted = name.replace("'", "''")  # how a sheet reference escapes a quote
        link.hyperlink = f"#'{quoted}'!A1"
        link.style = "Hyperlink"
        _wrapped(_put(sheet, row, 2, table.note))
    sheet.column_dimensions["A"].width = max([12, *(len(name) + 2 for name in names)])
    longest = max(
        [20, *(len(str(text)) for _, text in lines), *(len(t.note) for t in report.tables)]
    )
    sheet.column_dimensions["B"].width = min(longest + 2, ABOUT_TEXT_WIDTH)
    _print_setup(sheet, title_rows=None)


def _wrapped(cell: Cell) -> Cell:
    from openpyxl.styles import Alignment

    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _print_setup(sheet: Worksheet, *, title_rows: str | None) -> None:
    """Landscape, as wide as the page and as many pages long as it takes, the header row on
    every page: what a lead printing a report for a meeting expects."""
    from openpyxl.worksheet.page import PageMargins

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # 0: no limit on the number of pages down
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.print_options.horizontalCentered = False
    if title_rows:
        sheet.print_title_rows = title_rows


def _fill_table(sheet: Worksheet, table: Table) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    widths = _column_widths(table)
    wrapped = {index for index, width in enumerate(widths) if width >= WRAPPED_COLUMN}
    for column, name in enumerate(table.columns, start=1):
        cell = _wrapped(_put(sheet, 1, column, name))
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for row, cells in enumerate(table.rows, start=2):
        for column, value in enumerate(cells, start=1):
            cell = _put(sheet, row, column, value)
            if column - 1 in wrapped:
                _wrapped(cell)
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(len(table.columns))
    if table.columns:
        sheet.auto_filter.ref = f"A1:{last_column}{len(table.rows) + 1}"
    if table.note:
        _put(sheet, len(table.rows) + 3, 1, table.note).font = Font(name=FONT, italic=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _print_setup(sheet, title_rows="1:1")


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
        # A header wraps onto two lines before it widens a column of short numbers.
        header = max(len(word) for word in name.split()) if name.split() else 0
        longest = max(
            [header, min(len(name), 16), *(len(display(row[index])) for row in table.rows)]
        )
        width = min(max(longest + 2, 8), WIDEST_COLUMN)
        widths.append(WRAPPED_COLUMN if width > WRAPPED_COLUMN else width)
    return widths


def _add_chart(sheet: Worksheet, table: Table, chart: Chart) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.utils import get_column_letter

    rows = table.chart_rows(CHART_ROWS)
    count = len(rows)
    bar = BarChart()
    bar.type = "bar" if chart.horizontal else "col"
    bar.title = chart_title(table, chart)
    for column in chart.value_columns:
        values = Reference(sheet, min_col=column + 1, min_row=1, max_row=count + 1)
        bar.add_data(values, titles_from_data=True)
    labels = Reference(sheet, min_col=chart.label_column + 1, min_row=2, max_row=count + 1)
    bar.set_categories(labels)
    # Every bar carries its value, and every category its label: an application skips
    # labels it thinks crowded unless told to show each one.
    bar.dataLabels = DataLabelList()
    bar.dataLabels.showVal = True
    for hidden in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(bar.dataLabels, hidden, False)
    bar.x_axis.tickLblSkip = 1
    bar.x_axis.txPr = _text_size(900)
    longest = max([1, *(len(display(row[chart.label_column])) for row in rows)])
    lines = 2 if longest > 40 else 1  # a long label wraps: its band needs two lines
    if chart.horizontal:
        bar.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
        band = max(0.5 * len(chart.value_columns), 0.45 * lines)  # cm per category
        bar.height = max(7.5, band * count + 3)
    bar.x_axis.delete = False  # openpyxl 3.1 hides both axes unless told otherwise
    bar.y_axis.delete = False
    if len(chart.value_columns) == 1:
        bar.legend = None
    else:
        bar.legend.position = "b"  # below: the bars keep the width
    bar.width = 24 if longest > 30 else 18
    sheet.add_chart(bar, f"{get_column_letter(len(table.columns) + 2)}2")


def _text_size(hundredths: int) -> object:
    """Chart text properties of one size (in hundredths of a point)."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    size = CharacterProperties(sz=hundredths)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=size), endParaRPr=size)])


def _heat_text(sheet: Worksheet, table: Table) -> None:
    """White numbers on the cells the colour scale makes dark. The colour scale stays a
    conditional format (edit a number and it recolours); the text colour is set per cell
    from the same scale, as no conditional format can pick a text colour by luminance."""
    from openpyxl.styles import Font

    numeric = table.numeric_columns()
    values = [row[i] for row in table.rows for i in numeric]
    top = max([0, *(v for v in values if isinstance(v, int | float))])
    for row_number, row in enumerate(table.rows, start=2):
        for index in numeric:
            value = row[index]
            if isinstance(value, int | float) and value > 0:
                colour = hex_colour(text_colour_on(heat_colour(value, top)))
                sheet.cell(row=row_number, column=index + 1).font = Font(name=FONT, color=colour)


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
        strong = hex_colour(HEAT_COLOUR)
        scale = ColorScaleRule(
            start_type="num", start_value=0, start_color="FFFFFF", end_type="max", end_color=strong
        )
        sheet.conditional_formatting.add(" ".join(ranges), scale)
        _heat_text(sheet, table)


def _runs(indexes: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive column indexes as (first, last) pairs: (1, 2, 3, 5) -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs
