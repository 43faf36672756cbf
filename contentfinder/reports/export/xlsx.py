"""A report as an XLSX workbook: an "About" cover (the header lines, the notes, a link to each
sheet), a sheet per table with real date cells and print setup (landscape, fit to the page's
width, the header row repeated on every page), native bar charts with every bar labelled, and
heatmaps as conditional formats whose darker cells get white numbers; a rep's text is stored as
text, never a formula. openpyxl is imported inside the functions, so only this format pays."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from contentfinder.reports.export.cells import (
    CHART_ROWS,
    FORMULA_STARTS,
    GROUPED_FROM,
    HEAT_COLOUR,
    chart_title,
    display,
    header_lines,
    heat_colour,
    hex_colour,
    text_colour_on,
)
from contentfinder.reports.model import Chart, Report, Table, is_number

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.worksheet import Worksheet

ABOUT_SHEET = "About"
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
HEADER_FILL = "E8EDF3"
ZERO_FILL, ZERO_TEXT = "F8C4C0", "9B1C1C"  # zero cells: "nothing here" must stand out
# Named: a font without a name is drawn in the application's fallback (a serif in LibreOffice).
FONT = "Calibri"
WIDEST_COLUMN, WRAPPED_COLUMN = 60, 45  # characters; a longer text column wraps at the latter
CHARS_PER_UNIT = 1.2  # characters of 11 pt Calibri (or its metric twin, Carlito) a unit holds
LINE_HEIGHT = 15  # points: a line of 11 pt text; wrapped rows are given their height, as
# LibreOffice keeps the default height of a row it did not measure and lets lines overlap.
COLUMN_CM, PAGE_CM = 0.2, 27.6  # a column width unit; a landscape A4 page inside its margins
GAP_CM = 1.7  # the empty column between a table and its chart
NARROWEST_WRAPPED = 18  # a text column is not wrapped narrower than this to fit the page
PRINT_SHRINK = 1.25  # a table this much wider than the page prints at 80 %: still readable
ROW_CM, CHART_PAGE_CM = 0.53, 17  # a row's height; a landscape page's, inside its margins
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
    longest = max([20, *(len(text) for _, text in lines), *(len(t.note) for t in report.tables)])
    text_width = min(longest + 2, ABOUT_TEXT_WIDTH)
    for row, line in enumerate(lines, start=2):
        _put(sheet, row, 1, line[0]).font = Font(name=FONT, bold=True)
        _wrapped(_put(sheet, row, 2, line[1]))
        _fit_height(sheet, row, line, [0, text_width], {1})
    first = len(lines) + 3
    _put(sheet, first, 1, "Sheets").font = Font(name=FONT, bold=True)
    for row, (table, name) in enumerate(zip(report.tables, names, strict=True), start=first + 1):
        link = _put(sheet, row, 1, name)
        quoted = name.replace("'", "''")  # how a sheet reference escapes a quote
        link.hyperlink = f"#'{quoted}'!A1"
        link.style = "Hyperlink"
        _wrapped(_put(sheet, row, 2, table.note))
        _fit_height(sheet, row, (name, table.note), [0, text_width], {1})
    sheet.column_dimensions["A"].width = max([12, *(len(name) + 2 for name in names)])
    sheet.column_dimensions["B"].width = text_width
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
    wrapped = {i for i, width in enumerate(widths) if width < _longest(table, i) + 2}
    numeric = set(table.right_aligned_columns())
    # Figures and their headers on the right; a text after a number one character in, so
    # that "Rank" and "Title" do not run together.
    indent = {i: 1 if i - 1 in numeric and i not in numeric else 0 for i in range(len(widths))}
    for column, name in enumerate(table.columns, start=1):
        cell = _put(sheet, 1, column, name)
        cell.alignment = _aligned(column - 1, numeric, indent, wrap=True)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    _fit_height(sheet, 1, table.columns, widths, set(range(len(widths))))
    for row, cells in enumerate(table.rows, start=2):
        for column, value in enumerate(cells, start=1):
            cell = _put(sheet, row, column, value)
            # Beside a wrapped cell, every cell reads from the top of the row.
            cell.alignment = _aligned(column - 1, numeric, indent, wrap=column - 1 in wrapped)
        _fit_height(sheet, row, cells, widths, wrapped)
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(len(table.columns))
    if table.columns:
        sheet.auto_filter.ref = f"A1:{last_column}{len(table.rows) + 1}"
    if table.note:
        _put_note(sheet, len(table.rows) + 3, table.note, widths)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _print_setup(sheet, title_rows="1:1")


def _put_note(sheet: Worksheet, row: int, note: str, widths: list[float]) -> None:
    """The note under a table, wrapped across the table's width: a long line left to spill
    to the right would widen the printed page and shrink the whole table to fit it."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    cell = _wrapped(_put(sheet, row, 1, note))
    cell.font = Font(name=FONT, italic=True)
    if len(widths) > 1:
        sheet.merge_cells(f"A{row}:{get_column_letter(len(widths))}{row}")
    _fit_height(sheet, row, (note,), [sum(widths)], {0})


def _aligned(index: int, numeric: set[int], indent: dict[int, int], *, wrap: bool) -> Alignment:
    from openpyxl.styles import Alignment

    right = index in numeric
    return Alignment(
        horizontal="right" if right else None,
        vertical="top",
        wrap_text=wrap or None,
        indent=1 if right else indent[index],  # a number keeps a space on its right too
    )


def _fit_height(
    sheet: Worksheet,
    row: int,
    cells: tuple[object, ...],
    widths: list[float],
    wrapped: set[int],
) -> None:
    """The row as tall as its longest wrapped cell needs (a width unit holds about one
    character of 11 pt text; words break early, hence the margin)."""
    lines = 1
    for index in wrapped:
        text = display(cells[index])
        lines = max(lines, math.ceil(len(text) / max(widths[index] * CHARS_PER_UNIT - 3, 1)))
    if lines > 1:
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines


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
        if is_number(value) and abs(value) >= GROUPED_FROM:
            cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.00"
    return cell


def _longest(table: Table, index: int) -> int:
    return max([0, *(len(display(row[index])) for row in table.rows)])


def _column_widths(table: Table) -> list[float]:
    widths = []
    for index, name in enumerate(table.columns):
        # A header wraps onto two lines before it widens a column of short numbers.
        # Bold, and indented over a number: two more units than its longest word.
        header = max(len(word) + 2 for word in name.split()) if name.split() else 0
        longest = max(
            [header, min(len(name), 16), *(len(display(row[index])) for row in table.rows)]
        )
        width = min(max(longest + 2, 8), WIDEST_COLUMN)
        widths.append(WRAPPED_COLUMN if width > WRAPPED_COLUMN else width)
    return _fitted(widths, set(table.numeric_columns()))


def _fitted(widths: list[float], numeric: set[int]) -> list[float]:
    """`widths` narrowed to print on a landscape page at 80 % or more where wrapping can:
    the widest text column loses a unit at a time, down to `NARROWEST_WRAPPED`."""
    fitted = list(widths)
    budget = PAGE_CM / COLUMN_CM * PRINT_SHRINK  # fitting to the page shrinks the rest
    text = [i for i in range(len(fitted)) if i not in numeric]
    while text and sum(fitted) > budget:
        widest = max(text, key=lambda i: fitted[i])
        if fitted[widest] <= NARROWEST_WRAPPED:
            break
        fitted[widest] -= 1
    return fitted


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
    lines = 2 if longest > 60 else 1  # a longer label wraps: its band needs two lines
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
    # Beside the table when both fit the printed page's width; else below it, so that
    # fitting to the page does not shrink the table's text to nothing.
    table_cm = sum(_column_widths(table)) * COLUMN_CM
    if table_cm + GAP_CM + bar.width <= PAGE_CM:
        sheet.add_chart(bar, f"{get_column_letter(len(table.columns) + 2)}2")
    else:
        from openpyxl.worksheet.pagebreak import Break

        below = len(table.rows) + (5 if table.note else 3)
        sheet.add_chart(bar, f"A{below}")
        if below * ROW_CM + bar.height > CHART_PAGE_CM:  # not both on the first page:
            sheet.row_breaks.append(Break(id=below - 1))  # the chart printed whole on its own


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
            # A differential fill is drawn in its bgColor (Excel, LibreOffice): set both.
            fill=PatternFill(fill_type="solid", fgColor=ZERO_FILL, bgColor=ZERO_FILL),
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
