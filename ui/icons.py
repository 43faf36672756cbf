"""Icons from `resources/icons/` (SVG, so they are sharp at any screen scale), shipped as
package data (`contentfinder.resources`)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from contentfinder.library.formats import icon_of_format
from contentfinder.resources import resource_path


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons") / f"{name}.svg"))


def format_icon(format_name: str) -> QIcon:
    return icon(icon_of_format(format_name))


def app_icon() -> QIcon:
    return icon("contentfinder")
