"""PDF reader: page text by pdfium (`pdf_text`), document properties and encryption by pypdf.

pdfium is the faster reader and opens the broken files pypdf gives up on; pypdf knows whether an
encrypted file needs its user password and reads the info dictionary. Each stands in for the
other where it fails: pypdf's text when pdfium cannot open the file or finds no words in it,
pdfium's info dictionary when pypdf cannot parse the file. A file is damaged only when neither
reads any words in it; one that needs a password to open is reported as such.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.extract.base import Extracted, ExtractionError, FailureReason, Limits, Segment
from indexer.extract.common import TextBudget, finish, one_line, quiet_libraries, short_detail
from indexer.extract.pdf_text import PdfiumRefused, PdfiumText, read_pdf

if TYPE_CHECKING:
    from pypdf import PdfReader

_HEADER = b"%PDF-"
_WORD = re.compile(r"[^\W\d_]{3,}")
# pypdf writes a glyph it cannot map as its name ("/g3", mostly the space): noise between words.
_GLYPH_NAMES = re.compile(r"(?:/g\d+)+")
_LIBRARIES = ("pypdf", "pypdfium2")
Properties = tuple[str, tuple[str, ...], str]  # title, tag strings, author


def extract(path: Path, limits: Limits) -> Extracted:
    with quiet_libraries(*_LIBRARIES):
        try:
            found = read_pdf(path, TextBudget(limits))
        except PdfiumRefused:
            return _pypdf_extract(path, limits)  # pypdf's verdict stands: read, protected, damaged
        if not found.has_words:
            # A scan, or fonts pdfium cannot map to text: pypdf may still find words. When it
            # cannot parse the file either, the file is damaged, as pypdf says.
            return _pypdf_extract(path, limits)
        title, keyword_strings, author = _properties(path, found)
        pages = _ungarbled(path, found) if found.garbled_pages else found.pages
    return finish(pages, limits, title=title, keyword_strings=keyword_strings, author=author)


def _ungarbled(path: Path, found: PdfiumText) -> tuple[Segment, ...]:
    """pdfium's pages, with pypdf's text for a garbled page where pypdf reads more words in it.

    A font without a Unicode map gives pdfium glyph numbers where pypdf may still find the
    text (a headline set in another font); which reading is better is decided page by page.
    """
    try:
        reader = _open(path)
        _unlock(reader)
        count = len(reader.pages)
    except (ExtractionError, *_pypdf_errors()):
        return found.pages
    pages = list(found.pages)
    for number in found.garbled_pages:
        if number > count:
            continue
        try:
            text = _GLYPH_NAMES.sub(" ", _page_text(reader.pages[number - 1]))
        except _pypdf_errors():
            continue
        if _word_count(text) > _word_count(pages[number - 1].text):
            pages[number - 1] = Segment(text, number)
    return tuple(pages)


def _word_count(text: str) -> int:
    """Distinct words of three letters or more: what makes a page findable."""
    return len(set(_WORD.findall(text.casefold())))


def _properties(path: Path, found: PdfiumText) -> Properties:
    """The info dictionary as pdfium read it when the file is not encrypted (pypdf reads the
    same: every unencrypted PDF of both corpora, measured); for an encrypted one, pypdf's
    reading, pdfium's where pypdf cannot parse the file.

    Raises PASSWORD_PROTECTED for a file pdfium opened although it needs a user password (an
    empty *owner* password opens it for pdfium too): the author protected it from readers.
    """
    if not found.encrypted:
        return _pdfium_properties(found)
    try:
        reader = _open(path)
        _unlock(reader)
        return _info(reader)
    except ExtractionError:
        raise
    except _pypdf_errors():
        return _pdfium_properties(found)


def _pdfium_properties(found: PdfiumText) -> Properties:
    info = found.info
    tags = tuple(s for s in (one_line(info["Subject"]), one_line(info["Keywords"])) if s)
    return one_line(info["Title"]), tags, one_line(info["Author"])


def _pypdf_extract(path: Path, limits: Limits) -> Extracted:
    """The whole document by pypdf: text, properties and its verdict on encryption and damage."""
    try:
        reader = _open(path)
        _unlock(reader)
        pages = _pages(reader, TextBudget(limits))
        title, keyword_strings, author = _info(reader)
    except _pypdf_errors() as exc:
        raise _failure(exc) from exc
    return finish(pages, limits, title=title, keyword_strings=keyword_strings, author=author)


def _pypdf_errors() -> tuple[type[Exception], ...]:
    from pypdf.errors import DependencyError, FileNotDecryptedError

    return (FileNotDecryptedError, DependencyError, *_damage_errors())


def _failure(exc: Exception) -> ExtractionError:
    """What a pypdf error means for the user."""
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if isinstance(exc, FileNotDecryptedError):
        return ExtractionError(FailureReason.PASSWORD_PROTECTED, "needs a password to open")
    if isinstance(exc, DependencyError):
        return ExtractionError(FailureReason.UNSUPPORTED, short_detail(exc))
    return ExtractionError(FailureReason.DAMAGED, f"unreadable PDF structure: {short_detail(exc)}")


def _open(path: Path) -> PdfReader:
    from pypdf import PdfReader

    data = path.read_bytes()
    # Offsets inside a PDF count from its header; junk in front (a BOM, a print ticket, an
    # AppleSingle wrapper) shifts them all, so the reader starts at the header.
    start = data.find(_HEADER, 0, 1024)
    return PdfReader(io.BytesIO(data[start:] if start > 0 else data), strict=False)


def _unlock(reader: PdfReader) -> None:
    """Open an encrypted PDF that needs no password to view (owner-only protection, print locks)."""
    from pypdf import PasswordType

    if not reader.is_encrypted:
        return
    result = reader.decrypt("")
    if result == PasswordType.NOT_DECRYPTED or (
        result == PasswordType.OWNER_PASSWORD and not _empty_user_password(reader)
    ):
        raise ExtractionError(FailureReason.PASSWORD_PROTECTED, "needs a password to open")


def _empty_user_password(reader: PdfReader) -> bool:
    """Whether a viewer opens the file without asking: its *user* password is empty.

    pypdf tries "" as the owner password first, so an empty owner password decrypts a file
    whose readers are still asked for a user password. pypdf has no public check of the user
    password alone; its own routines are used, and where they have moved, pypdf's word stands.
    """
    try:
        from pypdf._encryption import AlgV4, AlgV5

        enc = reader._encryption
        if enc.V <= 4:
            key = AlgV4.verify_user_password(
                b"",
                enc.R,
                enc.Length,
                enc.values.O,
                enc.values.U,
                enc.P,
                enc.id1_entry,
                enc.EncryptMetadata,
            )
        else:
            key = AlgV5.verify_user_password(enc.R, b"", enc.values.U, enc.values.UE)
        return bool(key)
    except (ImportError, AttributeError, TypeError):
        return True


def _pages(reader: PdfReader, budget: TextBudget) -> list[Segment]:
    # A page pypdf cannot parse makes the file damaged: a partial index would hide the loss
    # from the marketer who can fix the file.
    pages: list[Segment] = []
    for number, page in enumerate(reader.pages, start=1):
        if budget.spent:
            break
        pages.append(Segment(budget.take(_page_text(page)), number))
    return pages


def _page_text(page: Any) -> str:
    from pypdf.errors import DependencyError

    try:
        return page.extract_text() or ""
    except DependencyError:
        return ""  # an image filter we cannot decode (JBIG2, Brotli) hides no text we could read


def _damage_errors() -> tuple[type[Exception], ...]:
    """What pypdf raises for a broken structure: its own errors, or whatever a bad object trips."""
    from pypdf.errors import DeprecationError, PyPdfError

    return (
        PyPdfError,
        DeprecationError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        ZeroDivisionError,
        OverflowError,
        UnicodeError,
    )


def author(path: Path) -> str:
    """The info dictionary's /Author alone (see `indexer.extract.authors`)."""
    with quiet_libraries(*_LIBRARIES):
        try:
            reader = _open(path)
            _unlock(reader)
            return _info(reader)[2]
        except ExtractionError:
            raise
        except _pypdf_errors():
            return one_line(read_pdf(path, TextBudget(Limits(max_text_chars=0))).info["Author"])


def _info(reader: PdfReader) -> Properties:
    """Title, the tag strings, and the author of the info dictionary."""
    info = reader.metadata
    if info is None:
        return "", (), ""
    subject, keywords = _entry(info, "/Subject"), _entry(info, "/Keywords")
    tags = tuple(s for s in (subject, keywords) if s)
    return _entry(info, "/Title"), tags, _entry(info, "/Author")


def _entry(info: Any, key: str) -> str:
    value = info.get(key)
    if hasattr(value, "get_object"):
        value = value.get_object()
    return one_line(value) if isinstance(value, str) else ""
