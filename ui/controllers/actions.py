"""What a rep does with an asset: open it, show it in its folder, copy it as a file (so it
pastes into an email as an attachment), drag it out, mark it a favorite, tell marketing what
was missing. Open and Show in folder hand the file to the desktop on a pool thread (a viewer
that is slow to start never holds up the window) and say how it went: `done` for the status
bar, `failed` with the reason for the window; an open is recorded only once the viewer was
started. The rest are recorded before they are carried out, so a crash right after loses
nothing. A log that cannot be written never stops an action: it is a warning for the status
bar, as the command line prints one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QGuiApplication

from contentfinder.desktop import viewer
from contentfinder.search.results import Hit, SearchResults
from contentfinder.usage.log_error import UsageLogError
from contentfinder.usage.outcomes import SearchLink, search_outcome
from contentfinder.usage.settler import SearchSettler
from ui.tasks import Op

if TYPE_CHECKING:
    from contentfinder.usage.log import UsageLog

RECENT_IN_KIT = 15
Ranked = tuple[str, int | None]  # an asset id, and its rank in the results (None: not from them)


@dataclass(frozen=True)
class ActionFailure:
    """An asset the desktop would not take: what was tried, on which file, and why."""

    headline: str  # "Could not open 'Pricing sheet.pdf'"
    path: str
    reason: str


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


class AssetActions(QObject):
    warning = Signal(str)  # a usage event that could not be recorded
    favorites_changed = Signal(object)  # set of asset ids
    kit_loaded = Signal(object, object)  # favorite ids, recently used ids
    done = Signal(str)  # what an action did, for the status bar
    failed = Signal(object)  # ActionFailure: for the window, with the reason
    opened = Signal(object)  # Hit, recorded as opened

    def __init__(self, usage: UsageLog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.usage = usage
        self.settler = SearchSettler(usage)
        # Known here, so that a result set or a preview never waits for the database.
        self.favorites: set[str] = set()
        # The deal the rep is preparing for (the Preparing for picker): every use carries it.
        self.deal_id: str | None = None

    # -- recording ---------------------------------------------------------------------------

    def _record(self, what: str, record: Callable[[], object]) -> bool:
        try:
            record()
        except UsageLogError as exc:
            self.warning.emit(f"Could not record the {what} in the usage log: {exc}")
            return False
        return True

    def settle(self) -> None:
        """The search being typed counts now (before what it led to)."""
        self._record("search", self.settler.settle)

    def typed(self, results: SearchResults) -> None:
        """The results of the search being typed: recorded once the rep settles on it."""
        outcome = search_outcome(results)
        self._record(
            "search",
            lambda: self.settler.typed(results.query, results.filters, results.total, outcome),
        )

    def poll(self) -> None:
        self._record("search", self.settler.poll)

    # -- acting --------------------------------------------------------------------------------

    def search_link(self, rank: int | None) -> SearchLink | None:
        """The search an asset at `rank` in the results on screen came from (recorded now if
        it was still pending); None for an asset not picked from the results (`rank` None),
        while nothing is searched for, or when the search could not be recorded."""
        if rank is None:
            return None
        found: list[SearchLink] = []

        def settled() -> None:
            event = self.settler.settled_search()
            if event is not None:
                found.append(SearchLink(event.event_id, rank))

        self._record("search", settled)
        return found[0] if found else None

    def open(self, hit: Hit, *, rank: int | None = None) -> None:
        """Starts the rep's viewer (or $CONTENTFINDER_OPENER) on the asset; recorded as an
        open once the viewer was started, never when it could not be. Linked to the search
        on screen now, not to whatever is on screen once the viewer has started."""
        self.settle()
        link = self.search_link(rank)
        name = Path(hit.path).name
        self._hand_to_desktop(
            viewer.open_in_viewer,
            hit,
            purpose="open",
            done=f"Opened '{name}'",
            failed=f"Could not open '{name}'",
            then=lambda opened, deal=self.deal_id: self._opened(opened, link, deal),
        )

    def show_in_folder(self, hit: Hit) -> None:
        """Shows the asset's folder with the file selected where the desktop allows it."""
        self.settle()
        name = Path(hit.path).name
        self._hand_to_desktop(
            viewer.show_in_folder,
            hit,
            purpose="show in folder",
            done=f"Showed '{name}' in its folder",
            failed=f"Could not show '{name}' in its folder",
        )

    def _hand_to_desktop(
        self,
        launch: Callable[[Path, str], str | None],
        hit: Hit,
        *,
        purpose: str,
        done: str,
        failed: str,
        then: Callable[[Hit], None] | None = None,
    ) -> None:
        def finished(problem: str | None) -> None:
            if problem:
                self.failed.emit(ActionFailure(failed, hit.path, problem))
                return
            self.done.emit(done)
            if then is not None:
                then(hit)

        # Read per action, as the command line reads it per run.
        command = viewer.opener_command()
        # The same file asked for twice at once is one answer; different files each get theirs.
        Op(launch, Path(hit.path), command).purpose(f"{purpose} {hit.path}").success(
            finished
        ).failure(finished).run(self)

    def _opened(self, hit: Hit, link: SearchLink | None, deal_id: str | None) -> None:
        self._record(
            "open", lambda: self.usage.record_open(hit.id, came_from=link, deal_id=deal_id)
        )
        self.opened.emit(hit)

    def preview(
        self,
        hit: Hit,
        *,
        seconds: float,
        came_from: SearchLink | None = None,
        deal_id: str | None = None,
    ) -> None:
        """The rep looked at the asset for `seconds`; `came_from` (and `deal_id`) were taken
        when the preview began to count (`search_link`), as the rep may have typed on since."""
        self._record(
            "preview",
            lambda: self.usage.record_preview(
                hit.id, seconds=seconds, came_from=came_from, deal_id=deal_id
            ),
        )

    def copy(self, hit: Hit, *, rank: int | None = None) -> None:
        """Copied, and said so, unless the usage log could not record it: that warning stays
        in view instead, it says more."""
        self.settle()
        link = self.search_link(rank)
        recorded = self._record(
            "copy", lambda: self.usage.record_copy(hit.id, came_from=link, deal_id=self.deal_id)
        )
        QGuiApplication.clipboard().setMimeData(file_mime_data([hit.path]))
        if recorded:
            name = Path(hit.path).name
            self.done.emit(f"Copied the file '{name}' — paste it into an email or a chat")

    def dragged(self, assets: Sequence[Ranked]) -> None:
        """Assets dragged out together, each with its own rank (None: not from the results)."""
        self.settle()
        for asset_id, rank in assets:
            link = self.search_link(rank)
            self._record(
                "share",
                lambda a=asset_id, k=link: self.usage.record_share(
                    a, came_from=k, deal_id=self.deal_id
                ),
            )

    def toggle_favorite(self, hit: Hit) -> bool:
        """The new state (shown even when the log could not record it)."""
        on = hit.id not in self.favorites
        recorded = self._record("favorite", lambda: self.usage.set_favorite(hit.id, on))
        (self.favorites.add if on else self.favorites.discard)(hit.id)
        self.favorites_changed.emit(set(self.favorites))
        if recorded:
            self.done.emit(f"{'Added to' if on else 'Removed from'} My kit: {hit.title}")
        return on

    def report_gap(self, query: str, filters: Mapping[str, Sequence[str]], note: str = "") -> bool:
        """The rep told marketing this search did not find what they needed; `note` is
        what they were looking for, in their words. Whether it was recorded."""
        self.settle()
        return self._record(
            "note to marketing", lambda: self.usage.record_feedback(query, filters, note)
        )

    # -- reading, off the GUI thread ------------------------------------------------------

    def load_kit(self) -> None:
        """Favorites and recently used assets, read on a pool thread (a busy database is
        waited for there, not in the window); `kit_loaded` brings them."""
        Op(read_kit, self.usage).success(self._kit_read).failure(self.warning.emit).run(self)

    def _kit_read(self, kit: tuple[list[str], list[str]]) -> None:
        favorites, recent = kit
        if set(favorites) != self.favorites:
            self.favorites = set(favorites)
            self.favorites_changed.emit(set(self.favorites))
        self.kit_loaded.emit(favorites, recent)


def read_kit(usage: UsageLog) -> tuple[list[str], list[str]]:
    return usage.favorites(), usage.recent(RECENT_IN_KIT)
