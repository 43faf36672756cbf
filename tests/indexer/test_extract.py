"""The per-format readers and `extract_file`, on documents built here and on the real corpus."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from contentfinder.library.formats import FORMATS
from indexer.extract import EXPECTED_CONTENT, READERS, extract_file
from indexer.extract.base import Extracted, ExtractionError, Failure, FailureReason, Limits
from indexer.extract.common import normalise
from indexer.extract.sniff import sniff, sniff_bytes
from tests.indexer.corpus_outcomes import NOW_READ

REPO = Path(__file__).resolve().parents[2]
CORPUS = (REPO / ".." / "shared" / "corpus" / "realworld").resolve()
SUPPORTED = set(READERS)
# A reader that takes longer than this on a corpus file is hanging, not working.
CORPUS_SECONDS = 20.0

# Corpus files that hold text our readers do not reach, and why. The test checks each still
# comes back without text, so an entry is removed once a reader learns to read it.
KNOWN_GAPS: dict[str, str] = {
    "pdf/pypdf_encrypted_doc_no_id.pdf": (
        "RC4 without a trailer /ID: pypdf accepts the empty password but derives a key that "
        "yields no text"
    ),
    "pdf/pdfjs_secHandler.pdf": "AES-256 R6: pypdf and pdfium decrypt it, the page gives no text",
    "pdf/pdfjs_print_protection.pdf": (
        "AES-256 R6 print lock: pypdf and pdfium reject the empty password pdf.js accepts"
    ),
    "pptx/poi_sample_pptx_grouping_issues.pptx": (
        "the only text is the notes page's slide-number field, which is not content"
    ),
}


def _manifest() -> list[dict[str, str]]:
    with (CORPUS / "MANIFEST.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


CORPUS_ROWS = _manifest()


def _extracted(result: Extracted | Failure) -> Extracted:
    assert isinstance(result, Extracted), result
    return result


def _failure(result: Extracted | Failure) -> Failure:
    assert isinstance(result, Failure), result
    return result


# --- sniffing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf%PDF-1.3\n", "pdf"),  # BOM before the header
        (b"%%PRINT_TICKET: x\r\n" * 10 + b"%PDF-1.4", "pdf"),  # print-ticket junk
        (b"%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>", "pdf"),  # header lost, objects remain
        (b"PK\x03\x04rest", "zip"),
        (b"PK\x05\x06" + bytes(18), "zip"),  # an empty archive
        (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(100), "cfb"),
        (b"Plain words,\r\nlines and tabs\t.", "text"),
        ("caf\u00e9 na\u00efve".encode("cp1252"), "text"),
        ("\ufeffh\u00e9llo".encode("utf-16-le"), "text"),  # UTF-16 with BOM
        ("hello world, no BOM".encode("utf-16-le"), "text"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        (b"", "empty"),
    ],
)
def test_sniff_recognises_content_from_its_first_bytes(sample: bytes, kind: str) -> None:
    assert sniff_bytes(sample) == kind


def test_sniff_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    assert sniff(path) == "pdf"
    assert sniff(CORPUS / "legacy" / "tika_testWORD.doc") == "cfb"


def test_every_reader_has_an_expected_content_kind() -> None:
    assert set(EXPECTED_CONTENT) == set(READERS) == set(FORMATS)  # every asset has a reader
    assert set(EXPECTED_CONTENT.values()) == {"pdf", "zip", "text"}


# --- extract_file: routing and refusals ---------------------------------------------------


def test_empty_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    path.write_bytes(b"")
    assert _failure(extract_file(path)).reason is FailureReason.EMPTY


def test_file_over_the_size_limit_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 100, encoding="utf-8")
    failure = _failure(extract_file(path, Limits(max_file_bytes=10)))
    assert failure.reason is FailureReason.TOO_LARGE


@pytest.mark.parametrize("name", ["old.doc", "deck.ppt", "data.xlsb", "notes.rtf", "README"])
def test_unknown_suffix_is_unsupported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"anything")
    assert _failure(extract_file(path)).reason is FailureReason.UNSUPPORTED


def test_text_named_pdf_is_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "brochure.pdf"
    path.write_text("Licensed under the Apache License\n", encoding="utf-8")
    failure = _failure(extract_file(path))
    assert failure == Failure(FailureReason.MISLABELLED, "the file is plain text, not a PDF")


def test_pdf_named_txt_is_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes((CORPUS / "pdf" / "samplefiles_minimal-document.pdf").read_bytes())
    failure = _failure(extract_file(path))
    assert failure == Failure(FailureReason.MISLABELLED, "the file is a PDF, not text")


def test_encrypted_ooxml_is_password_protected() -> None:
    failure = _failure(extract_file(CORPUS / "docx" / "tika_testWORD_protected_passtika.docx"))
    assert failure == Failure(FailureReason.PASSWORD_PROTECTED, "needs a password to open")


def test_legacy_word_file_renamed_docx_is_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "proposal.docx"
    path.write_bytes((CORPUS / "legacy" / "tika_testWORD.doc").read_bytes())
    failure = _failure(extract_file(path))
    assert failure == Failure(FailureReason.MISLABELLED, "a Word 97-2003 file named .docx")


def test_legacy_excel_file_renamed_xlsx_is_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "prices.xlsx"
    path.write_bytes((CORPUS / "legacy" / "tika_testEXCEL.xls").read_bytes())
    failure = _failure(extract_file(path))
    assert failure == Failure(FailureReason.MISLABELLED, "an Excel 97-2003 file named .xlsx")


def test_truncated_package_is_damaged(tmp_path: Path) -> None:
    whole = _write_docx(tmp_path / "whole.docx")
    path = tmp_path / "cut.docx"
    path.write_bytes(whole.read_bytes()[:2000])
    failure = _failure(extract_file(path))
    assert failure.reason is FailureReason.DAMAGED
    assert "truncated" in failure.detail


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/worksheets/sheet1.xml", bytes(4 * 1024 * 1024))
    failure = _failure(extract_file(path))
    assert failure.reason is FailureReason.TOO_LARGE
    assert "zip bomb" in failure.detail


def test_package_unpacking_past_the_limit_is_too_large(tmp_path: Path) -> None:
    path = _write_docx(tmp_path / "plain.docx")
    failure = _failure(extract_file(path, Limits(max_unpacked_bytes=1000)))
    assert failure.reason is FailureReason.TOO_LARGE


def test_zip_that_is_not_an_office_package_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "archive.pptx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("readme.txt", "hello")
    failure = _failure(extract_file(path))
    assert failure.reason is FailureReason.DAMAGED
    assert "[Content_Types].xml" in failure.detail


@pytest.mark.parametrize(
    ("error", "reason", "detail"),
    [
        (RuntimeError("boom\n  at line 2"), FailureReason.DAMAGED, "RuntimeError: boom at line 2"),
        (MemoryError(), FailureReason.TOO_LARGE, "ran out of memory while reading it"),
        (RecursionError(), FailureReason.DAMAGED, "its structure is nested too deeply to read"),
        (PermissionError(13, "Permission denied"), FailureReason.UNREADABLE, "Permission denied"),
        (ExtractionError(FailureReason.TIMED_OUT, "gave up"), FailureReason.TIMED_OUT, "gave up"),
    ],
)
def test_reader_errors_become_one_line_failures(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    reason: FailureReason,
    detail: str,
) -> None:
    def broken_reader(path: Path, limits: Limits) -> Extracted:
        raise error

    monkeypatch.setitem(READERS, ".txt", broken_reader)
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    assert extract_file(path) == Failure(reason, detail)


def test_suffixes_match_case_insensitively(tmp_path: Path) -> None:
    path = tmp_path / "NOTES.TXT"
    path.write_text("Upper-case name", encoding="utf-8")
    assert _extracted(extract_file(path)).text == "Upper-case name"


def test_importing_the_package_loads_no_document_library() -> None:
    code = (
        "import sys, indexer.extract; "
        "print(sorted(m for m in ('pypdf', 'docx', 'pptx', 'openpyxl', 'lxml', 'yaml', "
        "'charset_normalizer') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# --- limits and tidying --------------------------------------------------------------------


def test_text_is_truncated_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    assert len(_extracted(extract_file(path, Limits(max_text_chars=50))).text) <= 50


def test_text_budget_spans_segments(tmp_path: Path) -> None:
    path = _write_pptx(tmp_path / "deck.pptx")
    extracted = _extracted(extract_file(path, Limits(max_text_chars=30)))
    assert len(extracted.text) <= 30 + len(extracted.segments)  # joined with newlines


def test_whitespace_is_collapsed_but_lines_are_kept() -> None:
    assert normalise("a  \t b\r\n\n\n\n c\u00a0\u00a0d\x00") == "a b\n\nc d"


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_pages_title_and_keyword_strings(tmp_path: Path) -> None:
    from tests.factories import write_pdf

    path = write_pdf(
        tmp_path / "guide.pdf",
        ["Cloud cost guide for finance", "Second page about budgets"],
        title="Cost Guide",
        keywords="persona: CFO; tofu",
        subject="cost reduction",
    )
    extracted = _extracted(extract_file(path))
    assert [s.location for s in extracted.segments] == [1, 2]
    assert "budgets" in extracted.segments[1].text
    assert extracted.title == "Cost Guide"
    assert extracted.keyword_strings == ("cost reduction", "persona: CFO; tofu")


def test_pdf_info_subject_and_keywords_from_corpus() -> None:
    extracted = _extracted(extract_file(CORPUS / "pdf" / "tika_testPDFVarious.pdf"))
    assert extracted.keyword_strings == ("Subject is here", "Keyword1 Keyword2")


def test_pdf_page_numbers_follow_the_pages() -> None:
    extracted = _extracted(
        extract_file(CORPUS / "pdf" / "pypdf_GeoBase_NHNC1_Data_Model_UML_EN.pdf")
    )
    assert [s.location for s in extracted.segments] == list(range(1, 20))


@pytest.mark.parametrize(
    "name",
    [
        "pypdf_r2-user-password.pdf",
        "samplefiles_libreoffice-writer-password.pdf",
        "pypdf_r6-user-password.pdf",  # its owner password is empty, the user password is not
    ],
)
def test_pdf_needing_a_user_password_is_protected(name: str) -> None:
    failure = _failure(extract_file(CORPUS / "pdf" / name))
    assert failure == Failure(FailureReason.PASSWORD_PROTECTED, "needs a password to open")


@pytest.mark.parametrize("name", ["pypdf_r4-owner-password.pdf", "pypdf_r6-empty-password.pdf"])
def test_pdf_with_empty_user_password_is_read(name: str) -> None:
    assert "encryption test" in _extracted(extract_file(CORPUS / "pdf" / name)).text


@pytest.mark.parametrize(
    "name",
    ["tika_testPDF_bom.pdf", "tika_test-pdf-with-print-ticket-header.pdf", "pdfjs_bug1606566.pdf"],
)
def test_pdf_with_junk_or_no_header_is_read(name: str) -> None:
    assert _extracted(extract_file(CORPUS / "pdf" / name)).text


def test_broken_pdf_is_damaged_with_a_short_detail() -> None:
    failure = _failure(extract_file(CORPUS / "pdf" / "pdfjs_bug1020226.pdf"))
    assert failure.reason is FailureReason.DAMAGED
    assert failure.detail.startswith("unreadable PDF structure: ")
    assert "\n" not in failure.detail and len(failure.detail) < 200


# --- DOCX ----------------------------------------------------------------------------------


def _write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Zero-downtime migration", level=0)
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Plan", "Price"
    table.cell(1, 0).text, table.cell(1, 1).text = "Pro", "42 EUR"
    document.add_paragraph("After the table.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Confidential header"
    section.footer.paragraphs[0].text = "Page footer text"
    props = document.core_properties
    props.title, props.keywords = "Migration Guide", "persona: CISO; tofu"
    props.subject, props.category = "legacy migration", "industry: retail"
    document.save(str(path))
    return path


def test_docx_body_tables_headers_and_properties(tmp_path: Path) -> None:
    extracted = _extracted(extract_file(_write_docx(tmp_path / "guide.docx")))
    text = extracted.text
    assert text.index("Before the table") < text.index("Plan | Price") < text.index("After")
    assert "Pro | 42 EUR" in text
    assert "Confidential header" in text and "Page footer text" in text
    assert extracted.title == "Migration Guide"
    assert extracted.first_heading == "Zero-downtime migration"
    assert extracted.keyword_strings == (
        "persona: CISO; tofu",
        "industry: retail",
        "legacy migration",
    )
    assert [s.location for s in extracted.segments] == [None]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pydocx_hdr-header-footer.docx", "Header"),
        ("tika_footnotes.docx", "snoska"),  # the footnote
        ("tika_testWORD_text_box.docx", "text box in the header"),
        ("tika_testWORD_diagramData.docx", "From here"),  # SmartArt
        ("tika_testWORD_charts.docx", "wants a peach"),  # a chart's title
        ("tika_testAltChunkHTML.docx", "emphasized word"),
        ("tika_testWORD_phonetic.docx", "\u6771\u4eac"),  # the base text, not the reading
        ("tika_testWORD_macros.docm", "quick"),
        ("poi_Bug60341.docx", "Page 2"),  # python-docx refuses it; the parts are read directly
    ],
)
def test_docx_text_beyond_body_paragraphs(name: str, expected: str) -> None:
    text = _extracted(extract_file(CORPUS / "docx" / name)).text
    assert text and expected.lower() in text.lower()


def test_docx_with_external_entity_is_read_without_resolving_it() -> None:
    text = _extracted(extract_file(CORPUS / "docx" / "poi_ExternalEntityInText.docx")).text
    assert "root:" not in text  # no /etc/passwd


# --- PPTX ----------------------------------------------------------------------------------


def _write_pptx(path: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    title_slide = deck.slides.add_slide(deck.slide_layouts[0])
    title_slide.shapes.title.text = "Security for CISOs"
    title_slide.placeholders[1].text = "Quarterly briefing"
    body = deck.slides.add_slide(deck.slide_layouts[5])
    body.shapes.title.text = "Details"
    group = body.shapes.add_group_shape()
    inner = group.shapes.add_group_shape()
    inner.shapes.add_textbox(
        Inches(1), Inches(1), Inches(2), Inches(1)
    ).text_frame.text = "Nested group text"
    table = body.shapes.add_table(2, 2, Inches(1), Inches(3), Inches(4), Inches(1)).table
    table.cell(0, 0).text, table.cell(0, 1).text = "Tier", "Seats"
    table.cell(1, 0).text, table.cell(1, 1).text = "Gold", "250"
    body.notes_slide.notes_text_frame.text = "Speaker notes: mention SOC 2"
    props = deck.core_properties
    props.title, props.keywords = "CISO Briefing", "persona: CISO"
    props.subject, props.category = "security compliance", "decision"
    deck.save(str(path))
    return path


def test_pptx_slides_groups_tables_notes_and_properties(tmp_path: Path) -> None:
    extracted = _extracted(extract_file(_write_pptx(tmp_path / "deck.pptx")))
    first, second = extracted.segments
    assert (first.location, second.location) == (1, 2)
    assert "Quarterly briefing" in first.text
    assert "Nested group text" in second.text
    assert "Tier | Seats" in second.text and "Gold | 250" in second.text
    assert "Speaker notes: mention SOC 2" in second.text
    assert extracted.title == "CISO Briefing"
    assert extracted.first_heading == "Security for CISOs"
    assert extracted.keyword_strings == ("persona: CISO", "decision", "security compliance")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pptx_prs-notes.pptx", "Notes"),
        ("tika_testPPT_groups.pptx", "Text box5"),
        ("tika_testPPT_diagramData.pptx", "VP \u2013 HR"),
        ("tika_testPPT_comment.pptx", "tps deck"),
        ("tika_testPPT_macros.pptm", "quick"),
        ("poi_with_japanese.pptx", "\u30be\u30eb\u30b2\u3068\u5c3e\u5d0e"),
    ],
)
def test_pptx_corpus_text(name: str, expected: str) -> None:
    text = _extracted(extract_file(CORPUS / "pptx" / name)).text
    assert expected.lower() in text.lower()


# --- XLSX ----------------------------------------------------------------------------------


def _write_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    prices = workbook.active
    prices.title = "Prices"
    prices.append(["Plan", "Seats", "Renewal"])
    prices.append(["Enterprise", 500.0, date(2025, 1, 31)])
    faq = workbook.create_sheet("FAQ")
    faq["B3"] = "Does it support SSO?"
    props = workbook.properties
    props.title, props.keywords = "Price List", "persona: CFO"
    props.subject, props.category = "cost reduction", "consideration"
    workbook.save(str(path))
    return path


def test_xlsx_sheets_cells_and_properties(tmp_path: Path) -> None:
    extracted = _extracted(extract_file(_write_xlsx(tmp_path / "prices.xlsx")))
    prices, faq = extracted.segments
    assert (prices.location, faq.location) == (1, 2)
    assert prices.text == "Prices\nPlan | Seats | Renewal\nEnterprise | 500 | 2025-01-31"
    assert faq.text == "FAQ\nDoes it support SSO?"
    assert extracted.title == "Price List"
    assert extracted.keyword_strings == ("persona: CFO", "consideration", "cost reduction")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("openpyxl_comments.xlsx", "First Comment"),
        ("xlsxwriter_textbox01.xlsx", "This is some text"),
        ("xlsxwriter_macro01.xlsm", "123"),
        ("openpyxl_empty.xltx", "\u041b\u0438\u0441\u04421"),
        ("tika_testEXCEL.strict.xlsx", "Start of 2nd sheet"),
    ],
)
def test_xlsx_corpus_text(name: str, expected: str) -> None:
    extracted = _extracted(extract_file(CORPUS / "xlsx" / name))
    assert expected.lower() in f"{extracted.title}\n{extracted.text}".lower()


def test_xml_bomb_in_a_workbook_is_refused_quickly() -> None:
    started = time.perf_counter()
    failure = _failure(extract_file(CORPUS / "xlsx" / "poi_poc-xmlbomb.xlsx"))
    assert failure.reason is FailureReason.DAMAGED
    assert time.perf_counter() - started < 5


# --- Markdown ------------------------------------------------------------------------------

MARKDOWN = """---
title: Cost Playbook
persona: [CFO, VP Sales]
stage: tofu
keywords: budget, tco
tags: [renewal]
summary: Not a facet
owner: marketing@example.com
expires: 2030-01-01
---

Intro with a [pricing link](https://example.com/pricing) and ![logo](logo.png).

# Saving money at scale

- **Bold** point
- `inline code`

```python
print("kept code")
```

[ref]: data:image/png;base64,iVBORw0KGgo=
"""


def test_markdown_front_matter_and_body(tmp_path: Path) -> None:
    path = tmp_path / "playbook.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    extracted = _extracted(extract_file(path))
    assert extracted.title == "Cost Playbook"
    assert extracted.first_heading == "Saving money at scale"
    assert extracted.keyword_strings == ("budget, tco", "renewal")
    assert extracted.facet_values == (
        ("persona", "CFO"),
        ("persona", "VP Sales"),
        ("stage", "tofu"),
    )
    text = extracted.text
    assert "pricing link" in text and "https://" not in text
    assert "logo" not in text and "base64" not in text and "data:" not in text
    assert 'print("kept code")' in text and "```" not in text
    assert "Bold point" in text and "inline code" in text
    assert "Not a facet" not in text and "marketing@" not in text


def test_markdown_with_broken_front_matter_keeps_its_body(tmp_path: Path) -> None:
    path = tmp_path / "broken.markdown"
    path.write_text("---\ntitle: [unclosed\n---\nBody text\n", encoding="utf-8")
    extracted = _extracted(extract_file(path))
    assert extracted.text == "Body text"
    assert extracted.title == "" and extracted.facet_values == ()


def test_markdown_data_uri_image_is_dropped() -> None:
    text = _extracted(extract_file(CORPUS / "md" / "tika_testMARKDOWN_dataURI.md")).text
    assert "base64" not in text


# --- HTML ----------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head>
<title> Retail   Case Study </title>
<meta name="Keywords" content="industry: retail, decision">
<meta name="description" content="not a tag">
<style>.x { color: red }</style>
<script>var hidden = "script text";</script>
</head><body>
<noscript>enable javascript</noscript>
<template><p>template text</p></template>
<h1>How Acme cut costs</h1><p>First paragraph.</p><p>Second paragraph.</p>
</body></html>
"""


def test_html_text_title_keywords_and_heading(tmp_path: Path) -> None:
    path = tmp_path / "case.html"
    path.write_text(HTML, encoding="utf-8")
    extracted = _extracted(extract_file(path))
    assert extracted.title == "Retail Case Study"
    assert extracted.keyword_strings == ("industry: retail, decision",)
    assert extracted.first_heading == "How Acme cut costs"
    assert extracted.text == "How Acme cut costs\nFirst paragraph.\nSecond paragraph."


def test_html_charset_declaration_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    page = (
        '<html><head><meta charset="windows-1252"></head><body>Caf\u00e9 \u201cquotes\u201d</body>'
    )
    path.write_bytes(page.encode("cp1252"))
    assert _extracted(extract_file(path)).text == "Caf\u00e9 \u201cquotes\u201d"


def test_html_in_utf16le() -> None:
    extracted = _extracted(extract_file(CORPUS / "html" / "tika_testHTML_charset_utf16le.html"))
    assert extracted.title == "Title"
    assert extracted.text


# --- plain text ----------------------------------------------------------------------------

FRENCH = (
    "Molière est un dramaturge français. Ses pièces, jouées à la cour de Louis XIV, "
    "mêlent la farce et la comédie de mœurs ; « Le Misanthrope » reste très étudié. "
) * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_text_in_common_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(f"Dramaturgie\n\n{FRENCH}".encode(encoding))
    extracted = _extracted(extract_file(path))
    assert "Molière" in extracted.text and "mœurs" in extracted.text
    assert extracted.first_heading == "Dramaturgie"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bat_test_UTF-16LE.txt", "hello world"),
        ("bat_test_UTF-16BE.txt", "hello world"),
        ("tika_testTXT_win-1252.txt", "\u201c"),
        ("charsetnorm_sample-russian.txt", "\u0432"),
    ],
)
def test_text_corpus_encodings(name: str, expected: str) -> None:
    assert expected in _extracted(extract_file(CORPUS / "txt" / name)).text


def test_long_first_line_is_no_heading(tmp_path: Path) -> None:
    path = tmp_path / "wall.txt"
    path.write_text("word " * 100, encoding="utf-8")
    assert _extracted(extract_file(path)).first_heading == ""


# --- the whole corpus ----------------------------------------------------------------------


@pytest.mark.parametrize("row", CORPUS_ROWS, ids=[r["file"] for r in CORPUS_ROWS])
def test_corpus_file_ends_as_the_manifest_expects(row: dict[str, str]) -> None:
    path = CORPUS / row["file"]
    started = time.perf_counter()
    result = extract_file(path)
    assert time.perf_counter() - started < CORPUS_SECONDS
    if isinstance(result, Failure):  # what the user reads: one line, no traceback
        assert "\n" not in result.detail and len(result.detail) <= 160
    if path.suffix.lower() not in SUPPORTED:
        assert _failure(result).reason in (FailureReason.UNSUPPORTED, FailureReason.MISLABELLED)
    elif row["file"] in NOW_READ:
        assert NOW_READ[row["file"]] in _extracted(result).text
    elif row["expect"] == "error":
        _failure(result)
    elif row["file"] in KNOWN_GAPS:
        assert isinstance(result, Failure) or not result.text.strip()
    elif row["expect"] == "text":
        assert _extracted(result).text.strip()
    else:  # no-text: it opens, or is reported; either way without an exception
        assert isinstance(result, Extracted | Failure)


def test_known_gaps_name_corpus_files_expected_to_have_text() -> None:
    expected = {r["file"]: r["expect"] for r in CORPUS_ROWS}
    assert all(expected.get(name) == "text" for name in KNOWN_GAPS)


def test_files_now_read_are_corpus_files_and_no_gaps() -> None:
    assert set(NOW_READ) <= {r["file"] for r in CORPUS_ROWS}
    assert not set(NOW_READ) & set(KNOWN_GAPS)
