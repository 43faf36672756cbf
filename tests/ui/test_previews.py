"""The preview pane's rich previews, on a real pane and the real window: the PDF page with
its matches highlighted, paging and zoom; the slide the row names; Word headings; a sheet's
marked cells; Markdown and HTML rendered; a file that cannot be read falls back with a reason;
and every file is read off the GUI thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QLabel

from tests.conftest import CORPUS, SAMPLE_LIBRARY
from tests.ui.preview_hits import hit_for
from ui.panels.preview import PreviewPane

WHITEPAPER = SAMPLE_LIBRARY / "Security" / "Security and Compliance Whitepaper.pdf"
DEMO_DECK = SAMPLE_LIBRARY / "Decks" / "Close Assist Product Demo.pptx"
MIGRATION = SAMPLE_LIBRARY / "Guides" / "Implementation and Migration Guide.docx"
QUESTIONNAIRE = SAMPLE_LIBRARY / "Security" / "Security Questionnaire Responses.xlsx"
OBJECTIONS = SAMPLE_LIBRARY / "Guides" / "Objection Handling Guide.md"
PRIVACY_FAQ = SAMPLE_LIBRARY / "Security" / "Data Processing and Privacy FAQ.html"
RIDGELINE = SAMPLE_LIBRARY / "Case Studies" / "Ridgeline Power Cooperative.txt"


@pytest.fixture
def pane(qtbot) -> PreviewPane:  # noqa: ANN001
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(420, 700)
    pane.show()
    return pane


def settle(pane: PreviewPane) -> None:
    deadline = time.monotonic() + 20
    while pane.pending():
        assert time.monotonic() < deadline, "the preview never arrived"
        QCoreApplication.processEvents()
        time.sleep(0.005)
    QCoreApplication.processEvents()


def headings(document: QTextDocument) -> list[tuple[int, str]]:
    found, block = [], document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            found.append((block.blockFormat().headingLevel(), block.text()))
        block = block.next()
    return found


# PDF


def test_a_pdf_shows_its_page_with_the_matched_words_highlighted(qtbot, pane):
    pane.show_hit(hit_for(WHITEPAPER, "PDF", location=1, words=("SOC 2",)), favorite=False)
    settle(pane)
    assert pane.views.currentWidget() is pane.pdf
    assert pane.pdf.pager.label.text() == "Page 1 of 2"
    page = pane.pdf.page
    assert page is not None and page.highlights
    # Each highlight stands where pdfium says 'SOC 2' is, on the picture shown.
    expected = _word_boxes(WHITEPAPER, 0, "SOC 2", page.width)
    for x, y, w, h in page.highlights:
        assert any(abs(x - ex) <= 3 and abs(y - ey) <= 3 for ex, ey in expected), (x, y)
        # Painted over in yellow: the blue is gone from white page and dark table row alike.
        inside = [
            QColor(page.image.pixel(x + dx, y + dy)) for dx in (1, w // 2) for dy in (1, h // 2)
        ]
        assert all(pixel.blue() == 0 for pixel in inside)
    shown = pane.findChild(QLabel, "previewThumbnail")
    assert shown.pixmap().width() == page.width


def test_the_pdf_pages_forward_and_back(qtbot, pane):
    pane.show_hit(hit_for(WHITEPAPER, "PDF", location=1, words=("encryption",)), favorite=False)
    settle(pane)
    pane.pdf.pager.next.click()
    settle(pane)
    assert pane.pdf.pager.label.text() == "Page 2 of 2"
    assert not pane.pdf.pager.next.isEnabled()
    pane.pdf.pager.previous.click()
    settle(pane)
    assert pane.pdf.pager.label.text() == "Page 1 of 2"


def test_zoom_changes_the_page_width_and_fit_follows_the_pane(qtbot, pane):
    pane.show_hit(hit_for(WHITEPAPER, "PDF", location=1, words=("soc",)), favorite=False)
    settle(pane)
    fitted = pane.pdf.page.width
    assert fitted == pane.pdf.fitted_width()
    pane.pdf.zoom_in.click()
    settle(pane)
    assert pane.pdf.page.width > fitted * 1.2
    assert pane.pdf.fit.text() == "125%"
    pane.pdf.fit.click()
    settle(pane)
    assert pane.pdf.page.width == fitted
    pane.resize(560, 700)
    qtbot.waitUntil(lambda: pane.pdf.page.width == pane.pdf.fitted_width(), timeout=10_000)
    assert pane.pdf.page.width > fitted


def test_ctrl_and_the_wheel_zoom_the_page(qtbot, pane):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    pane.show_hit(hit_for(WHITEPAPER, "PDF", location=1, words=("soc",)), favorite=False)
    settle(pane)
    fitted = pane.pdf.page.width
    viewport = pane.pdf.scroll.viewport()
    wheel = QWheelEvent(
        QPointF(20, 20),
        QPointF(viewport.mapToGlobal(QPoint(20, 20))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QCoreApplication.sendEvent(viewport, wheel)
    settle(pane)
    assert pane.pdf.page.width > fitted


def test_at_1366_by_768_the_fitted_page_is_never_wider_than_the_pane(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    window.resize(1366, 768)
    window.preview.show_hit(hit_for(WHITEPAPER, "PDF", location=1, words=("soc",)), favorite=False)
    settle(window.preview)
    qtbot.waitUntil(lambda: window.preview.pdf.page.width == window.preview.pdf.fitted_width())
    picture = window.preview.thumbnail
    viewport = window.preview.pdf.scroll.viewport()
    assert picture.width() <= viewport.width()
    assert not window.preview.pdf.scroll.horizontalScrollBar().isVisible()
    pane_right = window.preview.mapTo(window, window.preview.rect().topRight()).x()
    assert pane_right <= window.width()
    # The page scrolls rather than being cut: all of it is in the scroll area.
    assert picture.height() == window.preview.pdf.page.image.height()


def _word_boxes(path: Path, index: int, word: str, width: int) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[index]
        scale = width / page.get_size()[0]
        height = page.get_size()[1]
        text = page.get_textpage()
        searcher = text.search(word)
        boxes = []
        while (found := searcher.get_next()) is not None:
            left, _, _, top = text.get_charbox(found[0])
            boxes.append((left * scale - 1, (height - top) * scale - 1))
        return boxes
    finally:
        document.close()


# PowerPoint


def test_a_deck_shows_the_hits_slide_with_its_title_notes_and_thumbnail(qtbot, pane):
    pane.show_hit(
        hit_for(DEMO_DECK, "PowerPoint", location=5, words=("audit trail",)), favorite=False
    )
    settle(pane)
    slides = pane.slides
    assert pane.views.currentWidget() is slides
    assert slides.pager.label.text() == "Slide 5 of 6"
    assert "An <span" in slides.card.title.text() and "audit trail" in slides.card.title.text()
    assert "Immutable history" in slides.card.body.text()
    assert "Mercer Valley Health" in slides.notes.text()
    # Its thumbnail is plain white (python-pptx made the deck): nothing worth showing.
    assert slides.thumbnail.isHidden()
    slides.pager.next.click()
    assert slides.pager.label.text() == "Slide 6 of 6"
    assert "Pricing and next steps" in slides.card.title.text()


def test_a_deck_with_a_saved_thumbnail_shows_it(qtbot, pane):
    deck = CORPUS / "pptx" / "pptx_cht-charts.pptx"
    pane.show_hit(hit_for(deck, "PowerPoint", location=1, words=("series",)), favorite=False)
    settle(pane)
    assert pane.views.currentWidget() is pane.slides
    assert pane.slides.thumbnail.isVisibleTo(pane)
    assert pane.slides.thumbnail.pixmap().width() == 240


def test_the_slide_card_has_the_decks_proportions(qtbot, pane):
    pane.show_hit(hit_for(DEMO_DECK, "PowerPoint", location=2, words=("close",)), favorite=False)
    settle(pane)
    card = pane.slides.card
    qtbot.waitUntil(lambda: card.height() >= round(card.width() * 0.75) - 1)
    assert card.width() > 250


def test_the_slide_in_the_row_is_the_slide_in_the_preview(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    for query, slide, title in (
        ("audit trail auditors accept", 5, "An audit trail auditors accept"),
        ("sandbox tenant", 1, "Close Assist"),
        ("reconciliations certify themselves", 4, "Reconciliations that certify themselves"),
    ):
        _search(qtbot, window, query)
        row = _row_of(window, str(DEMO_DECK.relative_to(SAMPLE_LIBRARY)))
        window.results.select(row)
        qtbot.waitUntil(lambda: window.preview.views.currentWidget() is window.preview.slides)
        settle(window.preview)
        hit = window.results.model.hit(row)
        assert hit.location == slide, query  # the row says 'slide N'
        assert window.preview.slides.pager.label.text() == f"Slide {slide} of 6", query
        shown = QTextDocument()
        shown.setHtml(window.preview.slides.card.title.text())
        assert shown.toPlainText() == title, query


def test_a_fresher_result_of_the_same_asset_moves_the_preview_to_its_slide(qtbot, pane):
    pane.show_hit(
        hit_for(DEMO_DECK, "PowerPoint", location=2, words=("spreadsheets",)), favorite=False
    )
    settle(pane)
    assert pane.slides.pager.label.text() == "Slide 2 of 6"
    # The selection keeps the asset and swaps in the new query's result (ui/search/selection).
    pane.hit = hit_for(DEMO_DECK, "PowerPoint", location=6, words=("entity",))
    settle(pane)
    assert pane.slides.pager.label.text() == "Slide 6 of 6"


# Word, Excel, Markdown, HTML, text


def test_a_word_document_shows_headings_and_paragraphs_around_the_match(qtbot, pane):
    hit = hit_for(MIGRATION, "Word", words=("migration", "downtime"))
    pane.show_hit(hit, favorite=False)
    settle(pane)
    assert pane.views.currentWidget() is pane.document
    document = pane.document.browser.document()
    assert (2, "Data migration without downtime") in headings(document)
    assert "#" not in document.toPlainText()[:5]


def test_bold_and_italic_are_kept_and_the_matches_marked(qtbot, pane, tmp_path):
    import docx

    made = docx.Document()
    made.add_heading("Renewal playbook", level=1)
    paragraph = made.add_paragraph("Call the ")
    paragraph.add_run("budget holder").bold = True
    paragraph.add_run(" before the ")
    paragraph.add_run("renewal").italic = True
    path = tmp_path / "Renewal.docx"
    made.save(str(path))
    pane.show_hit(hit_for(path, "Word", words=("renewal",)), favorite=False)
    settle(pane)
    html = pane.document.browser.toHtml()
    assert 'font-weight:700;">budget holder' in html
    assert "font-style:italic" in html
    assert pane.document.browser.document().toPlainText().count("Renewal") == 1
    assert "background-color:#ffe27a" in html


def test_a_sheet_shows_a_grid_with_the_matched_cells_marked(qtbot, pane):
    hit = hit_for(QUESTIONNAIRE, "Excel", location=2, words=("SOC 2",))
    pane.show_hit(hit, favorite=False)
    settle(pane)
    sheet = pane.sheet
    assert pane.views.currentWidget() is sheet
    assert sheet.pager.label.text() == "Sheet 2 of 2"
    assert "Responses" in sheet.name.text()
    model = sheet.model
    marked = [
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.data(model.index(r, c), Qt.ItemDataRole.UserRole)  # marked
    ]
    assert marked == [(2, 2)]
    assert "SOC 2 Type II" in model.data(model.index(2, 2))
    assert model.headerData(2, Qt.Orientation.Horizontal) == "C"
    assert model.headerData(2, Qt.Orientation.Vertical) == "3"
    sheet.pager.previous.click()  # the other sheet, read on a pool thread
    qtbot.waitUntil(lambda: "Read me" in sheet.name.text(), timeout=10_000)


def test_markdown_is_rendered_headings_as_headings(qtbot, pane):
    pane.show_hit(hit_for(OBJECTIONS, "Markdown", words=("expensive",)), favorite=False)
    settle(pane)
    document = pane.document.browser.document()
    assert (1, "Objection handling guide") in headings(document)
    assert "# Objection" not in document.toPlainText()
    assert document.toPlainText().count("---") == 0  # no front matter shown


def test_markdown_images_are_never_loaded(qtbot, pane, tmp_path):
    note = tmp_path / "Note.md"
    note.write_text(
        "# Pricing note\n\n![logo](https://tracker.example/pixel.png)\n\nThe **price** holds.\n",
        encoding="utf-8",
    )
    pane.show_hit(hit_for(note, "Markdown", words=("price",)), favorite=False)
    settle(pane)
    html = pane.document.browser.toHtml()
    assert "tracker.example" not in html and "<img" not in html
    assert "font-weight:700;" in html  # **price** is bold
    assert (1, "Pricing note") in headings(pane.document.browser.document())


def test_html_is_rendered_without_anything_that_runs_or_loads(qtbot, pane, tmp_path):
    page = tmp_path / "Offer.html"
    page.write_text(
        "<html><head><script>alert('x')</script><style>h1{color:red}</style></head><body>"
        "<h1 onclick='steal()'>Spring offer</h1><img src='https://tracker.example/p.gif'>"
        "<p>The <a href='https://evil.example'>discount</a> ends in May.</p>"
        "<iframe src='https://evil.example'></iframe></body></html>",
        encoding="utf-8",
    )
    pane.show_hit(hit_for(page, "HTML", words=("discount",)), favorite=False)
    settle(pane)
    browser = pane.document.browser
    html = browser.toHtml()
    assert (1, "Spring offer") in headings(browser.document())
    for absent in ("alert", "tracker.example", "evil.example", "steal", "<img"):
        assert absent not in html, absent
    assert "background-color:#ffe27a" in html


def test_plain_text_stays_text_with_the_matches_marked(qtbot, pane):
    pane.show_hit(hit_for(RIDGELINE, "Text", words=("forecast",)), favorite=False)
    settle(pane)
    browser = pane.document.browser
    assert headings(browser.document()) == []
    assert "13-week cash forecast" in browser.document().toPlainText()
    assert "background-color:#ffe27a" in browser.toHtml()


# Files that cannot be shown


@pytest.mark.parametrize(
    ("path", "fmt", "reason"),
    [
        (CORPUS / "pdf" / "pypdf_r6-user-password.pdf", "PDF", "needs a password"),
        (CORPUS / "pptx" / "tika_testPPT_protected_passtika.pptx", "PowerPoint", "password"),
        (CORPUS / "docx" / "tika_testWORD_truncated.docx", "Word", "damaged"),
        (CORPUS / "xlsx" / "openpyxl_null_file.xlsx", "Excel", "damaged"),
        (CORPUS / "pdf" / "pdfjs_bug1020226.pdf", "PDF", "damaged"),
        (SAMPLE_LIBRARY / "Decks" / "Gone.pptx", "PowerPoint", "not there any more"),
    ],
)
def test_a_file_that_cannot_be_read_falls_back_to_the_snippet_with_a_reason(
    qtbot, pane, path, fmt, reason
):
    hit = hit_for(path, fmt, location=1, snippet="… the <b>snippet</b> text …")
    pane.show_hit(hit, favorite=False)
    settle(pane)
    assert pane.views.currentWidget() is pane.passage
    assert "snippet text" in pane.passage.toPlainText()
    assert pane.reason.isVisible()
    assert reason in pane.reason.text()
    assert "Traceback" not in pane.reason.text() and "\n" not in pane.reason.text()


def test_files_are_read_and_pages_rendered_off_the_gui_thread(qtbot, pane, monkeypatch):
    from ui.preview import pdf_view, reader

    threads: list[threading.Thread] = []

    def spy(function):  # noqa: ANN001, ANN202 - records the thread, then does the real work
        def run(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            threads.append(threading.current_thread())
            return function(*args, **kwargs)

        return run

    monkeypatch.setattr(pdf_view, "render_page", spy(pdf_view.render_page))
    monkeypatch.setattr(reader, "_READERS", {k: spy(v) for k, v in reader._READERS.items()})
    for path, fmt in (
        (WHITEPAPER, "PDF"),
        (DEMO_DECK, "PowerPoint"),
        (MIGRATION, "Word"),
        (QUESTIONNAIRE, "Excel"),
        (OBJECTIONS, "Markdown"),
        (PRIVACY_FAQ, "HTML"),
        (RIDGELINE, "Text"),
    ):
        pane.show_hit(hit_for(path, fmt, location=1, words=("data",)), favorite=False)
        settle(pane)
        assert pane.views.currentWidget() is not pane.passage, fmt
    assert len(threads) == 7
    assert all(thread is not threading.main_thread() for thread in threads)


def test_arrowing_fast_reads_only_the_last_selection(qtbot, pane, monkeypatch):
    from ui.preview import reader

    read: list[str] = []
    real = reader.read_preview

    def counted(request):  # noqa: ANN001, ANN202
        read.append(request.path)
        return real(request)

    monkeypatch.setattr("ui.panels.preview.read_preview", counted)
    for path, fmt in ((DEMO_DECK, "PowerPoint"), (MIGRATION, "Word"), (QUESTIONNAIRE, "Excel")):
        pane.show_hit(hit_for(path, fmt, location=2, words=("data",)), favorite=False)
        assert pane.views.currentWidget() is pane.passage  # the snippet at once
    settle(pane)
    assert pane.views.currentWidget() is pane.sheet
    assert read == [str(QUESTIONNAIRE)]  # one read, for where the rep stopped


def test_a_fresher_result_of_the_same_pdf_turns_the_page_and_keeps_the_zoom(qtbot, pane):
    pane.show_hit(hit_for(WHITEPAPER, "PDF", location=1, words=("soc",)), favorite=False)
    settle(pane)
    pane.pdf.zoom_in.click()
    settle(pane)
    pane.hit = hit_for(WHITEPAPER, "PDF", location=2, words=("gdpr",))
    settle(pane)
    assert pane.pdf.pager.label.text() == "Page 2 of 2"
    assert pane.pdf.fit.text() == "125%"
    assert pane.pdf.page.highlights  # 'GDPR' on page 2


def _search(qtbot, window, text: str) -> None:  # noqa: ANN001
    window.search_box.setText(text)
    qtbot.waitUntil(
        lambda: window.searching.shown is not None and window.searching.shown.request.text == text,
        timeout=10_000,
    )


def _row_of(window, asset_id: str) -> int:  # noqa: ANN001
    model = window.results.model
    return next(r for r in range(model.rowCount()) if model.hit(r).id == asset_id)
