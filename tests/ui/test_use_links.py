"""A use carries the search it came from: an asset opened, copied, dragged or previewed from
the results is linked to the recorded search whose results were on screen, at its rank there;
one used from My kit or Similar is not, even when it is in the results too. A preview is
recorded with how long it was looked at, when the rep leaves it or once it is engaged."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from contentfinder.usage.events import UsageEvent
from contentfinder.usage.outcomes import ENGAGED_PREVIEW_SECONDS
from tests.ui.test_main_window import shown_ids, type_and_wait


def events_of(window, kind: str) -> list[UsageEvent]:  # noqa: ANN001
    return [e for e in window.usage.events() if e.kind == kind]


def search_event(window, query: str) -> UsageEvent:  # noqa: ANN001
    (found,) = [e for e in events_of(window, "search") if e.query == query]
    return found


def link(event: UsageEvent) -> tuple[str | None, int | None]:
    return event.search_event_id, event.rank


def quick(window) -> None:  # noqa: ANN001
    """Short preview thresholds, so that a test need not wait seconds."""
    window.selection.settle_ms = 150
    window.selection.engaged_seconds = 0.8


def click_row(qtbot, view, row: int, *, double: bool = False) -> None:  # noqa: ANN001
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # a view takes a double click on the row its press was on
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def new_search(qtbot, window, text: str) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.search_box.clear()
    type_and_wait(qtbot, window, text)


def test_opens_and_copies_from_the_results_carry_their_search_and_rank_and_my_kit_none(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    second = shown_ids(window)[1]
    view = window.results.view
    click_row(qtbot, view, 1, double=True)  # row 2, opened by a double click
    qtbot.waitUntil(lambda: len(events_of(window, "open")) == 1, timeout=10_000)
    (opened,) = events_of(window, "open")
    assert opened.asset_id == second
    assert link(opened) == (search_event(window, "security").event_id, 2)

    # The same asset, now recently used, opened from My kit: no search led to it, though
    # it is in the results on screen too.
    kit = window.kit.recent
    qtbot.waitUntil(
        lambda: kit.count() > 0 and kit.item(0).toolTip().endswith(second), timeout=10_000
    )
    window.side.setCurrentWidget(window.kit)
    qtbot.mouseClick(
        kit.viewport(), Qt.MouseButton.LeftButton, pos=kit.visualItemRect(kit.item(0)).center()
    )
    assert second in shown_ids(window) and window.current_hit().id == second
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(events_of(window, "open")) == 2, timeout=10_000)
    assert link(events_of(window, "open")[1]) == (None, None)
    window.preview.copy_button.click()  # the preview's Copy of the kit's asset: none either
    assert link(events_of(window, "copy")[0]) == (None, None)

    # A second search, then Ctrl+C in its list: the copy is the second search's.
    new_search(qtbot, window, "pricing")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)  # row 2
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = events_of(window, "copy")[1]
    assert copied.asset_id == shown_ids(window)[1]
    assert link(copied) == (search_event(window, "pricing").event_id, 2)
    urls = QGuiApplication.clipboard().mimeData().urls()
    assert [u.toLocalFile() for u in urls] == [str(sample_settings.library / copied.asset_id)]


def test_enter_in_the_box_opens_the_top_result_linked_at_rank_one(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "whitepaper")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: events_of(window, "open") != [], timeout=10_000)
    assert link(events_of(window, "open")[0]) == (search_event(window, "whitepaper").event_id, 1)


def test_rows_dragged_together_are_shares_each_at_its_own_rank(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    model = window.results.model
    model.mimeData([model.index(2), model.index(0)])
    search = search_event(window, "security").event_id
    shares = [(e.asset_id, *link(e)) for e in events_of(window, "share")]
    assert shares == [
        (shown_ids(window)[0], search, 1),
        (shown_ids(window)[2], search, 3),
    ]


def test_the_browsing_start_page_links_no_search(qtbot, make_main_window, sample_settings):
    """Nothing typed, no filter: no search was made, so a use of a row names none."""
    window = make_main_window(sample_settings)
    window.results.view.setFocus()
    qtbot.keyClick(window.results.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    (copied,) = events_of(window, "copy")
    assert link(copied) == (None, None) and events_of(window, "search") == []


# -- previews and their length ---------------------------------------------------------------


def test_a_preview_is_recorded_when_the_rep_moves_on_with_its_length_and_link(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    quick(window)
    type_and_wait(qtbot, window, "security")
    second = shown_ids(window)[1]
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.wait(400)
    assert events_of(window, "preview") == []  # still looked at
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    (preview,) = events_of(window, "preview")
    assert preview.asset_id == second
    assert 0.4 <= preview.detail["seconds"] < 0.8
    assert link(preview) == (search_event(window, "security").event_id, 2)


def test_a_preview_shorter_than_the_settle_time_is_not_recorded(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    window.selection.settle_ms = 400
    type_and_wait(qtbot, window, "security")
    for _ in range(3):  # on the way to row 4
        qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    window.close()  # right away: not even row 4 stayed long enough
    assert events_of(window, "preview") == []


def test_a_preview_that_stays_is_recorded_once_at_the_engaged_length(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    quick(window)
    type_and_wait(qtbot, window, "security")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: events_of(window, "preview") != [], timeout=5_000)
    (preview,) = events_of(window, "preview")
    assert preview.detail["seconds"] == 0.8  # capped: the rest is not measured
    window.close()
    assert len(events_of(window, "preview")) == 1  # leaving after it does not record again


def test_a_new_query_ends_the_preview_and_links_it_to_the_search_it_came_from(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    quick(window)
    type_and_wait(qtbot, window, "security")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.wait(300)
    qtbot.keyClicks(window.search_box, " questionnaire")
    (preview,) = events_of(window, "preview")  # recorded at the first keystroke
    assert link(preview) == (search_event(window, "security").event_id, 2)
    qtbot.waitUntil(
        lambda: window.searching.shown.request.text == "security questionnaire", timeout=10_000
    )
    qtbot.wait(1000)  # the new top row, selected by the app, stays in view
    window.close()
    assert len(events_of(window, "preview")) == 1  # nothing automatic is a preview


def test_a_preview_of_a_kit_asset_links_no_search(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    quick(window)
    type_and_wait(qtbot, window, "security")
    top = shown_ids(window)[0]
    window.toggle_favorite(window.current_hit())
    favorites = window.kit.favorites
    qtbot.waitUntil(
        lambda: favorites.count() > 0 and favorites.item(0).toolTip().endswith(top),
        timeout=10_000,
    )
    window.side.setCurrentWidget(window.kit)
    qtbot.mouseClick(
        favorites.viewport(),
        Qt.MouseButton.LeftButton,
        pos=favorites.visualItemRect(favorites.item(0)).center(),
    )
    qtbot.waitUntil(lambda: events_of(window, "preview") != [], timeout=5_000)
    (preview,) = events_of(window, "preview")
    assert preview.asset_id == top and link(preview) == (None, None)


def test_at_the_real_thresholds_a_preview_stays_engaged_after_ten_seconds(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    chosen = datetime.now(UTC)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    # By the recorded time, not by a wait: a busy machine may hold the loop past any wait.
    qtbot.waitUntil(lambda: events_of(window, "preview") != [], timeout=20_000)
    (preview,) = events_of(window, "preview")
    stayed = (preview.occurred_at - chosen).total_seconds()
    assert stayed >= ENGAGED_PREVIEW_SECONDS - 0.05, stayed
    assert preview.detail["seconds"] == ENGAGED_PREVIEW_SECONDS
    assert link(preview) == (search_event(window, "security").event_id, 2)
