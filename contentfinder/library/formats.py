"""Which file formats a library may hold, as data: suffix -> format name and kind.

The kind drives the format facet, the icon and the preview; the indexer has its own table of
readers keyed by the same suffixes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileFormat:
    name: str  # what a user calls it: "PDF", "PowerPoint"
    kind: str  # document | presentation | spreadsheet | web | text


FORMATS: dict[str, FileFormat] = {
    ".pdf": FileFormat("PDF", "document"),
    ".docx": FileFormat("Word", "document"),
    ".docm": FileFormat("Word", "document"),
    ".pptx": FileFormat("PowerPoint", "presentation"),
    ".pptm": FileFormat("PowerPoint", "presentation"),
    ".xlsx": FileFormat("Excel", "spreadsheet"),
    ".xlsm": FileFormat("Excel", "spreadsheet"),
    ".xltx": FileFormat("Excel", "spreadsheet"),
    ".md": FileFormat("Markdown", "text"),
    ".markdown": FileFormat("Markdown", "text"),
    ".txt": FileFormat("Text", "text"),
    ".html": FileFormat("HTML", "web"),
    ".htm": FileFormat("HTML", "web"),
}


def format_of(name: str) -> FileFormat | None:
    """The format a file name's suffix promises, matched case-insensitively."""
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower()) if dot > 0 else None
