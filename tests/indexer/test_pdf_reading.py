"""PDF reading by pdfium with pypdf beside it, on awkward PDFs written byte by byte here.

The issue's four causes of pypdf giving up (a stream longer than its /Length, a malformed
boolean, junk before `%PDF`, a cyclic page tree) are each built from one small valid PDF. pypdf
7 recovers from some of them itself; each test checks that the text is read, by pdfium where it
opens the file, and that nothing hangs.
"""

from __future__ import annotations

import io
import json
import shutil
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from contentfinder.index.cache_entry import ENTRY_VERSION, PDF_TEXT_VERSION, entry_data
from contentfinder.search.session import SearchRequest, search
from indexer.extract import extract_file, pdf
from indexer.extract.base import Extracted, Failure, FailureReason, Limits
from indexer.extract.common import TextBudget
from indexer.extract.pdf_text import PdfiumRefused, read_pdf, tidy
from indexer.pipeline import update_index
from tests.conftest import CORPUS
from tests.factories import write_text

SECONDS = 10.0  # a reader that takes longer on a one-page file is hanging
WORDS = "Quarterly pipeline review"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
INFO = b"<< /Title (Pipeline review) /Author (Pia Pages) /Keywords (forecast; pipeline) >>"


def _page(*, extra: bytes = b"") -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + extra + b"/Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>"
    )


def _stream(content: bytes, *, length: int | None = None) -> bytes:
    declared = len(content) if length is None else length
    return b"<< /Length %d >>\nstream\n" % declared + content + b"\nendstream"


def _text(words: str) -> bytes:
    lines = words.split("\n")
    shown = b" 0 -14 Td ".join(b"(%s) Tj" % line.encode("latin-1") for line in lines)
    return b"BT /F1 12 Tf 72 720 Td " + shown + b" ET"


def build_pdf(objects: list[bytes], *, info: int | None = None) -> bytes:
    """A PDF of `objects` (numbered from 1, the catalog first) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_entry = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info_entry)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def one_page(
    words: str = WORDS, *, page: bytes | None = None, content: bytes | None = None
) -> bytes:
    return build_pdf(
        [CATALOG, PAGES, page or _page(), content or _stream(_text(words)), FONT, INFO], info=6
    )


# The causes, each as bytes of an otherwise valid one-page PDF.
AWKWARD: dict[str, Callable[[], bytes]] = {
    # The content stream runs past its declared /Length (a writer that counted wrongly).
    "long-stream": lambda: one_page(content=_stream(_text(WORDS), length=20)),
    # `fals` where a boolean or a reference belongs: pypdf loses the page's text.
    "malformed-boolean": lambda: one_page(page=_page(extra=b"/Annots [fals] ")),
    # A mail gateway's or a print spooler's bytes before the header.
    "junk-before-header": lambda: b"\x00\x01spool-job 4711\xff\xfe\r\n" * 20 + one_page(),
    # /Kids of the root lead to a node whose /Kids point back at the root.
    "cyclic-page-tree": lambda: build_pdf(
        [
            CATALOG,
            b"<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>",
            _page(),
            _stream(_text(WORDS)),
            FONT,
            INFO,
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ],
        info=6,
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _extracted(result: Extracted | Failure) -> Extracted:
    assert isinstance(result, Extracted), result
    return result


def _timed_extract(path: Path) -> Extracted | Failure:
    started = time.perf_counter()
    result = extract_file(path)
    assert time.perf_counter() - started < SECONDS, path.name
    return result


# --- the four causes -----------------------------------------------------------------------


@pytest.mark.parametrize("cause", AWKWARD)
def test_awkward_pdf_is_read_with_its_properties(tmp_path: Path, cause: str) -> None:
    path = _write(tmp_path / f"{cause}.pdf", AWKWARD[cause]())
    extracted = _extracted(_timed_extract(path))
    assert WORDS in extracted.text
    assert (extracted.title, extracted.author) == ("Pipeline review", "Pia Pages")
    assert extracted.keyword_strings == ("forecast; pipeline",)


@pytest.mark.parametrize("cause", AWKWARD)
def test_pdfium_reads_each_awkward_pdf_itself(tmp_path: Path, cause: str) -> None:
    path = _write(tmp_path / f"{cause}.pdf", AWKWARD[cause]())
    found = read_pdf(path, TextBudget(Limits()))
    assert WORDS in found.pages[0].text
    assert found.info["Title"] == "Pipeline review"


def test_malformed_boolean_hides_the_text_from_pypdf_not_from_pdfium(tmp_path: Path) -> None:
    """Why pdfium reads first: pypdf 'reads' this file, silently without its text."""
    path = _write(tmp_path / "deck.pdf", AWKWARD["malformed-boolean"]())
    assert WORDS not in pdf._pypdf_extract(path, Limits()).text
    assert WORDS in _extracted(extract_file(path)).text


def test_cyclic_page_tree_keeps_the_pages_that_exist(tmp_path: Path) -> None:
    path = _write(tmp_path / "loop.pdf", AWKWARD["cyclic-page-tree"]())
    found = read_pdf(path, TextBudget(Limits()))
    assert found.has_words and WORDS in found.pages[0].text


def test_awkward_pdfs_index_through_the_workers(make_library, settings_for) -> None:
    """The indexer's way: worker processes under the time limit, then a search finds them."""
    files = {
        f"Awkward/{cause}.pdf": (lambda p, c=cause: _write(p, AWKWARD[c]())) for cause in AWKWARD
    }
    settings = settings_for(make_library(files))
    summary = update_index(settings, workers=1)
    assert summary.failed == []
    hits = search(settings, SearchRequest(text="quarterly pipeline", limit=20)).hits
    assert {hit.id for hit in hits} == set(files)


# --- which reader stands in for which ------------------------------------------------------


def test_pypdf_reads_what_pdfium_cannot_open(tmp_path: Path) -> None:
    # pdfium looks for the header in the first kilobyte; pypdf finds it further on.
    path = _write(tmp_path / "spooled.pdf", b"\x00\x01spool-job\xff\xfe\r\n" * 150 + one_page())
    with pytest.raises(PdfiumRefused) as refused:
        read_pdf(path, TextBudget(Limits()))
    assert not refused.value.needs_password
    assert WORDS in _extracted(_timed_extract(path)).text


def test_properties_come_from_pdfium_when_pypdf_cannot_parse_the_file(tmp_path: Path) -> None:
    whole = one_page()
    # No xref table and no startxref: pypdf gives up, pdfium rebuilds the cross-references.
    cut = whole[: whole.index(b"xref")] + b"trailer\n<< /Root 1 0 R /Info 6 0 R >>\n%%EOF\n"
    path = _write(tmp_path / "cut.pdf", cut)
    extracted = _extracted(_timed_extract(path))
    assert WORDS in extracted.text
    assert (extracted.title, extracted.author) == ("Pipeline review", "Pia Pages")
    assert extracted.keyword_strings == ("forecast; pipeline",)
    assert pdf.author(path) == "Pia Pages"


def test_file_neither_reader_can_read_is_damaged(tmp_path: Path) -> None:
    path = _write(tmp_path / "torn.pdf", one_page()[:120])
    failure = _timed_extract(path)
    assert isinstance(failure, Failure) and failure.reason is FailureReason.DAMAGED
    assert failure.detail.startswith("unreadable PDF structure: ")


def test_pdf_without_a_text_layer_is_read_without_text(tmp_path: Path) -> None:
    """A scan or a drawing: indexed by its name and properties, as before, not a failure."""
    path = _write(tmp_path / "scan.pdf", one_page(content=_stream(b"0 0 1 rg 72 72 200 200 re f")))
    extracted = _extracted(_timed_extract(path))
    assert extracted.text == ""
    assert extracted.title == "Pipeline review"


@pytest.mark.parametrize(
    "name", ["samplefiles_grayscale-image.pdf", "tika_testOCR.pdf", "pdfjs_empty.pdf"]
)
def test_corpus_pdfs_without_text_are_still_read_without_text(name: str) -> None:
    assert _extracted(_timed_extract(CORPUS / "pdf" / name)).text == ""


# --- encryption ----------------------------------------------------------------------------


def _encrypted(user: str, owner: str, algorithm: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(one_page()))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("algorithm", ["RC4-40", "RC4-128", "AES-256"])
def test_pdf_with_a_user_password_is_password_protected(tmp_path: Path, algorithm: str) -> None:
    path = _write(tmp_path / "locked.pdf", _encrypted("secret", "owner", algorithm))
    with pytest.raises(PdfiumRefused) as refused:
        read_pdf(path, TextBudget(Limits()))
    assert refused.value.needs_password
    assert _timed_extract(path) == Failure(
        FailureReason.PASSWORD_PROTECTED, "needs a password to open"
    )


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_with_an_empty_user_password_is_read(tmp_path: Path, algorithm: str) -> None:
    path = _write(tmp_path / "print-locked.pdf", _encrypted("", "owner", algorithm))
    extracted = _extracted(_timed_extract(path))
    assert WORDS in extracted.text
    assert extracted.author == "Pia Pages"


# --- pdfium's text, tidied -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "tidied"),
    [
        ("recom\ufffe\r\nmendation", "recommendation"),
        ("peri\ufffeodic reports", "periodic reports"),  # pdfium dropped the line break
        ("well\ufffeKnown", "well-Known"),  # before a capital the hyphen was the writer's
        ("COVID\ufffe\r\n19", "COVID-19"),
        ("syl\x02\r\nlable", "syllable"),  # a font's hyphen given as U+0002 before the break
        ("a\x05b\x1fc\x7f", "a b c "),  # glyph numbers of a font without a Unicode map
        ("line one\r\nline two", "line one\nline two"),
    ],
)
def test_pdfium_marks_and_noise_are_tidied(raw: str, tidied: str) -> None:
    assert tidy(raw) == tidied


def test_words_hyphenated_at_the_line_end_are_joined(tmp_path: Path) -> None:
    content = _stream(_text("The board made a recom-\nmendation on pricing."))
    path = _write(tmp_path / "minutes.pdf", one_page(content=content))
    text = _extracted(extract_file(path)).text
    assert "recommendation on pricing" in text
    assert "\ufffe" not in text


def test_text_budget_stops_reading_pages(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.pdf", one_page())
    assert len(_extracted(extract_file(path, Limits(max_text_chars=9))).text) <= 9


# --- the extraction cache ------------------------------------------------------------------


def test_pdf_text_cached_by_pypdf_is_read_again_and_other_entries_are_kept(
    make_library, settings_for
) -> None:
    files = {
        "Studies/tco.pdf": lambda p: _write(p, one_page()),
        "Notes/plain.txt": lambda p: write_text(p, "Plain notes about pricing"),
    }
    settings = settings_for(make_library(files))
    update_index(settings, workers=1)
    entries = list(settings.cache_dir.glob("*/*.json.z"))
    assert len(entries) == 2
    for entry in entries:  # as the pypdf reader wrote them
        data = entry_data(entry.read_bytes())
        data["version"] = PDF_TEXT_VERSION - 1
        entry.write_bytes(zlib.compress(json.dumps(data).encode()))  # as zlib wrote them
    shutil.rmtree(settings.index_dir)  # a rebuild: every file's text comes from the cache
    summary = update_index(settings, workers=1)
    assert summary.extracted == 1  # the PDF alone
    versions = {entry_data(e.read_bytes())["version"] for e in entries}
    assert versions == {ENTRY_VERSION}


def test_garbled_pages_take_pypdf_text_where_it_reads_more_words() -> None:
    """TAMReview's body font maps to glyph numbers in pdfium; pypdf still reads the headings
    set in another font, and pdfium's clean first page is kept."""
    extracted = _extracted(_timed_extract(CORPUS / "pdf" / "pdfjs_TAMReview.pdf"))
    assert "Theory of Reasoned Action" in extracted.text  # pypdf's page 4
    assert "/g3" not in extracted.text  # pypdf's names of unmapped glyphs are dropped
    assert extracted.segments[0].text.startswith("Working Papers on Information Systems")


def test_pdfium_flags_pages_that_are_mostly_glyph_numbers() -> None:
    found = read_pdf(CORPUS / "pdf" / "pdfjs_TAMReview.pdf", TextBudget(Limits()))
    assert 1 not in found.garbled_pages and 4 in found.garbled_pages
    clean = read_pdf(CORPUS / "pdf" / "pdfjs_tracemonkey.pdf", TextBudget(Limits()))
    assert clean.garbled_pages == ()
