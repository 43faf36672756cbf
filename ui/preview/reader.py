"""Which reader previews which format, run on a pool thread: a hit in, plain data out (a
`Deck`, `RichText` or `SheetGrid`), or `Unavailable` with the one-line reason. PDF pages are
rendered by the PDF view itself (`pdf_page.render_page`), page by page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ui.preview.errors import reason_of
from ui.preview.marks import Marks
from ui.preview.rich_text import RichText, read_html, read_markdown, read_plain
from ui.preview.sheet import SheetGrid, read_sheet
from ui.preview.slides import Deck, read_deck

Preview = Deck | RichText | SheetGrid


@dataclass(frozen=True)
class Unavailable:
    reason: str  # 'the PDF needs a password to open'


@dataclass(frozen=True)
class PreviewRequest:
    path: str
    location: int | None  # the hit's page / slide / sheet
    marks: Marks
    passage: str  # the snippet's text, to open a document where the snippet is


def _docx(request: PreviewRequest) -> Preview:
    from ui.preview.document import read_docx

    return read_docx(request.path, request.marks, request.passage)


_READERS: dict[str, Callable[[PreviewRequest], Preview]] = {
    ".pptx": lambda r: read_deck(r.path, r.location),
    ".pptm": lambda r: read_deck(r.path, r.location),
    ".potx": lambda r: read_deck(r.path, r.location),
    ".ppsx": lambda r: read_deck(r.path, r.location),
    ".ppsm": lambda r: read_deck(r.path, r.location),
    ".docx": _docx,
    ".docm": _docx,
    ".dotx": _docx,
    ".dotm": _docx,
    ".xlsx": lambda r: read_sheet(r.path, r.location, r.marks),
    ".xlsm": lambda r: read_sheet(r.path, r.location, r.marks),
    ".xltx": lambda r: read_sheet(r.path, r.location, r.marks),
    ".xltm": lambda r: read_sheet(r.path, r.location, r.marks),
    ".md": lambda r: read_markdown(r.path, r.marks, r.passage),
    ".markdown": lambda r: read_markdown(r.path, r.marks, r.passage),
    ".html": lambda r: read_html(r.path, r.marks, r.passage),
    ".htm": lambda r: read_html(r.path, r.marks, r.passage),
    ".txt": lambda r: read_plain(r.path, r.marks, r.passage),
}
_LIBRARIES = ("pptx", "docx", "openpyxl")


def has_reader(path: str) -> bool:
    return Path(path).suffix.lower() in _READERS


def read_preview(request: PreviewRequest) -> Preview | Unavailable:
    """The preview of `request.path`; never raises (a reader's bug costs this preview only)."""
    from indexer.extract.common import quiet_libraries

    reader = _READERS.get(Path(request.path).suffix.lower())
    if reader is None:
        return Unavailable("this kind of file has no preview")
    try:
        if not Path(request.path).is_file():
            raise FileNotFoundError(request.path)
        with quiet_libraries(*_LIBRARIES):
            return reader(request)
    except Exception as exc:  # noqa: BLE001 - any failure is a line for the rep
        return Unavailable(reason_of(exc, request.path))
