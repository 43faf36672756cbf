"""The window reps live in: search box, filters and My kit, results, preview, status.

It wires widgets to the workers of `ui.tasks` and to `ui.controllers.actions`; it holds no
search logic of its own. Results update as the rep types (the newest request wins), the index
is brought up to date in the background while search works on the index there is, and a change
in the library folder is picked up while the app runs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import (
    QFileSystemWatcher,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contentfinder.config import Settings
from contentfinder.curation.publish import indexed_assets
from contentfinder.library.opened import Library
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.preferences import load_preferences, save_preferences
from contentfinder.search.service import Searched
from contentfinder.search.session import Hit, SearchRequest
from contentfinder.usage.log import SearchSettler, UsageLog
from ui.controllers.actions import AssetActions
from ui.controllers.background_sync import BackgroundSync, SyncState
from ui.controllers.index_process import IndexProcess, warnings_message
from ui.controllers.search_process import SearchClient
from ui.dialogs.health import HealthDialog
from ui.dialogs.insights import InsightsDialog
from ui.dialogs.library_settings import SettingsDialog
from ui.dialogs.publish import PublishDialog
from ui.icons import app_icon
from ui.panels.facet_panel import FacetPanel
from ui.panels.my_kit import MyKit
from ui.panels.preview import PreviewPane
from ui.search.result_delegate import ResultDelegate
from ui.search.results_model import ResultsModel

RESULTS_LIMIT = 50
SEARCH_DELAY_MS = 0  # keystrokes in one pass of the event loop make one search
SUGGEST_DELAY_MS = 60
PREVIEW_SETTLE_MS = 600  # a result selected this long counts as previewed
WATCH_DELAY_MS = 2000  # after the library folder changes, before re-indexing
RECHECK_MINUTES = 10  # a library on a network share may change without notice
SYNC_MINUTES = 10  # usage goes to the central store this often (and at start)
WATCHED_FOLDERS = 500


class MainWindow(QMainWindow):
    search_requested = Signal(int, object)
    suggest_requested = Signal(int, str)
    similar_requested = Signal(str)
    hits_requested = Signal(str, object)
    warm_up_requested = Signal()
    results_shown = Signal(object)  # Searched, after the view shows it (tests, benchmarks)
    index_finished = Signal(object)

    def __init__(
        self,
        settings: Settings,
        *,
        taxonomy: Taxonomy,
        usage: UsageLog,
        index_on_start: bool = True,
        autocomplete_popup: bool = True,
    ) -> None:
        super().__init__()
        self.settings, self.usage = settings, usage
        # First: the search process starts while the widgets are built.
        self.search_worker = SearchClient(settings)
        self.settler = SearchSettler(usage)
        self.actions = AssetActions(usage, self.settler)
        self.setWindowTitle(f"contentfinder — {settings.library.name if settings.library else ''}")
        self.setWindowIcon(app_icon())
        self.resize(1280, 800)
        self._number = 0
        self._suggestion_number = 0
        self._shown: Searched | None = None
        self._indexing = False
        self._index_again = False
        self._last_indexed: datetime | None = None
        self._asset_count: int | None = None
        self._autocomplete_popup = autocomplete_popup
        self.taxonomy = taxonomy
        self._build(taxonomy)
        self._start_workers()
        self._shortcuts()
        self._watch_library()
        self._start_sync()
        self.refresh_kit()
        self.search_now()
        self.warm_up_requested.emit()  # after the first search, which the rep sees first
        if index_on_start:
            QTimer.singleShot(0, self.start_index)

    # -- building -------------------------------------------------------------------------

    def _build(self, taxonomy: Taxonomy) -> None:
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName("Search the library")
        self.search_box.setPlaceholderText(
            'Search: words, "a phrase", -exclude, persona:cfo …   (Ctrl+K)'
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.completions = QStringListModel()
        self.completer = QCompleter(self.completions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.search_box)
        self.completer.activated.connect(self._completion_taken)
        self.notice = QLabel()
        self.notice.setObjectName("didYouMean")
        self.notice.setAccessibleName("Search notice")
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")

        self.facet_panel = FacetPanel(taxonomy)
        self.facet_panel.filters_changed.connect(lambda _: self.search_now())
        self.kit = MyKit()
        self.kit.chosen.connect(self._show_in_preview)
        self.side = QTabWidget()
        self.side.setObjectName("sideTabs")
        self.side.addTab(self.facet_panel, "Filters")
        self.side.addTab(self.kit, "My kit")
        self.side.setMinimumWidth(230)

        self.model = ResultsModel()
        self.model.dragged.connect(self.actions.dragged)
        self.results_view = QListView()
        self.results_view.setObjectName("resultsView")
        self.results_view.setAccessibleName("Results")
        self.results_view.setModel(self.model)
        self.delegate = ResultDelegate(self.results_view)
        self.delegate.favorite_clicked.connect(
            lambda index: self.toggle_favorite(self.model.hit(index.row()))
        )
        self.results_view.setItemDelegate(self.delegate)
        self.results_view.setUniformItemSizes(True)
        self.results_view.setDragEnabled(True)
        self.results_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.activated.connect(
            lambda index: self.open_hit(self.model.hit(index.row()))
        )
        self.results_view.selectionModel().currentChanged.connect(self._current_changed)
        self.results_view.installEventFilter(self)
        self.empty_state = self._build_empty_state()
        self.results_stack = QStackedWidget()
        self.results_stack.addWidget(self.results_view)
        self.results_stack.addWidget(self.empty_state)

        self.preview = PreviewPane()
        self.preview.open_requested.connect(self.open_hit)
        self.preview.folder_requested.connect(self.actions.show_in_folder)
        self.preview.copy_requested.connect(self.copy_hit)
        self.preview.favorite_requested.connect(self.toggle_favorite)
        self.preview.dragged.connect(lambda hit: self.actions.dragged([hit.id]))
        self.preview.similar_chosen.connect(
            lambda asset_id: self.hits_requested.emit("preview", [asset_id])
        )

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        notices = QHBoxLayout()
        notices.addWidget(self.notice, 1)
        notices.addWidget(self.count_label)
        middle_layout.addLayout(notices)
        middle_layout.addWidget(self.results_stack, 1)
        splitter = QSplitter()
        splitter.addWidget(self.side)
        splitter.addWidget(middle)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 620, 380])
        central = QWidget()
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        self.publish_button = QPushButton("Publish…")
        self.publish_button.setObjectName("publishAction")
        self.publish_button.setAccessibleName("Publish files to the library")
        self.publish_button.clicked.connect(self.open_publish)
        top.addWidget(self.publish_button)
        self.health_button = QPushButton("Library health…")
        self.health_button.setObjectName("healthAction")
        self.health_button.setAccessibleName("Library health")
        self.health_button.clicked.connect(self.open_health)
        top.addWidget(self.health_button)
        self.insights_button = QPushButton("Insights…")
        self.insights_button.setObjectName("insightsButton")
        self.insights_button.setAccessibleName("Insights: what content is used")
        self.insights_button.clicked.connect(self.open_insights)
        top.addWidget(self.insights_button)
        self.settings_button = QPushButton("Settings…")
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setAccessibleName("Settings")
        self.settings_button.clicked.connect(self.open_settings)
        top.addWidget(self.settings_button)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        status = self.statusBar()
        status.setObjectName("statusBar")
        status.setAccessibleName("Status")
        self.status_label = QLabel()
        self.status_label.setObjectName("libraryStatus")
        self.index_progress = QProgressBar()
        self.index_progress.setObjectName("indexProgress")
        self.index_progress.setAccessibleName("Index progress")
        self.index_progress.setMaximumWidth(240)
        self.index_progress.setFormat("indexing %v/%m")
        self.index_progress.hide()
        status.addWidget(self.status_label, 1)
        status.addPermanentWidget(self.index_progress)
        self._show_status()

    def _build_empty_state(self) -> QWidget:
        widget = QWidget()
        widget.setObjectName("emptyState")
        layout = QVBoxLayout(widget)
        layout.addStretch(1)
        self.empty_message = QLabel()
        self.empty_message.setObjectName("emptyMessage")
        self.empty_message.setWordWrap(True)
        self.empty_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.widen_button = QPushButton("Clear the filters")
        self.widen_button.setObjectName("widenFilters")
        self.widen_button.setAccessibleName("Clear the filters and search again")
        self.widen_button.clicked.connect(self.facet_panel.clear)
        self.gap_button = QPushButton("Tell marketing this was missing")
        self.gap_button.setObjectName("reportGap")
        self.gap_button.setAccessibleName("Tell marketing this was missing")
        self.gap_button.clicked.connect(self.report_gap)
        for child in (self.empty_message, self.widen_button, self.gap_button):
            layout.addWidget(child, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return widget

    def _start_workers(self) -> None:
        self.search_requested.connect(self.search_worker.search)
        self.suggest_requested.connect(self.search_worker.suggest)
        self.similar_requested.connect(self.search_worker.similar)
        self.hits_requested.connect(self.search_worker.hits)
        self.warm_up_requested.connect(self.search_worker.warm_up)
        self.search_worker.searched.connect(self._searched)
        self.search_worker.suggested.connect(self._suggested)
        self.search_worker.similar_found.connect(self.preview.set_similar)
        self.search_worker.hits_found.connect(self._hits_found)
        self.search_worker.failed.connect(self._search_failed)
        self.search_worker.asset_count.connect(self._count_known)
        self.indexer = IndexProcess(self.settings)
        self.indexer.progress.connect(self._index_progress)
        self.indexer.finished.connect(self._indexed)
        self.indexer.failed.connect(self._index_failed)
        # The children's own news for the status bar (ui/controllers): a search restarted after
        # a problem, the warnings of an index run that worked.
        self.search_worker.restarted.connect(lambda m: self.statusBar().showMessage(m, 15_000))
        self.indexer.warnings.connect(
            lambda w: self.statusBar().showMessage(warnings_message(w), 20_000)
        )

        self.search_timer = _single_shot(self, SEARCH_DELAY_MS, self.search_now)
        self.suggest_timer = _single_shot(self, SUGGEST_DELAY_MS, self._ask_suggestions)
        self.preview_timer = _single_shot(self, PREVIEW_SETTLE_MS, self._previewed)
        self.settle_timer = QTimer(self)
        self.settle_timer.timeout.connect(self.settler.poll)
        self.settle_timer.start(500)
        self.search_box.textEdited.connect(self._typed)
        self.search_box.textChanged.connect(lambda _: self.search_timer.start())

    def _shortcuts(self) -> None:
        for keys in ("Ctrl+K", "Ctrl+F"):
            QShortcut(QKeySequence(keys), self, self.focus_search)
        QShortcut(QKeySequence("Ctrl+D"), self, lambda: self.toggle_favorite(self.current_hit()))
        QShortcut(QKeySequence("Ctrl+O"), self, lambda: self.open_hit(self.current_hit()))
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, lambda: self.copy_hit(self.current_hit()))

    def _watch_library(self) -> None:
        self.watcher = QFileSystemWatcher(self)
        library = self.settings.library
        if library is not None and library.is_dir():
            folders = [str(library)]
            for path in library.rglob("*"):
                if len(folders) >= WATCHED_FOLDERS:
                    break
                if path.is_dir() and not path.name.startswith("."):
                    folders.append(str(path))
            self.watcher.addPaths(folders)
        self.watch_timer = _single_shot(self, WATCH_DELAY_MS, self.start_index)
        self.watcher.directoryChanged.connect(lambda _: self.watch_timer.start())
        self.watcher.fileChanged.connect(lambda _: self.watch_timer.start())
        self.recheck_timer = QTimer(self)
        self.recheck_timer.timeout.connect(self.start_index)
        self.recheck_timer.start(RECHECK_MINUTES * 60_000)

    # -- searching ------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def request(self) -> SearchRequest:
        return SearchRequest(
            text=self.search_box.text(),
            filters=self.facet_panel.selection(),
            limit=RESULTS_LIMIT,
        )

    def search_now(self) -> None:
        self.search_timer.stop()
        self._number += 1
        self.search_requested.emit(self._number, self.request())

    def _typed(self, text: str) -> None:
        self.suggest_timer.start()

    def _searched(self, searched: Searched) -> None:
        if searched.number != self._number:
            return  # overtaken by a newer request
        results = searched.results
        keep = self.current_hit()
        self.model.set_hits(results.hits, favorites=set(self.usage.favorites()))
        self.facet_panel.set_counts(results.facets)
        self._shown = searched
        self.settler.typed(searched.request.text, dict(results.filters), results.total)
        self.count_label.setText(
            f"{results.total} asset{'s' if results.total != 1 else ''}"
            + (f" · showing {len(results.hits)}" if len(results.hits) < results.total else "")
        )
        self._show_notice(searched)
        if results.hits:
            self.results_stack.setCurrentWidget(self.results_view)
            row = self.model.row_of(keep.id) if keep is not None else None
            self._select(row if row is not None else 0)
        else:
            self._show_empty_state(searched)
            self.preview.clear()
        self.results_shown.emit(searched)

    def _show_notice(self, searched: Searched) -> None:
        results = searched.results
        parts = []
        if results.corrected:
            parts.append(f"Showing results for <b>{escape(results.corrected)}</b>")
        if results.missing:
            words = ", ".join(f"‘{escape(w)}’" for w in results.missing)
            parts.append(f"No asset mentions {words}")
        self.notice.setText(" · ".join(parts))

    def _show_empty_state(self, searched: Searched) -> None:
        request = searched.request
        text = request.text.strip()
        filters = dict(searched.results.filters)
        what = f"‘{escape(text)}’" if text else "these filters"
        message = f"<h3>Nothing matches {what}</h3>"
        if filters:
            message += "<p>Fewer filters may find something.</p>"
        message += "<p>If marketing should make this, tell them — they see every such search.</p>"
        self.empty_message.setText(message)
        self.widen_button.setVisible(bool(self.facet_panel.selection()))
        self.gap_button.setEnabled(bool(text or filters))
        self.gap_button.setText("Tell marketing this was missing")
        self.results_stack.setCurrentWidget(self.empty_state)

    def report_gap(self) -> None:
        if self._shown is None:
            return
        self.actions.report_gap(self._shown.request.text, dict(self._shown.results.filters))
        self.gap_button.setEnabled(False)
        self.gap_button.setText("Thanks — marketing will see this search")

    def _search_failed(self, number: int, message: str) -> None:
        if number != self._number:
            return
        if self._indexing and "no index yet" in message:
            message = (
                "Reading the library for the first time — results appear as soon as it is done."
            )
        self.notice.setText(escape(message))

    def _ask_suggestions(self) -> None:
        text = self.search_box.text()
        if len(text.strip()) < 2:
            self.completer.popup().hide()
            return
        self._suggestion_number += 1
        self.suggest_requested.emit(self._suggestion_number, text)

    def _suggested(self, number: int, typed: str, suggestions: list) -> None:
        if number != self._suggestion_number or typed != self.search_box.text():
            return
        self.completions.setStringList([s.text for s in suggestions])
        if suggestions and self._autocomplete_popup and self.search_box.hasFocus():
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _completion_taken(self, text: str) -> None:
        self.suggest_timer.stop()
        self.search_box.setText(text)
        self.search_now()

    # -- the selected asset -----------------------------------------------------------------

    def current_hit(self) -> Hit | None:
        index = self.results_view.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else self.preview.hit

    def _select(self, row: int) -> None:
        index = self.model.index(row)
        self.results_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.results_view.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row())
        if hit is None:
            return
        if self.preview.hit is None or self.preview.hit.id != hit.id:
            self._show_in_preview(hit)
        else:
            self.preview.hit = hit  # same asset, fresher result (snippet for the new words)

    def _show_in_preview(self, hit: Hit) -> None:
        self.preview.show_hit(hit, favorite=self.usage.is_favorite(hit.id))
        self.preview_timer.start()

    def _previewed(self) -> None:
        """The rep has stayed on one asset: it counts as previewed, and its similar content is
        worth finding (not while every keystroke brings another first result)."""
        if self.preview.hit is not None:
            self.actions.preview(self.preview.hit)
            self.similar_requested.emit(self.preview.hit.id)

    def _hits_found(self, purpose: str, hits: list) -> None:
        if purpose in ("favorites", "recent"):
            self.kit.show_hits(purpose, hits)
        elif purpose == "preview" and hits:
            self._show_in_preview(hits[0])

    def open_hit(self, hit: Hit | None) -> None:
        if hit is None:
            return
        if not self.actions.open(hit):
            self.statusBar().showMessage(f"No application could open {hit.path}", 8000)
        self.refresh_kit()

    def copy_hit(self, hit: Hit | None) -> None:
        if hit is None:
            return
        self.actions.copy(hit)
        self.statusBar().showMessage(f"Copied {Path(hit.path).name}: paste it into an email", 5000)
        self.refresh_kit()

    def toggle_favorite(self, hit: Hit | None) -> None:
        if hit is None:
            return
        on = self.actions.toggle_favorite(hit)
        self.model.set_favorites(set(self.usage.favorites()))
        if self.preview.hit is not None and self.preview.hit.id == hit.id:
            self.preview.set_favorite(on)
        self.refresh_kit()

    def refresh_kit(self) -> None:
        self.hits_requested.emit("favorites", self.usage.favorites())
        self.hits_requested.emit("recent", self.usage.recent(15))

    # -- keys -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: ANN001, N802
        if event.type() == event.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_box and self._search_box_key(event):
                return True
            if watched is self.results_view and self._results_key(event):
                return True
        return super().eventFilter(watched, event)

    def _search_box_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if self.completer.popup().isVisible():
            return False  # the suggestion list has the arrows and Enter
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
            current = self.results_view.currentIndex().row()
            step = 1 if key == Qt.Key.Key_Down else -1
            self._select(max(0, min(self.model.rowCount() - 1, current + step)))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.search_now() if self.search_timer.isActive() else None
            self.open_hit(self.current_hit())
            return True
        if key == Qt.Key.Key_Escape:
            if self.search_box.text():
                self.search_box.clear()
            else:
                self.facet_panel.clear()
            return True
        return False

    def _results_key(self, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_hit(self.current_hit())
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_hit(self.current_hit())
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        return False

    # -- the index --------------------------------------------------------------------------

    def start_index(self) -> None:
        if self._indexing:
            self._index_again = True
            return
        self._indexing = True
        self.index_progress.setRange(0, 0)
        self.index_progress.show()
        self._show_status()
        self.indexer.start()

    def _index_progress(self, done: int, total: int, _asset: str) -> None:
        self.index_progress.setRange(0, max(total, 1))
        self.index_progress.setValue(done)

    def _indexed(self, summary: dict) -> None:
        self._indexing = False
        self.index_progress.hide()
        self._last_indexed = datetime.now()
        changed = summary["added"] + summary["updated"] + summary["removed"]
        if changed or self._shown is None or self._shown.results.total == 0:
            self.search_now()  # the selection is kept by asset id
            self.refresh_kit()
        failed = summary["failed"]
        unreadable = f" · {len(failed)} files could not be read" if failed else ""
        self.statusBar().showMessage(
            f"Index up to date: {summary['added']} added, {summary['updated']} updated, "
            f"{summary['removed']} removed{unreadable}",
            10_000,
        )
        self._show_status()
        self.index_finished.emit(summary)
        if self._index_again:
            self._index_again = False
            self.start_index()

    def _index_failed(self, message: str) -> None:
        self._indexing = False
        self.index_progress.hide()
        self.statusBar().showMessage(f"Could not bring the index up to date: {message}", 15_000)
        self._show_status()

    def _count_known(self, count: int) -> None:
        if count != self._asset_count:
            self._asset_count = count
            self._show_status()

    def _show_status(self) -> None:
        library = self.settings.library
        parts = [f"Library: {library}" if library else "No library"]
        if self._asset_count is not None:
            parts.append(f"{self._asset_count} assets")
        if self._last_indexed is not None:
            parts.append(f"index checked {self._last_indexed:%H:%M}")
        elif self._indexing:
            parts.append("checking the index…")
        sync_status = self._sync_status() if hasattr(self, "sync_state") else ""
        if sync_status:
            parts.append(sync_status)
        self.status_label.setText(" · ".join(parts))
        if hasattr(self, "sync_state") and self.sync_state and self.sync_state.error:
            self.status_label.setToolTip(self.sync_state.error)

    # -- usage sync -------------------------------------------------------------------------

    def _start_sync(self) -> None:
        self.sync_state: SyncState | None = None
        self.background_sync = BackgroundSync(self.settings)
        self.background_sync.changed.connect(self._synced)
        self.sync_timer = QTimer(self)
        self.sync_timer.timeout.connect(self.sync_now)
        self.sync_timer.start(SYNC_MINUTES * 60_000)
        QTimer.singleShot(2000, self.sync_now)

    def sync_now(self) -> None:
        self.settler.settle()  # the search being typed goes too
        self.background_sync.start()

    def _synced(self, state: SyncState) -> None:
        self.sync_state = state
        self._show_status()

    def _sync_status(self) -> str:
        state = self.sync_state
        if state is None:
            return ""
        if not state.target:
            return "usage kept on this computer (no sync target in Settings)"
        if state.error:
            return f"usage sync failed, {state.waiting} events waiting"
        when = f", last sync {state.last_success.astimezone():%H:%M}" if state.last_success else ""
        return f"{state.waiting} events waiting to sync{when}"

    # -- publishing -------------------------------------------------------------------------

    def open_publish(self) -> PublishDialog:
        assets = indexed_assets(Library(self.settings, taxonomy=self.taxonomy))
        dialog = PublishDialog(self.settings, self.taxonomy, assets, self)
        dialog.published.connect(lambda _: self.start_index())
        dialog.show()
        return dialog

    def open_health(self) -> HealthDialog:
        dialog = HealthDialog(self.settings, self)
        dialog.show()
        dialog.refresh()
        return dialog

    # -- insights ---------------------------------------------------------------------------

    def open_insights(self) -> InsightsDialog:
        self.settler.settle()
        dialog = InsightsDialog(self.settings, self)
        dialog.show()
        dialog.refresh()
        return dialog

    # -- settings ---------------------------------------------------------------------------

    def open_settings(self) -> None:
        current = load_preferences(self.settings.home)
        if current.library is None:
            current = replace(current, library=self.settings.library)
        dialog = SettingsDialog(current, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        chosen = dialog.preferences()
        save_preferences(self.settings.home, chosen)
        if chosen.sync_target != current.sync_target:
            self.sync_now()
        if chosen.library is not None and chosen.library.resolve() != self.settings.library:
            self.statusBar().showMessage(
                f"The library {chosen.library} opens the next time contentfinder starts", 15_000
            )

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settler.settle()
        self.sync_timer.stop()
        self.background_sync.wait(10_000)
        for timer in (self.settle_timer, self.recheck_timer):
            timer.stop()
        self.indexer.stop()  # safe at any point: the next run completes the work
        self.search_worker.close()
        super().closeEvent(event)


def _single_shot(parent: QObject, milliseconds: int, slot) -> QTimer:  # noqa: ANN001
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(milliseconds)
    timer.timeout.connect(slot)
    return timer
