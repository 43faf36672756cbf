"""The author alone, for a file whose text is cached from before the readers found authors.

Reading a package's core properties or a PDF's info dictionary costs a fraction of reading its
text, so an index rebuilt after the upgrade takes text from the cache and only this from the
file. Text formats are small and read whole.
"""

from __future__ import annotations

from pathlib import Path

from indexer.extract.base import Extracted, Limits

_OOXML = {
    ".docx",
    ".docm",
    ".dotx",
    ".dotm",
    ".pptx",
    ".pptm",
    ".potx",
    ".ppsx",
    ".ppsm",
    ".xlsx",
    ".xlsm",
    ".xltx",
    ".xltm",
}


def extract_author(path: Path, limits: Limits) -> str:
    """The author `path` names, or "" (also for a file that cannot be read now). Never raises."""
    suffix = path.suffix.lower()
    try:
        if suffix in _OOXML:
            from indexer.extract import ooxml

            with ooxml.open_package(path, limits) as package:
                return ooxml.core_properties(package.zip).author
        if suffix == ".pdf":
            from indexer.extract import pdf

            return pdf.author(path)
        from indexer.extract import extract_file

        result = extract_file(path, limits)
        return result.author if isinstance(result, Extracted) else ""
    except Exception:  # noqa: BLE001 - the text is known; a missing author costs nothing more
        return ""
