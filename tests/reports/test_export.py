"""Report exporters: each format reads back as what was written, and data from reps (titles,
search text) can never run as a formula, a script or markup."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from contentfinder.reports.export import (
    FORMATS,
    sheet_names,
    table_file_names,
    table_named,
    write_csv_folder,
    write_report,
    write_table,
)
from contentfinder.reports.model import Chart, Report, Table

SCRIPT = "<script>alert(1)</script>"
HYPERLINK = '=HYPERLINK("http://evil","x")'
PIPE = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1)"
MINUS = "-2+3"
CAFE = "Café ✓"
PUBLISHED = date(2026, 11, 1)
MALICIOUS_ROWS = (
    (SCRIPT, 3, PUBLISHED),
    (HYPERLINK, -5, None),
    (PIPE, 0, date(2026, 1, 2)),
    (AT_SUM, 1, None),
    (MINUS, 2, None),
    (CAFE, 7, PUBLISHED),
)


@pytest.fixture
def make_report() -> Callable[..., Report]:
    def make(**changes: object) -> Report:
        top = Table(
            name="Top content",
            columns=("Title", "Opens", "Shares"),
            rows=(("Pricing deck", 42, 5), ("Case study: Acme", 17, 9), ("One-pager", 3, 0)),
            chart=Chart(title="Most used", label_column=0, value_columns=(1, 2)),
            note="Opens and shares by at least 3 reps.",
        )
        coverage = Table(
            name="Persona x stage: assets",  # ":" is not allowed in a sheet name
            columns=("Persona", "Awareness", "Decision"),
            rows=(("CFO", 0, 4), ("IT lead", 2, None), ("Buyer", 6, 0)),
            heatmap=True,
            note="Empty cells are gaps to fill.",
        )
        unsafe = Table(
            name="Unused assets",
            columns=("Title", "Score", "Published"),
            rows=MALICIOUS_ROWS,
            chart=Chart(title=f"Score {SCRIPT}", label_column=0, value_columns=(1,)),
        )
        fields: dict[str, object] = {
            "kind": "unused",
            "title": "Unused content",
            "period": "30 days to 2026-11-23",
            "generated_at": datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
            "tables": (top, coverage, unsafe),
            "notes": ("Groups of fewer than 3 reps are not shown.",),
        }
        return Report(**{**fields, **changes})  # type: ignore[arg-type]

    return make


# -- CSV ---------------------------------------------------------------------------------------


def csv_sections(data: bytes) -> list[list[list[str]]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    sections: list[list[list[str]]] = [[]]
    for row in rows:
        if row:
            sections[-1].append(row)
        else:
            sections.append([])
    return [section for section in sections if section]


def test_csv_has_the_report_header_then_one_section_per_table(make_report) -> None:
    header, top, coverage, unsafe = csv_sections(write_report(make_report(), "csv", None))
    assert header == [
        ["Unused content"],
        ["30 days to 2026-11-23"],
        ["Generated 2026-11-23 09:30 UTC"],
        ["Groups of fewer than 3 reps are not shown."],
    ]
    assert top == [
        ["Top content", "Opens and shares by at least 3 reps."],
        ["Title", "Opens", "Shares"],
        ["Pricing deck", "42", "5"],
        ["Case study: Acme", "17", "9"],
        ["One-pager", "3", "0"],
    ]
    assert coverage[1:] == [
        ["Persona", "Awareness", "Decision"],
        ["CFO", "0", "4"],
        ["IT lead", "2", ""],
        ["Buyer", "6", "0"],
    ]
    assert unsafe[0] == ["Unused assets"]


def test_csv_defuses_formulas_but_keeps_numbers(make_report) -> None:
    unsafe = csv_sections(write_report(make_report(), "csv", None))[-1]
    assert unsafe[2:] == [
        [SCRIPT, "3", "2026-11-01"],
        ["'" + HYPERLINK, "-5", ""],  # a negative number is a number, not a formula
        ["'" + PIPE, "0", "2026-01-02"],
        ["'" + AT_SUM, "1", ""],
        ["'" + MINUS, "2", ""],
        [CAFE, "7", "2026-11-01"],
    ]


def test_csv_defuses_tabs_carriage_returns_and_report_text(make_report) -> None:
    table = Table(name="=cmd", columns=("\tTab",), rows=(("\rCR",), ("ok",)))
    data = write_report(make_report(title="=1+1", tables=(table,)), "csv", None)
    header, section = csv_sections(data)
    assert header[0] == ["'=1+1"]
    assert section == [["'=cmd"], ["'\tTab"], ["'\rCR"], ["ok"]]


# -- XLSX --------------------------------------------------------------------------------------


def open_xlsx(report: Report, tmp_path: Path) -> dict[str, Worksheet]:
    out = tmp_path / "report.xlsx"
    assert write_report(report, "xlsx", out) is None
    workbook = load_workbook(out)
    return {sheet.title: sheet for sheet in workbook.worksheets}


def test_xlsx_has_an_about_sheet_and_one_sheet_per_table(make_report, tmp_path: Path) -> None:
    sheets = open_xlsx(make_report(), tmp_path)
    assert list(sheets) == ["About", "Top content", "Persona x stage assets", "Unused assets"]
    about = sheets["About"]
    assert about["A1"].value == "Unused content"
    column_b = [row[1] for row in about.iter_rows(values_only=True)]
    assert "30 days to 2026-11-23" in column_b
    assert "Groups of fewer than 3 reps are not shown." in column_b


def test_xlsx_header_is_bold_and_frozen_and_cells_keep_their_types(
    make_report, tmp_path: Path
) -> None:
    sheet = open_xlsx(make_report(), tmp_path)["Unused assets"]
    assert [cell.value for cell in sheet[1]] == ["Title", "Score", "Published"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet["B3"].value == -5 and sheet["B3"].data_type == "n"
    assert sheet["C2"].is_date and sheet["C2"].value.date() == PUBLISHED
    assert sheet["A7"].value == CAFE
    assert sheet.column_dimensions["A"].width >= len(HYPERLINK)


def test_xlsx_stores_would_be_formulas_as_text(make_report, tmp_path: Path) -> None:
    sheet = open_xlsx(make_report(), tmp_path)["Unused assets"]
    for cell, text in zip(sheet["A"][1:], [row[0] for row in MALICIOUS_ROWS], strict=True):
        assert (cell.value, cell.data_type) == (text, "s")
    assert sheet["A3"].quotePrefix  # Excel keeps it text even after someone edits the cell


def test_xlsx_draws_native_bar_charts_beside_charted_tables(make_report, tmp_path: Path) -> None:
    sheets = open_xlsx(make_report(), tmp_path)
    (chart,) = sheets["Top content"]._charts
    assert chart.type == "bar"  # horizontal
    assert len(chart.series) == 2
    assert chart.anchor._from.col == 4  # column E: one empty column after the table's three
    assert len(sheets["Unused assets"]._charts) == 1
    assert sheets["Persona x stage assets"]._charts == []


def test_xlsx_colours_the_heatmap_and_marks_zeros(make_report, tmp_path: Path) -> None:
    sheets = open_xlsx(make_report(), tmp_path)
    formats = sheets["Persona x stage assets"].conditional_formatting
    rules = {rule.type: (str(entry.sqref), rule) for entry in formats for rule in entry.rules}
    assert rules["colorScale"][0] == "B2:C4"
    area, zero = rules["expression"]
    assert area == "B2:C4"
    assert zero.formula == ["AND(ISNUMBER(B2),B2=0)"]  # blank cells ("not shown") stay blank
    assert zero.dxf.fill is not None
    assert list(sheets["Top content"].conditional_formatting) == []


def test_sheet_names_are_legal_and_unique() -> None:
    names = sheet_names(
        ["a/b:c*d?e[f]g\\h", "About", "x" * 40, "x" * 40, "History", "", "'quoted'", "Same", "SAME"]
    )
    assert names == [
        "a b c d e f g h",
        "About (2)",
        "x" * 31,
        "x" * 27 + " (2)",
        "History (2)",
        "Table",
        "quoted",
        "Same",
        "SAME (2)",
    ]
    assert all(len(name) <= 31 for name in names)


# -- HTML --------------------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "line"}


class StrictParser(HTMLParser):
    """Collects tags and text, and checks that every opened element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing open"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(data: bytes) -> StrictParser:
    parser = StrictParser()
    parser.feed(data.decode("utf-8"))
    parser.close()
    assert parser.open == []
    return parser


def test_html_escapes_every_value(make_report) -> None:
    data = write_report(make_report(), "html", None)
    text = data.decode("utf-8")
    parsed = parse_html(data)
    assert "script" not in parsed.tags
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert SCRIPT in parsed.text  # shown to the reader as text
    assert "=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)" in text
    assert any(SCRIPT in (value or "") for _, value in parsed.attributes)  # aria-label, escaped
    assert CAFE in parsed.text


def test_html_is_one_self_contained_file(make_report) -> None:
    data = write_report(make_report(), "html", None)
    parsed = parse_html(data)
    assert '<meta charset="utf-8">' in data.decode("utf-8")
    assert not {"script", "link", "img", "iframe"} & set(parsed.tags)
    for name, value in parsed.attributes:
        assert name not in {"src", "href"} and not name.startswith("on"), (name, value)
    assert "Unused content" in parsed.text and "30 days to 2026-11-23" in " ".join(parsed.text)
    assert "Groups of fewer than 3 reps are not shown." in parsed.text


def test_html_draws_bar_charts_as_svg(make_report) -> None:
    parsed = parse_html(write_report(make_report(), "html", None))
    assert parsed.tags.count("svg") == 2
    assert parsed.tags.count("rect") == 2 * 3 + 2 + len(MALICIOUS_ROWS)  # bars and legend keys
    assert "Pricing deck" in parsed.text and "42" in parsed.text


def test_html_heatmap_colours_by_value_and_marks_zeros(make_report) -> None:
    text = write_report(make_report(), "html", None).decode("utf-8")
    assert text.count('class="num zero"') == 2  # the coverage zeros; "Shares 0" is no heatmap
    assert 'style="background: #2b6cb0; color: #fff">6<' in text  # the top value: strongest
    assert "<td></td>" in text  # a blank is not a zero


def test_html_says_when_a_table_is_empty(make_report) -> None:
    empty = Table(name="Nothing", columns=("A", "B"), rows=(), chart=Chart("c", 0, (1,)))
    parsed = parse_html(write_report(make_report(tables=(empty,)), "html", None))
    assert "No rows." in parsed.text
    assert "svg" not in parsed.tags


# -- JSON --------------------------------------------------------------------------------------


def test_json_round_trips(make_report) -> None:
    report = make_report()
    data = write_report(report, "json", None)
    assert CAFE.encode("utf-8") in data  # ensure_ascii=False
    loaded = json.loads(data.decode("utf-8"))
    assert loaded["kind"] == "unused"
    assert loaded["title"] == "Unused content"
    assert loaded["period"] == "30 days to 2026-11-23"
    assert datetime.fromisoformat(loaded["generated_at"]) == report.generated_at
    assert loaded["notes"] == list(report.notes)
    assert [table["name"] for table in loaded["tables"]] == [t.name for t in report.tables]
    unsafe = loaded["tables"][2]
    assert unsafe["columns"] == ["Title", "Score", "Published"]
    assert unsafe["rows"][0] == [SCRIPT, 3, "2026-11-01"]
    assert unsafe["rows"][1] == [HYPERLINK, -5, None]
    assert loaded["tables"][0]["note"] == "Opens and shares by at least 3 reps."


def test_json_writes_datetimes_with_their_offset(make_report) -> None:
    when = datetime(2026, 11, 23, 14, 5, tzinfo=timezone(timedelta(hours=1)))
    table = Table(name="T", columns=("When", "Flag"), rows=((when, True),))
    loaded = json.loads(write_report(make_report(tables=(table,)), "json", None))
    assert loaded["tables"][0]["rows"] == [["2026-11-23T14:05:00+01:00", True]]


# -- files and errors --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_writing_a_file_replaces_it_and_leaves_no_temporary_file(
    make_report, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    out.write_bytes(b"old")
    assert write_report(make_report(), fmt, out) is None
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    if fmt != "xlsx":  # a workbook zip carries its own save time
        assert out.read_bytes() == write_report(make_report(), fmt, None)
    assert out.read_bytes() != b"old"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    make_report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.csv"
    out.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("contentfinder.files.os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_report(make_report(), "csv", out)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    assert out.read_bytes() == b"old"


def test_an_unknown_format_is_refused_with_the_known_ones(make_report, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="csv, xlsx, html, json"):
        write_report(make_report(), "pdf", tmp_path / "report.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_without_tables_still_writes(make_report, fmt: str) -> None:
    assert write_report(make_report(tables=(), notes=()), fmt, None)


# -- the model ---------------------------------------------------------------------------------


def test_the_model_refuses_malformed_tables() -> None:
    with pytest.raises(ValueError, match="row 2 has 1 cells, not 2"):
        Table(name="T", columns=("A", "B"), rows=(("a", 1), ("b",)))
    with pytest.raises(TypeError, match="Path"):
        Table(name="T", columns=("A",), rows=((Path("x"),),))
    with pytest.raises(ValueError, match="non-finite"):
        Table(name="T", columns=("A",), rows=((float("nan"),),))
    with pytest.raises(ValueError, match="do not fit"):
        Table(name="T", columns=("A",), rows=(), chart=Chart("c", 0, (1,)))
    with pytest.raises(ValueError, match="timezone-aware"):
        Report("top", "T", "p", datetime(2026, 1, 1), tables=())


# -- the header lines ------------------------------------------------------------------------

ABOUT = (
    ("Period", "2026-10-24 to 2026-11-23 (Europe/Berlin)"),
    ("Source", "postgresql://marketing:***@db.example/usage"),
    ("Privacy", "other searches from fewer than 3 reps: 40 searches, 12 groups"),
)


def test_every_format_shows_the_about_lines_above_the_tables(make_report, tmp_path: Path) -> None:
    report = make_report(about=ABOUT)
    header = csv_sections(write_report(report, "csv", None))[0]
    assert header[3:6] == [list(line) for line in ABOUT]
    about = {
        row[0]: row[1]
        for row in open_xlsx(report, tmp_path)["About"].iter_rows(values_only=True)
        if row[0]
    }
    assert all(about[label] == text for label, text in ABOUT)
    text = " ".join(parse_html(write_report(report, "html", None)).text)
    html_text = write_report(report, "html", None).decode("utf-8")
    assert all(
        label in text and html_text.index(label) < html_text.index("<table") for label, _ in ABOUT
    )
    assert "30 days to 2026-11-23" not in text  # about's own Period stands for it
    loaded = json.loads(write_report(report, "json", None))
    assert loaded["about"] == [{"label": label, "text": text} for label, text in ABOUT]


# -- CSV one table per file ------------------------------------------------------------------


def test_one_table_as_plain_csv_starts_with_its_header(make_report) -> None:
    report = make_report()
    data = write_table(table_named(report, "top CONTENT"), None)
    assert data.startswith(b"\xef\xbb\xbf")
    assert csv_sections(data) == [
        [
            ["Title", "Opens", "Shares"],
            ["Pricing deck", "42", "5"],
            ["Case study: Acme", "17", "9"],
            ["One-pager", "3", "0"],
        ]
    ]


@pytest.mark.parametrize(("given", "written"), [(";", ";"), ("tab", "\t"), ("|", "|")])
def test_the_csv_delimiter_is_the_one_asked_for(make_report, given: str, written: str) -> None:
    data = write_table(make_report().tables[2], None, delimiter=given)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=written))
    assert rows[0] == ["Title", "Score", "Published"]
    assert rows[2] == ["'" + HYPERLINK, "-5", ""]  # still defused, still a number
    stacked = write_report(make_report(), "csv", None, delimiter=given).decode("utf-8-sig")
    assert f"Title{written}Opens{written}Shares" in stacked


def test_an_unknown_table_is_refused_with_the_names_known(make_report) -> None:
    with pytest.raises(ValueError, match="'Top content'; 'Persona x stage: assets'"):
        table_named(make_report(), "nope")


def test_a_csv_folder_has_a_file_per_table_and_about(make_report, tmp_path: Path) -> None:
    folder = tmp_path / "made" / "here"
    written = write_csv_folder(make_report(about=ABOUT), folder, delimiter=";")
    assert [p.name for p in written] == [
        "about.csv",
        "top-content.csv",
        "persona-x-stage-assets.csv",
        "unused-assets.csv",
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
    about = list(
        csv.reader(io.StringIO((folder / "about.csv").read_text("utf-8-sig")), delimiter=";")
    )
    assert about[0] == ["Field", "Value"]
    assert ["Source", ABOUT[1][1]] in about
    assert ["File unused-assets.csv", "Unused assets"] in about
    top = (folder / "top-content.csv").read_text("utf-8-sig").splitlines()
    assert top[0] == "Title;Opens;Shares"


def test_table_file_names_are_safe_and_unique() -> None:
    assert table_file_names(["Top: A/B", "top a b", "", "About", "CON", "Ünïcode ✓"]) == [
        "top-a-b.csv",
        "top-a-b-2.csv",
        "table.csv",
        "about-table.csv",
        "con-table.csv",
        "n-code.csv",
    ]


# -- XLSX for print and for reading ----------------------------------------------------------


def test_xlsx_prints_landscape_fit_to_width_with_the_header_on_every_page(
    make_report, tmp_path: Path
) -> None:
    for sheet in open_xlsx(make_report(), tmp_path).values():
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        if sheet.title != "About":
            assert sheet.print_title_rows == "$1:$1"


def test_xlsx_labels_every_bar_and_every_category(make_report, tmp_path: Path) -> None:
    (chart,) = open_xlsx(make_report(), tmp_path)["Top content"]._charts
    assert chart.dataLabels.showVal and not chart.dataLabels.showSerName
    assert chart.x_axis.tickLblSkip == 1


def test_xlsx_heatmap_numbers_are_white_on_dark_cells(make_report, tmp_path: Path) -> None:
    sheet = open_xlsx(make_report(), tmp_path)["Persona x stage assets"]
    assert sheet["B4"].value == 6 and sheet["B4"].font.color.rgb == "00FFFFFF"  # the top value
    assert sheet["C2"].value == 4 and sheet["C2"].font.color.rgb != "00FFFFFF"  # lighter
    assert sheet["B3"].value == 2 and sheet["B3"].font.color.rgb != "00FFFFFF"


def test_xlsx_dates_and_times_are_real_cells_with_formats(make_report, tmp_path: Path) -> None:
    when = datetime(2026, 11, 23, 14, 5, tzinfo=timezone(timedelta(hours=1)))
    table = Table(name="T", columns=("When", "Day"), rows=((when, date(2026, 11, 2)),))
    sheet = open_xlsx(make_report(tables=(table,)), tmp_path)["T"]
    assert sheet["A2"].is_date and sheet["A2"].value == datetime(2026, 11, 23, 14, 5)
    assert sheet["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["B2"].is_date and sheet["B2"].number_format == "yyyy-mm-dd"


def test_xlsx_wraps_long_text_and_gives_the_row_its_height(make_report, tmp_path: Path) -> None:
    long = "A very long asset title that goes on " * 4
    table = Table(name="T", columns=("Title", "Uses"), rows=((long, 3), ("short", 1)))
    sheet = open_xlsx(make_report(tables=(table,)), tmp_path)["T"]
    assert sheet["A2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height >= 30 and sheet.row_dimensions[3].height is None
    assert sheet.column_dimensions["A"].width <= 45


# -- HTML chart labels -----------------------------------------------------------------------


def test_html_chart_labels_that_are_long_are_elided_with_the_whole_as_tooltip(make_report) -> None:
    long = "Northwind Ledger security and compliance whitepaper for regulated industries"
    table = Table(name="T", columns=("Title", "Uses"), rows=((long, 3),), chart=Chart("c", 0, (1,)))
    text = write_report(make_report(tables=(table,)), "html", None).decode("utf-8")
    assert f"<title>{long}</title>" in text  # the tooltip
    shown = text.split(f"<title>{long}</title>")[1].split("</text>")[0]
    assert shown.endswith("…") and len(shown) <= 41


# -- rendered by LibreOffice, as a reader opens it ---------------------------------------------

RENDER_ENV = "CONTENTFINDER_RENDER_TESTS"


def _office() -> str:
    """LibreOffice's `soffice`; a skip where it is not installed, a failure when
    CONTENTFINDER_RENDER_TESTS=1 says this run must render (CI, the release check)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        message = (
            "LibreOffice is not installed (no soffice on PATH): apt-get install "
            f"libreoffice-calc-nogui; {RENDER_ENV}=1 makes its absence a failure"
        )
        if os.environ.get(RENDER_ENV) == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return program


def _as_pdf(workbook: Path, out: Path) -> Path:
    profile = out / "profile"  # its own profile: no clash with a LibreOffice already running
    result = subprocess.run(
        [
            _office(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    pdf = out / (workbook.stem + ".pdf")
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    return pdf


def test_libreoffice_prints_the_workbook_landscape_with_every_label(
    make_report, tmp_path: Path
) -> None:
    import pypdfium2

    titles = [f"Asset {n}: a title long enough to need its whole label band" for n in range(12)]
    top = Table(
        name="Top assets",
        columns=("Title", "Asset", "Uses", "Opens"),
        rows=tuple((t, f"Folder/{t}.pdf", 100 - n, 50 - n) for n, t in enumerate(titles)),
        chart=Chart(title="Most used", label_column=0, value_columns=(2,)),
        note="Opens, previews, copies and shares " * 8,
    )
    report = make_report(about=ABOUT, tables=(top, make_report().tables[1]))
    workbook = tmp_path / "report.xlsx"
    write_report(report, "xlsx", workbook)
    pdf = pypdfium2.PdfDocument(_as_pdf(workbook, tmp_path))
    pages = [pdf[i] for i in range(len(pdf))]
    texts = [" ".join(page.get_textpage().get_text_range().split()) for page in pages]
    everything = " ".join(texts)
    assert all(width > height for width, height in (page.get_size() for page in pages))
    assert all(text in everything for _, text in ABOUT)  # the About lines, on the first page
    assert ABOUT[0][1] in texts[0]
    for title in titles:  # each row, and each bar's label: a label is never skipped
        assert everything.count(title) >= 2, title
    assert everything.count("100") >= 2  # the top bar's value label beside its table cell
    table_page = next(text for text in texts if "Folder/" in text)
    assert table_page.startswith("Title Asset Uses Opens")  # the header row heads the page
    # Fitted to the width, not shrunk to nothing: the page holds about a page of rows.
    assert 6 <= table_page.count("Folder/") <= 12
    pdf.close()


def test_without_libreoffice_rendering_is_skipped_unless_a_run_requires_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.delenv(RENDER_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="libreoffice-calc-nogui"):
        _office()
    monkeypatch.setenv(RENDER_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="not installed"):
        _office()
