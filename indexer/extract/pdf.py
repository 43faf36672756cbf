"""PDF reader (pypdf): one segment per page, title and tag strings from the info dictionary."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.extract.base import Extracted, ExtractionError, FailureReason, Limits, Segment
from indexer.extract.common import TextBudget, finish, one_line, quiet_libraries, short_detail

if TYPE_CHECKING:
    from pypdf import PdfReader

_HEADER = b"%PDF-"


def extract(path: Path, limits: Limits) -> Extracted:
    from pypdf.errors import DependencyError, FileNotDecryptedError

    with quiet_libraries("pypdf"):
        try:
            reader = _open(path)
            _unlock(reader)
            pages = _pages(reader, TextBudget(limits))
            title, keyword_strings, author = _info(reader)
        except FileNotDecryptedError as exc:
            raise ExtractionError(
                FailureReason.PASSWORD_PROTECTED, "needs a password to open"
            ) from exc
        except DependencyError as exc:
            raise ExtractionError(FailureReason.UNSUPPORTED, short_detail(exc)) from exc
        except _damage_errors() as exc:
            raise ExtractionError(
                FailureReason.DAMAGED, f"unreadable PDF structure: {short_detail(exc)}"
            ) from exc
    return finish(pages, limits, title=title, keyword_strings=keyword_strings, author=author)


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
    with quiet_libraries("pypdf"):
        reader = _open(path)
        _unlock(reader)
        return _info(reader)[2]


def _info(reader: PdfReader) -> tuple[str, tuple[str, ...], str]:
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
