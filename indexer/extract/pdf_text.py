"""Page text of a PDF by pdfium (pypdfium2): twice as fast as pypdf, and it reads the PDFs pypdf
gives up on (a stream longer than its /Length, a malformed object, a cyclic page tree).

pdfium is a C library and not thread-safe. The indexer calls it in single-threaded worker
processes that are killed past the time limit, so a file that hangs or crashes it costs only
that file (see `indexer.workers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.extract.base import Segment
from indexer.extract.common import TextBudget

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument, PdfTextPage

# pdfium marks a hyphen at a line end with U+FFFE (some producers' fonts give U+0002 before the
# break), and keeps or drops the line break after it: "recom\ufffe\r\nmendation". The character
# after it (looked at, not taken) tells a split word from a compound: "well-Known".
_HYPHEN_BREAK = re.compile(
    "(?:\ufffe[ \t]*(?:\r\n|\r|\n)?|\x02[ \t]*(?:\r\n|\r|\n))(?=(.?))", re.DOTALL
)
# Control characters of a font without a Unicode map (glyph numbers) and the noncharacters
# pdfium leaves: noise in an index and a snippet.
_NOISE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_INFO_KEYS = ("Title", "Author", "Subject", "Keywords")
# A page whose visible characters are this much control characters is in a font pdfium maps to
# glyph numbers, not text (pypdf may still read its words). Clean pages measure under 0.05.
_GARBLED_SHARE = 0.25
_VISIBLE = re.compile(r"\S")


class PdfiumRefused(Exception):
    """pdfium cannot open the document: it needs a password, or its structure is beyond repair."""

    def __init__(self, detail: str, *, needs_password: bool) -> None:
        super().__init__(detail)
        self.needs_password = needs_password


@dataclass(frozen=True)
class PdfiumText:
    """What pdfium reads in a document: the text of each page, and its info dictionary."""

    pages: tuple[Segment, ...]
    info: dict[str, str]  # Title, Author, Subject, Keywords; "" where the document has none
    garbled_pages: tuple[int, ...] = ()  # numbers of the pages that are mostly glyph numbers
    encrypted: bool = True  # unless pdfium says it is not: then pypdf has nothing to add

    @property
    def has_words(self) -> bool:
        return any(page.text.strip() for page in self.pages)


def read_pdf(path: Path, budget: TextBudget) -> PdfiumText:
    """The text of every page of `path`, within `budget`. Raises `PdfiumRefused`."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise PdfiumRefused(str(exc), needs_password=exc.err_code == raw.FPDF_ERR_PASSWORD) from exc
    try:
        pages, garbled = _pages(document, budget)
        info = {key: document.get_metadata_value(key) or "" for key in _INFO_KEYS}
        encrypted = raw.FPDF_GetSecurityHandlerRevision(document) != -1
        return PdfiumText(pages, info, garbled, encrypted=encrypted)
    finally:
        document.close()


def _pages(
    document: PdfDocument, budget: TextBudget
) -> tuple[tuple[Segment, ...], tuple[int, ...]]:
    """Each page's text (empty for a page pdfium cannot load), and the garbled pages' numbers."""
    import pypdfium2 as pdfium

    pages: list[Segment] = []
    garbled: list[int] = []
    for index in range(len(document)):
        if budget.spent:
            break
        try:
            text = _page_text(document, index)
        except pdfium.PdfiumError:
            # A page object that is not a page (a /Kids loop, a fuzzed dictionary): the other
            # pages are still the document's text.
            text = ""
        if _is_garbled(text):
            garbled.append(index + 1)
        pages.append(Segment(budget.take(tidy(text)), index + 1))
    return tuple(pages), tuple(garbled)


def _is_garbled(text: str) -> bool:
    if _NOISE.search(text) is None:  # nearly every page: its visible characters go uncounted
        return False
    visible = len(_VISIBLE.findall(text))
    return visible > 0 and len(_NOISE.findall(text)) >= _GARBLED_SHARE * visible


def _page_text(document: PdfDocument, index: int) -> str:
    """One page's raw text; the page and its text page are closed at once (C memory)."""
    page = document[index]
    try:
        text_page = page.get_textpage()
        try:
            return _text(text_page)
        finally:
            text_page.close()
    finally:
        page.close()


def _text(text_page: PdfTextPage) -> str:
    try:
        # The text in content order. get_text_bounded() would also return characters outside
        # the BMP, but it drops text beside the page's box (a tenth of a book, measured).
        return text_page.get_text_range()
    except RecursionError:  # pypdfium2 skips leading excluded characters one call at a time
        return text_page.get_text_bounded()


def tidy(text: str) -> str:
    """pdfium's page text as plain text: hyphenated words joined, its marks and noise gone."""
    text = _HYPHEN_BREAK.sub(_hyphen, text)
    return _NOISE.sub(" ", text.replace("\r\n", "\n"))


def _hyphen(match: re.Match[str]) -> str:
    """A word split at the line end is joined ("recom-|mendation"); before a capital, a digit
    or nothing the hyphen was the writer's ("well-|Known", "COVID-|19") and stays."""
    after = match.group(1)
    return "" if after.isalpha() and not after.isupper() else "-"
