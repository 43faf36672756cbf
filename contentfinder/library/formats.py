"""Which file formats a library may hold, as data: suffix -> format, and format -> kind.

A format has its user-facing name and icon; its kind (document, presentation, spreadsheet, web,
text) has the word for a place inside it ("p.", "slide", "sheet") and the folder publishing
files it under by default. The format facet, the icons, the result rows, the CLI and publishing
all read this one table; the indexer has its table of readers keyed by the same suffixes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A kind of asset (document, presentation…): what its places are called, where it goes."""

    name: str  # document | presentation | spreadsheet | web | text
    location_word: str  # what a place in it is called: "p. 3", "slide 3", "sheet 3"
    default_folder: str  # where publishing puts it when nothing better is known


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("document", "p.", "Documents"),
        Kind("presentation", "slide", "Decks"),
        Kind("spreadsheet", "sheet", "Spreadsheets"),
        Kind("web", "section", "Web Pages"),
        Kind("text", "section", "Documents"),
    )
}
UNKNOWN_KIND = Kind("", "p.", "Documents")


@dataclass(frozen=True)
class FileFormat:
    """A file format as a user knows it: its name, kind and icon."""

    name: str  # what a user calls it: "PDF", "PowerPoint"
    kind: str  # a key of KINDS
    icon: str  # the file name, without .svg, in resources/icons/


_PDF = FileFormat("PDF", "document", "pdf")
_WORD = FileFormat("Word", "document", "docx")
_POWERPOINT = FileFormat("PowerPoint", "presentation", "pptx")
_EXCEL = FileFormat("Excel", "spreadsheet", "xlsx")
_MARKDOWN = FileFormat("Markdown", "text", "markdown")
_TEXT = FileFormat("Text", "text", "text")
_HTML = FileFormat("HTML", "web", "html")

FORMATS: dict[str, FileFormat] = {
    ".pdf": _PDF,
    ".docx": _WORD,
    ".docm": _WORD,
    ".dotx": _WORD,
    ".dotm": _WORD,
    ".pptx": _POWERPOINT,
    ".pptm": _POWERPOINT,
    ".potx": _POWERPOINT,
    ".ppsx": _POWERPOINT,
    ".ppsm": _POWERPOINT,
    ".xlsx": _EXCEL,
    ".xlsm": _EXCEL,
    ".xltx": _EXCEL,
    ".xltm": _EXCEL,
    ".md": _MARKDOWN,
    ".markdown": _MARKDOWN,
    ".txt": _TEXT,
    ".html": _HTML,
    ".htm": _HTML,
}
ICON_OF_OTHER = "other"
# The formats' user-facing names, each once, in the table's order (PDF first).
FORMAT_NAMES: tuple[str, ...] = tuple(dict.fromkeys(f.name for f in FORMATS.values()))


def format_of(name: str) -> FileFormat | None:
    """The format a file name's suffix promises, matched case-insensitively."""
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower()) if dot > 0 else None


def kind_named(name: str) -> Kind:
    """The kind an indexed asset's stored `kind` names (an unknown one reads as a document)."""
    return KINDS.get(name, UNKNOWN_KIND)


def icon_of_format(format_name: str) -> str:
    """The icon of a format by its user-facing name, as an indexed asset stores it."""
    return next((f.icon for f in FORMATS.values() if f.name == format_name), ICON_OF_OTHER)


def suffixes_of(format_name: str) -> tuple[str, ...]:
    """The file suffixes a format's files have: ('.pptx', '.pptm') for PowerPoint."""
    return tuple(suffix for suffix, f in FORMATS.items() if f.name == format_name)
