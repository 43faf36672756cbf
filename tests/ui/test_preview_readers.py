"""The preview's readers on real files: the slide, sheet and page numbers they use are the
indexer's, and no file of the real-world corpus makes one raise (each gives a preview or a
one-line reason)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import extract_file
from tests.conftest import CORPUS, SAMPLE_LIBRARY
from ui.preview.errors import PreviewError
from ui.preview.marks import Marks
from ui.preview.pdf_page import PdfPage, render_page
from ui.preview.reader import PreviewRequest, Unavailable, read_preview
from ui.preview.sheet import read_sheet
from ui.preview.slides import read_deck

DECKS = sorted((SAMPLE_LIBRARY / "Decks").glob("*.pptx")) + [
    CORPUS / "pptx" / name
    for name in (
        "tika_testPPT.pptx",
        "tika_testPPTX_overlappingRelations.pptx",
        "pptx_tbl-cell.pptx",
        "tika_testPPT_groups.pptx",
        "pptx_act-props.pptm",
    )
]
WORKBOOKS = sorted(SAMPLE_LIBRARY.rglob("*.xlsx")) + [
    CORPUS / "xlsx" / "openpyxl_contains_chartsheets.xlsx",
    CORPUS / "xlsx" / "poi_unicodeSheetName.xlsx",
]


def _words(text: str) -> list[str]:
    return " ".join(text.split()).split()


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.name)
def test_the_preview_numbers_slides_as_the_index_does(path: Path):
    extracted = extract_file(path)
    deck = read_deck(str(path), 1)
    indexed = {segment.location: " ".join(segment.text.split()) for segment in extracted.segments}
    assert indexed, path.name
    for number, text in indexed.items():
        slide = deck.slide(number)
        assert slide.number == number
        # Every line the preview shows on slide N is in the text the index holds for slide N.
        for line in (slide.title, *(line for _, line in slide.body), slide.notes):
            if line:
                assert " ".join(line.split()) in text, (path.name, number, line)


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_the_preview_numbers_sheets_as_the_index_does(path: Path):
    extracted = extract_file(path)
    for segment in extracted.segments:
        if segment.location is None:
            continue
        try:
            grid = read_sheet(str(path), segment.location, Marks(()))
        except PreviewError:
            continue  # a chart sheet has no grid
        # The index's sheet segment opens with the sheet's name.
        assert segment.text.split("\n", 1)[0] == grid.name, (path.name, segment.location)
        for row in grid.rows[:5]:
            for cell in row:
                if cell:
                    assert " ".join(cell.split()) in " ".join(segment.text.split())


def test_the_pdf_page_is_the_indexed_page():
    path = SAMPLE_LIBRARY / "Security" / "Security and Compliance Whitepaper.pdf"
    extracted = extract_file(path)
    page_two = next(s for s in extracted.segments if s.location == 2)
    word = next(w for w in _words(page_two.text) if len(w) > 8 and w.isalpha())
    page = render_page(str(path), 2, 300, Marks((word.lower(),)))
    assert (page.number, page.pages) == (2, 2)
    assert page.highlights


@pytest.mark.parametrize(
    "folder", ["pptx", "docx", "xlsx", "md", "html", "txt"], ids=lambda folder: folder
)
def test_no_real_world_file_makes_a_reader_raise(qapp, folder: str):  # noqa: ANN001
    marks = Marks(("the", "data", "text"))
    for path in sorted((CORPUS / folder).iterdir()):
        preview = read_preview(PreviewRequest(str(path), 1, marks, ""))
        if isinstance(preview, Unavailable):
            assert preview.reason and "\n" not in preview.reason, path.name
            assert "Traceback" not in preview.reason


def test_no_real_world_pdf_makes_the_renderer_raise_anything_but_a_reason(qapp):  # noqa: ANN001
    shown = 0
    for path in sorted((CORPUS / "pdf").glob("*.pdf")):
        try:
            page = render_page(str(path), 1, 200, Marks(("the",)))
        except PreviewError as exc:
            assert str(exc) and "\n" not in str(exc), path.name
            continue
        assert isinstance(page, PdfPage) and page.width > 0
        shown += 1
    assert shown > 60


@pytest.mark.parametrize("suffix", [".potx", ".ppsx", ".ppsm", ".dotx"])
def test_templates_and_shows_are_previewed(tmp_path: Path, suffix: str):
    from tests.indexer.test_office_variants import _VARIANTS, _with_main_content_type, _writer_for

    old, new = _VARIANTS[suffix]
    path = _with_main_content_type(_writer_for(suffix, tmp_path), tmp_path / f"v{suffix}", old, new)
    request = PreviewRequest(str(path), 1, Marks(()), "")
    preview = read_preview(request)
    assert not isinstance(preview, Unavailable), preview


def test_a_sheet_claiming_every_cell_previews_the_cells_it_has(tmp_path: Path):
    """A dimension of A1:XFD1048576 over five rows, the last at the very bottom: padded to the
    claim, the preview builds 5,000 rows of 16,384 cells; read as the sheet is, rows of two."""
    import re
    import time

    from tests.factories import write_xlsx
    from tests.indexer.test_office_variants import _rewrite

    source = write_xlsx(tmp_path / "small.xlsx", [[f"row {n} words", n] for n in range(1, 6)])

    def claim_everything(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            data, count = re.subn(
                rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data
            )
            assert count == 1
            for old, new in (
                (b'r="5"', b'r="1048576"'),
                (b'"A5"', b'"A1048576"'),
                (b'"B5"', b'"B1048576"'),
            ):
                data = data.replace(old, new)
        return data

    path = _rewrite(source, tmp_path / "claims.xlsx", claim_everything)
    started = time.perf_counter()
    grid = read_sheet(str(path), 1, Marks(()))
    assert time.perf_counter() - started < 10.0  # well under a second here
    assert grid.rows[3] == ("row 4 words", "4") and all(len(row) <= 2 for row in grid.rows)
