"""What a rep does with an asset: open it, show it in its folder, copy it as a file (so it
pastes into an email as an attachment), drag it out, mark it a favorite, tell marketing what
was missing. Each is recorded in the usage log before it is carried out, so a crash right
after loses nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from contentfinder.search.session import Hit
from contentfinder.usage.log import SearchSettler, UsageLog


def file_mime_data(paths: Sequence[str]) -> QMimeData:
    """Files as a clipboard or drag payload that mail clients and file managers accept: URLs
    (Windows' file drop, macOS, KDE), GNOME's own copied-files form, and the paths as text."""
    urls = [QUrl.fromLocalFile(str(Path(p))) for p in paths]
    data = QMimeData()
    data.setUrls(urls)
    data.setText("\n".join(str(Path(p)) for p in paths))
    gnome = "copy\n" + "\n".join(u.toString() for u in urls)
    data.setData("x-special/gnome-copied-files", gnome.encode("utf-8"))
    return data


class AssetActions:
    def __init__(self, usage: UsageLog, settler: SearchSettler) -> None:
        self.usage, self.settler = usage, settler

    def open(self, hit: Hit) -> bool:
        self.settler.settle()  # the search that led here counts before the open does
        self.usage.record_open(hit.id)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(hit.path))

    def show_in_folder(self, hit: Hit) -> bool:
        self.settler.settle()
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(hit.path).parent)))

    def preview(self, hit: Hit) -> None:
        self.usage.record_preview(hit.id)

    def copy(self, hit: Hit) -> None:
        self.settler.settle()
        self.usage.record_copy(hit.id)
        QGuiApplication.clipboard().setMimeData(file_mime_data([hit.path]))

    def dragged(self, asset_ids: Sequence[str]) -> None:
        self.settler.settle()
        for asset_id in asset_ids:
            self.usage.record_share(asset_id)

    def toggle_favorite(self, hit: Hit) -> bool:
        """The new state."""
        on = not self.usage.is_favorite(hit.id)
        self.usage.set_favorite(hit.id, on)
        return on

    def report_gap(self, query: str, filters: Mapping[str, Sequence[str]]) -> None:
        self.settler.settle()
        self.usage.record_feedback(query, filters, "nothing found")
