"""Icons from `resources/icons/` (SVG, so they are sharp at any screen scale)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from contentfinder.library.formats import icon_of_format

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))


def format_icon(format_name: str) -> QIcon:
    return icon(icon_of_format(format_name))


def app_icon() -> QIcon:
    return icon("contentfinder")
