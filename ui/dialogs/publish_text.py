"""The Publish dialog's words for dates and outcomes: a date in the rep's locale (never
"1 12 2027"), and what a publish did, named ("Published 'Q3 pricing sheet.pdf' to
Pricing/"), for the dialog and the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale

from contentfinder.curation.publish import Planned


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with the year in full ('12/1/2027', '01.12.2027'); with
    no locale set (C), the day, month name and year: 'd MM yyyy' would read '1 12 2027'."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "d MMM yyyy"
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return short if "yyyy" in short else short.replace("yy", "yyyy")


def published_text(planned: list[Planned]) -> str:
    """What was published, where: "Published 'Q3 pricing sheet.pdf' to Pricing/"."""
    copied = [item for item in planned if item.duplicate_of is None]
    kept = [item for item in planned if item.duplicate_of is not None]
    parts = []
    if copied:
        folders = sorted({_folder_of(item.asset_id) for item in copied})
        named = f"'{copied[0].source.name}'" if len(copied) == 1 else f"{len(copied)} files"
        parts.append(f"Published {named} to {', '.join(folders)}")
    if kept:
        named = f"'{kept[0].source.name}'" if len(kept) == 1 else f"{len(kept)} files"
        verb = "is" if len(kept) == 1 else "are"
        also = f"; {named} {verb}" if copied else f"{named} {verb}"
        parts.append(f"{also} already in the library: not copied again")
    return "".join(parts) or "Nothing to publish"


def _folder_of(asset_id: str) -> str:
    folder = Path(asset_id).parent.as_posix()
    return "the library's top folder" if folder == "." else f"{folder}/"
