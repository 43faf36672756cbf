"""The middle of the window: the notice above the results ("Showing results for …", "No asset
mentions ‘dental’"), the count (how many are full matches), the results list with its keys, and
what a search that found nothing offers instead (clear the filters, tell marketing)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from contentfinder.search.results import Hit, Searched, SearchResults
from ui.search.result_delegate import ResultDelegate
from ui.search.results_model import ResultsModel

GAP_ASK = "Tell marketing this was missing…"
TELL_MARKETING = "Tell marketing…"
SHOW_EXPIRED, HIDE_EXPIRED = "show-expired", "hide-expired"  # the count's links


class ResultsArea(QWidget):
    current_changed = Signal(object, bool)  # Hit now current; whether the rep moved there
    open_requested = Signal(object, int)  # Hit, its rank (1-based row) in the results
    copy_requested = Signal(object, int)  # Hit, its rank
    query_changed = Signal()  # the rep typed or changed a filter: what was shown is left
    favorite_clicked = Signal(object)  # Hit
    back_to_search = Signal()  # Escape in the list
    widen_requested = Signal()
    gap_reported = Signal()
    expired_wanted = Signal(bool)  # the count's "show" (True) or "hide expired" (False) link

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = QLabel()
        self.notice.setObjectName("didYouMean")
        self.notice.setAccessibleName("Search notice")
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.count_label.setTextFormat(Qt.TextFormat.RichText)
        self.count_label.linkActivated.connect(
            lambda link: self.expired_wanted.emit(link == SHOW_EXPIRED)
        )
        self.model = ResultsModel()
        self._divider_pressed = False
        # Whether the rep has moved the selection since the last keystroke: a new result set
        # then keeps their row; otherwise the top result is selected (and Enter opens it).
        self.rep_moved = False
        self._selecting = False  # the app, not the rep, is changing the current row
        self.view = self._build_view()
        self.empty_state = self._build_empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        notices = QHBoxLayout()
        notices.setSpacing(16)  # "No asset mentions ‘dental’" and the count are two things
        notices.addWidget(self.notice, 1)
        notices.addWidget(self.count_label)
        self.tell_button = QPushButton(TELL_MARKETING)  # from any result list, not only none
        self.tell_button.setObjectName("tellMarketingLink")
        self.tell_button.setAccessibleName("Tell marketing what you were looking for")
        self.tell_button.setFlat(True)
        self.tell_button.clicked.connect(self.gap_reported)
        self.tell_button.hide()  # until there is a result list to tell about
        notices.addWidget(self.tell_button)
        layout.addLayout(notices)
        layout.addWidget(self.stack, 1)

    def _build_view(self) -> QListView:
        view = QListView()
        view.setObjectName("resultsView")
        view.setAccessibleName("Results")
        view.setModel(self.model)
        self.delegate = ResultDelegate(view)
        self.delegate.favorite_clicked.connect(
            lambda index: self._emit_hit(self.favorite_clicked, index.row())
        )
        view.setItemDelegate(self.delegate)
        # Not uniform: the first partial match carries the divider, partial ones a "missing" line.
        view.setUniformItemSizes(False)
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Which widget has the keys must show: Enter and Ctrl+C act on this list's row.
        view.setStyleSheet("QListView#resultsView:focus { border: 2px solid palette(highlight); }")
        view.activated.connect(lambda index: self._emit_ranked(self.open_requested, index.row()))
        view.selectionModel().currentChanged.connect(self._current_changed)
        view.clicked.connect(self._clicked)  # also the row the app had selected: now the rep's
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)  # clicks on the divider
        return view

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
        self.widen_button.clicked.connect(self.widen_requested)
        self.gap_button = QPushButton(GAP_ASK)
        self.gap_button.setObjectName("reportGap")
        self.gap_button.setAccessibleName(GAP_ASK)
        self.gap_button.clicked.connect(self.gap_reported)
        for child in (self.empty_message, self.widen_button, self.gap_button):
            layout.addWidget(child, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return widget

    # -- showing ---------------------------------------------------------------------------

    def show_results(self, searched: Searched, *, favorites: set[str], filtered: bool) -> None:
        """The results of a search, the top one selected and in view; a row the rep moved to
        since the last keystroke stays selected (a re-index re-runs the search under them),
        and so does no row when the rep's current item is in My kit or Similar."""
        results = searched.results
        keep = self.current_hit() if self.rep_moved else None
        outside = self.rep_moved and keep is None
        self._selecting = True
        try:
            self.model.set_hits(results.hits, favorites=favorites, missing=results.missing)
        finally:
            self._selecting = False
        self.count_label.setText(
            count_text(results, expired_shown=searched.request.include_expired)
        )
        self._show_notice(searched)
        self.tell_button.setVisible(bool(results.hits))  # nothing found has its own button
        if not results.hits:
            self._show_empty_state(searched, filtered=filtered)
            return
        self.stack.setCurrentWidget(self.view)
        row = self.model.row_of(keep.id) if keep is not None else None
        if row is not None:
            self.select(row, by_rep=None)
        elif not outside:
            self.rep_moved = False
            self.select(0, by_rep=False)
            self.view.scrollToTop()

    def new_query(self) -> None:
        """The rep typed or changed a filter: the next result set selects its top row."""
        self.rep_moved = False
        self.query_changed.emit()

    def clear_current(self) -> None:
        """The rep's current item is elsewhere (My kit, Similar): no result looks current."""
        self.rep_moved = True
        self._selecting = True
        try:
            self.view.selectionModel().clear()
        finally:
            self._selecting = False

    def show_failure(self, message: str) -> None:
        self.notice.setText(escape(message))
        self.tell_button.hide()

    def _show_notice(self, searched: Searched) -> None:
        results = searched.results
        parts = []
        if results.corrected:
            parts.append(f"Showing results for <b>{escape(results.corrected)}</b>")
        if results.missing:
            words = ", ".join(f"‘{escape(w)}’" for w in results.missing)
            parts.append(f"No asset mentions {words}")
        self.notice.setText(" · ".join(parts))

    def _show_empty_state(self, searched: Searched, *, filtered: bool) -> None:
        text = searched.request.text.strip()
        filters = dict(searched.results.filters)
        what = f"‘{escape(text)}’" if text else "these filters"
        message = f"<h3>Nothing matches {what}</h3>"
        if filters:
            message += "<p>Fewer filters may find something.</p>"
        message += "<p>If marketing should make this, tell them what you were looking for.</p>"
        self.empty_message.setText(message)
        self.widen_button.setVisible(filtered)
        self.gap_button.setEnabled(bool(text or filters))
        self.gap_button.setText(GAP_ASK)
        self.stack.setCurrentWidget(self.empty_state)

    def gap_thanked(self, what_happened: str) -> None:
        self.gap_button.setEnabled(False)
        self.gap_button.setText("Thanks — told marketing")
        self.gap_button.setToolTip(what_happened)

    # -- the current result ----------------------------------------------------------------

    def current_hit(self) -> Hit | None:
        index = self.view.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else None

    def current_rank(self) -> int | None:
        """The current result's place in the list, 1 first; None when no result is current
        (the rep's current item is in My kit or Similar)."""
        index = self.view.currentIndex()
        return index.row() + 1 if index.isValid() and self.model.hit(index.row()) else None

    def select(self, row: int, *, by_rep: bool | None = True) -> None:
        """Makes `row` current; `by_rep` None: the rep's row, kept where a new result set put
        it (neither a new choice of theirs nor the app's)."""
        index = self.model.index(row)
        self._selecting = not by_rep
        try:
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._selecting = False
        if by_rep:
            self.rep_moved = True
        self.view.scrollTo(index)

    def step(self, by: int) -> None:
        if self.model.rowCount():
            current = self.view.currentIndex()
            row = current.row() + by if current.isValid() else 0
            self.select(max(0, min(self.model.rowCount() - 1, row)))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row()) if current.isValid() else None
        if hit is None:
            return
        by_rep = not self._selecting
        if by_rep:
            self.rep_moved = True  # a click or an arrow key in the list
        self.current_changed.emit(hit, by_rep)

    def _clicked(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.rep_moved = True
            self.current_changed.emit(hit, True)

    def _emit_hit(self, signal: Signal, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            signal.emit(hit)

    def _emit_ranked(self, signal: Signal, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            signal.emit(hit, row + 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress and self._key(event):
                return True
        if watched is self.view.viewport() and isinstance(event, QMouseEvent):
            return self._divider_click(event)
        return super().eventFilter(watched, event)

    def _divider_click(self, event: QMouseEvent) -> bool:
        """The divider is painted in the first partial row's rect: a click on it must not
        select, open (a double click, or a single one where the style activates on it) or
        drag that row. Its press is eaten, and the release that ends it; moves and other
        releases pass, so a drag or a press that began elsewhere ends as usual."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease:
            eaten, self._divider_pressed = self._divider_pressed, False
            return eaten
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            point = event.position().toPoint()
            if self.delegate.in_divider(self.view, self.view.indexAt(point), point):
                self._divider_pressed = True
                return True
        return False

    def _key(self, event: QKeyEvent) -> bool:
        hit, rank = self.current_hit(), self.current_rank()
        if event.matches(QKeySequence.StandardKey.Copy):
            if hit is not None and rank is not None:
                self.copy_requested.emit(hit, rank)
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if hit is not None and rank is not None:
                self.open_requested.emit(hit, rank)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.back_to_search.emit()
            return True
        return False


def count_text(results: SearchResults, *, expired_shown: bool = False) -> str:
    """'12 assets'; with partial matches, how many are full: '32 assets · 3 full matches ·
    showing 10', '28 assets · no full match · showing 10'; with expired assets that matched,
    '33 assets · 1 expired hidden (show)', the link showing them, and 'hide expired' when
    they are shown. Rich text: the links are anchors."""
    total, shown, full = results.total, len(results.hits), results.full_total
    parts = [f"{total} asset{'s' if total != 1 else ''}"]
    if full < total:
        parts.append(f"{full or 'no'} full match{'es' if full > 1 else ''}")
    if shown < total:
        parts.append(f"showing {shown}")
    if expired_shown:
        parts.append(f"expired shown (<a href='{HIDE_EXPIRED}'>hide expired</a>)")
    elif results.expired_hidden:
        parts.append(f"{results.expired_hidden} expired hidden (<a href='{SHOW_EXPIRED}'>show</a>)")
    return " · ".join(parts)
