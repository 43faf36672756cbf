"""The window reps live in: search box, filters and My kit, results, preview, status.

Only wiring: each part of the window is its own widget or controller (`ui.search`,
`ui.panels`, `ui.controllers`), and this module builds them, lays them out and connects them.
Results update as the rep types, the index is brought up to date in the background while
search works on the index there is, and a change in the library folder is picked up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contentfinder.config import Settings
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.preferences import Preferences, load_preferences
from contentfinder.search.results import Hit
from contentfinder.usage.identity import identity_for
from ui.controllers.actions import AssetActions
from ui.controllers.background_sync import SYNC_MINUTES, BackgroundSync, SyncState
from ui.controllers.call_prep import CallPrep
from ui.controllers.library_index import LibraryIndex
from ui.controllers.published_news import PublishedNews
from ui.controllers.search_process import SearchClient
from ui.dialogs.action_failed import report_failure
from ui.dialogs.launcher import Dialogs
from ui.dialogs.tell_marketing import TellMarketingDialog
from ui.icons import app_icon
from ui.panels.call_kit import CallKit
from ui.panels.deal_picker import DealPicker
from ui.panels.facet_panel import FacetPanel
from ui.panels.my_kit import MyKit
from ui.panels.preview import PreviewPane
from ui.panels.status_bar import StatusBar
from ui.search.active_filters import ActiveFilters
from ui.search.results_area import ResultsArea
from ui.search.search_box import SearchBox
from ui.search.searching import Searching
from ui.search.selection import Selection

if TYPE_CHECKING:
    from contentfinder.usage.log import UsageLog
    from ui.usage_opening import OpeningUsageLog

AFTER_FIRST_ANSWER_MS = 5000
SETTLE_POLL_MS = 500  # how often a search the rep has settled on is looked for


class MainWindow(QMainWindow):
    results_shown = Signal(object)  # Searched, after the view shows it (tests, benchmarks)
    index_finished = Signal(object)

    def __init__(
        self,
        settings: Settings,
        *,
        taxonomy: Taxonomy,
        usage: UsageLog | OpeningUsageLog,
        index_on_start: bool = True,
        autocomplete_popup: bool = True,
        search: SearchClient | None = None,
    ) -> None:
        """`search`: the search child, started before the window's modules were imported
        (`ui.app.build_window`), else started here, first, while the widgets are built."""
        super().__init__()
        self.settings, self.taxonomy, self.usage = settings, taxonomy, usage
        self.search_worker = search if search is not None else SearchClient(settings)
        self.actions = AssetActions(usage, self)
        self.setWindowTitle(f"contentfinder — {settings.library.name if settings.library else ''}")
        self.setWindowIcon(app_icon())
        self.resize(1280, 800)
        self.dialogs = Dialogs(settings, taxonomy, self)
        self._build(taxonomy, autocomplete_popup)
        self.status = StatusBar(self.statusBar(), settings.library)
        self.searching = Searching(
            settings,
            self.search_worker,
            box=self.search_box,
            facets=self.facet_panel,
            results=self.results,
            actions=self.actions,
            parent=self,
        )
        self.selection = Selection(
            self.search_worker,
            results=self.results,
            preview=self.preview,
            kit=self.kit,
            actions=self.actions,
            parent=self,
        )
        self.call_kit.chosen.connect(self.selection.choose_aside)
        self.call_prep = CallPrep(
            settings,
            picker=self.deal_picker,
            kit=self.call_kit,
            facets=self.facet_panel,
            actions=self.actions,
            show_kit=self._show_call_kit,
            parent=self,
        )
        self.call_prep.said.connect(lambda message: self.status.say(message, 10_000))
        # Quitting without closing the window (a logout) loses no preview either.
        if (app := QCoreApplication.instance()) is not None:
            app.aboutToQuit.connect(self.selection.finish_preview)
        self.library_index = LibraryIndex(settings, self)
        self.background_sync = BackgroundSync(settings, self)
        self._open_when_answered = False  # Enter came before the answer to the last keystroke
        self._connect()
        self._shortcuts()
        self._tab_order()
        self.background_sync.start_schedule()
        self.searching.search_now()
        # Listing the library's folders and reading My kit wait until the first answer is on
        # screen (or a few seconds): on pool threads they still slowed the first results.
        self._started_after_first = False
        self.last_sync: SyncState | None = None  # for the words of Tell marketing
        self.searching.results_shown.connect(self._after_first_answer)
        self.search_worker.failed.connect(self._after_first_answer)
        self.search_worker.failed.connect(self._no_open_pending)
        QTimer.singleShot(AFTER_FIRST_ANSWER_MS, self, self._after_first_answer)
        self.search_worker.warm_up()  # after the first search, which the rep sees first
        if index_on_start:
            QTimer.singleShot(0, self.start_index)

    def _build(self, taxonomy: Taxonomy, popup: bool) -> None:
        self.search_box = SearchBox(popup=popup)
        self.facet_panel = FacetPanel(taxonomy)
        self.kit = MyKit()
        self.side = QTabWidget()
        self.side.setObjectName("sideTabs")
        self.side.addTab(self.facet_panel, "Filters")
        self.side.addTab(self.kit, "My kit")
        self.call_kit = CallKit()
        self.side.addTab(self.call_kit, "Call kit")
        self.side.setTabVisible(self.side.indexOf(self.call_kit), False)
        self.deal_picker = DealPicker()
        self.side.setMinimumWidth(230)
        self.results = ResultsArea()
        self.active_filters = ActiveFilters(self.facet_panel)
        self.results.layout().insertWidget(0, self.active_filters)  # above the count and list
        self.preview = PreviewPane()
        self.search_box.keep_clear = self.results.count_label
        self.splitter = splitter = QSplitter()
        for part in (self.side, self.results, self.preview):
            splitter.addWidget(part)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 620, 380])

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        self.dialogs.add_buttons(top)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.deal_picker)  # above the search box; hidden with no deals
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """The preview gives up width before the results (not an event filter on the
        splitter: every event of it would come through Python)."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._share_width)  # once the splitter has laid out

    def _share_width(self) -> None:
        sizes = self.splitter.sizes()
        wanted = results_first(sizes, self.preview.minimumWidth())
        if wanted != sizes:
            self.splitter.setSizes(wanted)

    def _tab_order(self) -> None:
        """Box, results, then what acts on the current asset: Copy is four Tabs away."""
        chain = [
            self.search_box,
            self.results.view,
            self.preview.open_button,
            self.preview.folder_button,
            self.preview.copy_button,
            self.preview.favorite_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        box, results, preview, actions = self.search_box, self.results, self.preview, self.actions
        self.searching.results_shown.connect(self._results_shown)
        box.step.connect(results.step)
        box.submitted.connect(self._submitted)
        box.copy_wanted.connect(self.copy_current)
        box.cleared.connect(
            lambda query: self.status.say(f"Cleared ‘{query}’ — Ctrl+Z brings it back", 6000)
        )
        box.cleared_when_empty.connect(self.facet_panel.clear)
        results.open_requested.connect(self.open_hit)  # with its rank: from the results
        results.copy_requested.connect(self.copy_hit)
        results.favorite_clicked.connect(self.toggle_favorite)
        results.back_to_search.connect(box.focus)
        results.widen_requested.connect(self.facet_panel.clear)
        results.gap_reported.connect(self.tell_marketing)
        results.model.dragged.connect(actions.dragged)
        # The preview shows the current item: a result (with its rank) or My kit's, Similar's.
        preview.open_requested.connect(lambda hit: self.open_hit(hit, self.current_rank()))
        preview.folder_requested.connect(actions.show_in_folder)
        actions.done.connect(self.status.say)
        actions.failed.connect(lambda failure: report_failure(self, failure))
        actions.opened.connect(lambda _hit: self.refresh_kit())  # recorded: recently used
        preview.copy_requested.connect(lambda hit: self.copy_hit(hit, self.current_rank()))
        preview.favorite_requested.connect(self.toggle_favorite)
        preview.dragged.connect(lambda hit: actions.dragged([(hit.id, self.current_rank())]))
        actions.warning.connect(self.status.show_background_message)
        self.search_worker.asset_count.connect(self.status.asset_count)
        self.search_worker.restarted.connect(self.status.show_background_message)
        index = self.library_index
        index.started.connect(self.status.index_started)
        index.indexer.progress.connect(self.status.index_progress)
        index.indexer.warnings.connect(self.status.show_background_messages)
        index.finished.connect(self._indexed)
        index.failed.connect(self.status.index_failed)
        for signal in (index.started, index.finished, index.failed):
            signal.connect(self._index_running_changed)
        self.background_sync.changed.connect(self.status.synced)
        news = PublishedNews(self.status, self)
        self.dialogs.published.connect(news.published)
        self.dialogs.published.connect(self.start_index)
        index.finished.connect(news.indexed)  # after `_indexed`: the run's outcome first
        self.background_sync.changed.connect(self._synced)
        self.dialogs.sync_target_changed.connect(self.sync_now)
        self.dialogs.preferences_saved.connect(self._preferences_saved)
        self.dialogs.insights_opening.connect(actions.settle)
        self.dialogs.message.connect(self.status.show_background_message)
        self.settle_timer = QTimer(self)
        self.settle_timer.timeout.connect(actions.poll)
        self.settle_timer.start(SETTLE_POLL_MS)

    def _shortcuts(self) -> None:
        for keys in ("Ctrl+K", "Ctrl+F"):
            QShortcut(QKeySequence(keys), self, self.search_box.focus)
        QShortcut(QKeySequence("Ctrl+D"), self, lambda: self.toggle_favorite(self.current_hit()))
        QShortcut(QKeySequence("Ctrl+O"), self, self.open_current)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_current)

    # -- what the rep does ----------------------------------------------------------------

    def current_hit(self) -> Hit | None:
        return self.selection.current_hit()

    def current_rank(self) -> int | None:
        """The current item's rank in the results on screen; None: from My kit or Similar."""
        return self.selection.current_rank()

    def open_current(self) -> None:
        self.open_hit(self.current_hit(), self.current_rank())

    def copy_current(self) -> None:
        self.copy_hit(self.current_hit(), self.current_rank())

    def show_background_message(self, message: str) -> None:
        self.status.show_background_message(message)

    def _after_first_answer(self, *_answer: object) -> None:
        if self._started_after_first:
            return
        self._started_after_first = True
        self.library_index.watch()
        self.refresh_kit()
        self.call_prep.load()

    def _show_call_kit(self, shown: bool) -> None:
        """The Call kit tab while a deal is chosen, brought forward when one is chosen."""
        index = self.side.indexOf(self.call_kit)
        self.side.setTabVisible(index, shown)
        if shown:
            self.side.setCurrentIndex(index)
        elif self.side.currentIndex() == index:
            self.side.setCurrentIndex(0)

    def _results_shown(self, searched: object) -> None:
        if not self.results.model.rowCount():
            self.selection.finish_preview()
            self.preview.clear()
        if self._open_when_answered:
            self._open_when_answered = False
            self.open_current()
        self.results_shown.emit(searched)

    def _submitted(self) -> None:
        """Enter in the box opens the top result of what is typed, not of an earlier prefix:
        if that answer is still on its way, the open waits for it."""
        self.searching.flush()
        if self.searching.waiting():
            self._open_when_answered = True
        else:
            self.open_current()

    def _no_open_pending(self, *_failure: object) -> None:
        self._open_when_answered = False

    def open_hit(self, hit: Hit | None, rank: int | None = None) -> None:
        """The status bar, or a message in the window, says how it went (`actions`). `rank`:
        the asset's place in the results it was picked from; None: not from the results."""
        if hit is not None:
            self.actions.open(hit, rank=rank)

    def copy_hit(self, hit: Hit | None, rank: int | None = None) -> None:
        if hit is None:
            return
        self.actions.copy(hit, rank=rank)
        self.refresh_kit()

    def toggle_favorite(self, hit: Hit | None) -> None:
        if hit is not None:
            self.actions.toggle_favorite(hit)
            self.refresh_kit()

    def refresh_kit(self) -> None:
        self.actions.load_kit()

    def tell_marketing(self) -> TellMarketingDialog | None:
        """The note to marketing about the search shown, from the results or nothing found."""
        shown = self.searching.shown
        if shown is None:
            return None
        preferences = load_preferences(self.settings.home)
        query, filters = shown.request.text, dict(shown.results.filters)
        failing = self.last_sync.error if self.last_sync is not None else ""
        dialog = TellMarketingDialog(
            query, filters, preferences, self, sync_minutes=SYNC_MINUTES, sync_error=failing
        )
        dialog.sent.connect(lambda note: self._told_marketing(dialog, note))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _told_marketing(self, dialog: TellMarketingDialog, note: str) -> None:
        if self.searching.report_gap(dialog.query, dialog.filters, note, dialog.confirmation):
            self.status.say(dialog.confirmation, 10_000)
            if load_preferences(self.settings.home).sync_target.strip():
                self.sync_now()  # the next sync is now: marketing need not wait for the timer

    def _preferences_saved(self, preferences: Preferences) -> None:
        """Events from now on carry the rep's new role, team and name (as chosen to share);
        the search typed before counts as it was when it was typed."""
        self.actions.settle()
        try:
            self.usage.identity = identity_for(self.settings.home, preferences)
        except OSError as exc:  # identity.json could not be written: the old one goes on
            self.status.show_background_message(
                f"The new settings count from the next start: {exc.strerror or exc}"
            )

    # -- the index, usage sync ------------------------------------------------------------

    def start_index(self) -> None:
        self.library_index.start()

    def _index_running_changed(self, *_: object) -> None:
        self.searching.indexing = self.library_index.running

    def _indexed(self, summary: dict) -> None:
        self.status.index_finished(summary)
        shown = self.searching.shown
        changed = summary["added"] + summary["updated"] + summary["removed"]
        if changed or shown is None or shown.results.total == 0:
            self.searching.search_now()  # the selection is kept by asset id
            self.refresh_kit()
        self.index_finished.emit(summary)

    def _synced(self, state: SyncState) -> None:
        self.last_sync = state

    def sync_now(self) -> None:
        self.actions.settle()  # the search being typed goes too
        self.background_sync.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Nothing here waits: a sync under way finishes on its own thread, the index run is
        stopped (safe at any point), the search process is told to go. What the rep was
        looking at is recorded, as after any other preview."""
        self.selection.finish_preview()
        self.actions.settle()
        self.settle_timer.stop()
        self.background_sync.stop()
        self.library_index.stop()
        self.search_worker.close()
        super().closeEvent(event)


RESULTS_PREFERRED_WIDTH = 460
PREVIEW_PREFERRED_WIDTH = 380


def results_first(sizes: list[int], preview_minimum: int) -> list[int]:
    """The splitter's widths (filters, results, preview) once the window is resized: width
    moves from the preview to the results while the results are narrower than they like and
    the preview can spare it (in a small window the list of answers matters more than the
    picture of one), and back to the preview, up to its own liking, when the window grows."""
    side, results, preview = sizes
    if results < RESULTS_PREFERRED_WIDTH:
        moved = max(0, min(RESULTS_PREFERRED_WIDTH - results, preview - preview_minimum))
    else:
        moved = -max(0, min(PREVIEW_PREFERRED_WIDTH - preview, results - RESULTS_PREFERRED_WIDTH))
    return [side, results + moved, preview - moved] if moved else list(sizes)
