"""Icons from `resources/icons/` (SVG, so they are sharp at any screen scale)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
# Format names of contentfinder.library.formats -> icon file.
_BY_FORMAT = {
    "PDF": "pdf",
    "Word": "docx",
    "PowerPoint": "pptx",
    "Excel": "xlsx",
    "Markdown": "markdown",
    "HTML": "html",
    "Text": "text",
}


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))


def format_icon(kind: str, format_name: str) -> QIcon:
    del kind  # the format says more than the kind; kept for formats without an icon
    return icon(_BY_FORMAT.get(format_name, "other"))


def app_icon() -> QIcon:
    return icon("contentfinder")
