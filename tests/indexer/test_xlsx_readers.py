"""Which library reads a workbook's cells: calamine where its grid is known to be small,
openpyxl where it is not and where calamine refuses the workbook."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from indexer.extract import extract_file
from indexer.extract.base import Extracted
from indexer.extract.xlsx_calamine import MAX_GRID_CELLS, cell_text, grid_fits
from tests.conftest import CORPUS, REPO
from tests.factories import write_xlsx


def _rewritten(source: Path, target: Path, sheet: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, sheet if info.filename == "xl/worksheets/sheet1.xml" else data)
    return target


def _sheet(rows: str) -> bytes:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def _far_apart(tmp_path: Path) -> Path:
    """Two cells, at A1 and at XFD1048576: a grid of 17 billion cells from the first to the
    last, which calamine tries to allocate (and aborts the process)."""
    source = write_xlsx(tmp_path / "plain.xlsx", [["placeholder"]])
    cell = '<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    rows = (
        f'<row r="1">{cell.format(ref="A1", text="Northwind renewal")}</row>'
        f'<row r="1048576">{cell.format(ref="XFD1048576", text="bottom corner")}</row>'
    )
    return _rewritten(source, tmp_path / "far.xlsx", _sheet(rows))


def test_cells_far_apart_are_left_to_openpyxl(tmp_path: Path) -> None:
    path = _far_apart(tmp_path)
    with zipfile.ZipFile(path) as package:
        assert not grid_fits(package)
    # In a process of its own: were calamine handed this workbook, it would take pytest down.
    script = (
        "import sys; from indexer.extract import extract_file; "
        "r = extract_file(__import__('pathlib').Path(sys.argv[1])); print(r.text)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Northwind renewal" in run.stdout and "bottom corner" in run.stdout


def _package(sheet: bytes) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/worksheets/sheet1.xml", sheet)
    return zipfile.ZipFile(buffer)


def test_rows_and_cells_without_refs_count_toward_the_grid() -> None:
    """A row or cell without a ref stands after the one before it: counted, not ignored."""
    width = 2_000
    height = MAX_GRID_CELLS // width + 1
    row = "<row>" + "<c><v>1</v></c>" * width + "</row>"
    assert not grid_fits(_package(_sheet(row * height)))
    assert grid_fits(_package(_sheet(row * (height // 2))))


def test_a_small_grid_goes_to_calamine() -> None:
    referenced = '<row r="3"><c r="ZZ3"><v>1</v></c></row>'  # 3 rows of 702 columns
    assert grid_fits(_package(_sheet(referenced)))
    far = '<row r="9000"><c r="ZZ9000"><v>1</v></c></row>'  # 9,000 rows of 702 columns
    assert not grid_fits(_package(_sheet(far)))


def test_a_workbook_calamine_refuses_is_read_sheet_by_sheet_by_openpyxl() -> None:
    """calamine gives up on this package's relationships; openpyxl reads both sheets, so the
    cells keep their rows rather than falling back to the bare shared strings."""
    extracted = extract_file(CORPUS / "xlsx" / "poi_xlsx-corrupted.xlsx")
    assert isinstance(extracted, Extracted)
    assert [s.text.split("\n")[0] for s in extracted.segments[:2]] == ["Sheet1", "Sheet2"]
    assert "sheet | 2 | test | data" in extracted.text


def test_cells_read_the_same_from_either_library() -> None:
    assert cell_text(500.0) == "500"
    assert cell_text(1423.5) == "1423.5"
    assert cell_text(datetime(2025, 1, 31)) == "2025-01-31"  # openpyxl's date, at midnight
    assert cell_text(date(2025, 1, 31)) == "2025-01-31"  # calamine's
    assert cell_text(datetime(1973, 5, 20, 9, 15, 2)) == "1973-05-20T09:15:02"
    assert cell_text(time(9, 30)) == "09:30:00"


def test_a_part_that_will_not_inflate_leaves_the_grid_unknown() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/charts/chart1.xml", b"<c:chart>" + bytes(range(256)) * 200)
    data = bytearray(buffer.getvalue())
    start = data.index(b"chart1.xml") + len("chart1.xml")  # the member's deflated bytes follow
    data[start + 20 : start + 60] = bytes(40)
    assert not grid_fits(zipfile.ZipFile(io.BytesIO(bytes(data))))
