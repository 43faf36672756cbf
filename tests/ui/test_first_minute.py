"""The first minute of a rep with the window: the top result selected and opened by Enter,
only what the rep did recorded, suggestions that never take the keys, one current item."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.test_main_window import shown_ids, type_and_wait
from ui.main_window import RESULTS_PREFERRED_WIDTH, results_first
from ui.search.selection import PREVIEW_SETTLE_MS

WHITEPAPER = "Security/Security and Compliance Whitepaper.pdf"
PRIVACY_FAQ = "Security/Data Processing and Privacy FAQ.html"
SENTENCE = "gdpr data processing agreement"  # 'gdpr' alone puts the whitepaper on top


def kinds(window) -> list[tuple[str, str | None]]:  # noqa: ANN001
    return [(e.kind, e.asset_id) for e in window.usage.events()]


def type_on(qtbot, window, more: str) -> None:  # noqa: ANN001
    text = window.search_box.text() + more
    qtbot.keyClicks(window.search_box, more)
    qtbot.waitUntil(lambda: window.searching.shown.request.text == text, timeout=10_000)


def dwell(qtbot) -> None:  # noqa: ANN001
    qtbot.wait(PREVIEW_SETTLE_MS + 300)


def test_enter_right_after_typing_opens_the_final_top_result(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(sample_settings)
    window.search_box.setFocus()
    type_and_wait(qtbot, window, "gdpr")
    assert shown_ids(window)[0] == WHITEPAPER
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # the rep looks at the second row
    # The rest of the sentence and Enter at once: the answer to it is not there yet.
    qtbot.keyClicks(window.search_box, SENTENCE[len("gdpr") :])
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened_urls.paths != [], timeout=10_000)
    assert opened_urls.paths == [sample_settings.library / PRIVACY_FAQ]
    assert window.current_hit().id == PRIVACY_FAQ == shown_ids(window)[0]


def test_each_new_answer_selects_its_top_row_and_scrolls_to_it(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    for _ in range(8):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.results.view.currentIndex().row() == 8
    type_on(qtbot, window, " compliance")
    view = window.results.view
    assert view.currentIndex().row() == 0 and view.verticalScrollBar().value() == 0
    assert window.preview.hit.id == shown_ids(window)[0]


def test_a_row_the_rep_moved_to_stays_when_the_same_search_is_answered_again(
    qtbot, make_main_window, sample_settings
):
    """A re-index re-runs the search under the rep: their row is not taken from them."""
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    chosen = window.current_hit().id
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.searching.search_now()
    assert window.current_hit().id == chosen


def test_starting_typing_and_closing_records_no_preview(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    dwell(qtbot)  # the top row of the start page, selected by the app, sits in the preview
    type_and_wait(qtbot, window, "pricing")
    dwell(qtbot)
    assert window.preview.hit is not None
    window.close()
    assert [kind for kind, _ in kinds(window)] == ["search"]


def test_a_result_the_rep_moves_to_and_stays_on_is_a_preview(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    second = window.current_hit().id
    dwell(qtbot)
    assert "preview" not in [kind for kind, _ in kinds(window)]  # recorded once left
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # the rep moves on
    assert ("preview", second) in kinds(window)
    (preview,) = [e for e in window.usage.events() if e.kind == "preview"]
    assert PREVIEW_SETTLE_MS / 1000 <= preview.detail["seconds"] < 5


def test_clicking_the_row_the_app_selected_makes_it_the_reps(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    dwell(qtbot)
    assert "preview" not in [kind for kind, _ in kinds(window)]
    view = window.results.view
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(view.currentIndex()).center(),
    )
    dwell(qtbot)
    window.close()  # what the rep looked at last is recorded on the way out
    assert ("preview", shown_ids(window)[0]) in kinds(window)


# -- suggestions -----------------------------------------------------------------------------


def suggesting_window(qtbot, make_main_window, sample_settings):  # noqa: ANN001, ANN201
    window = make_main_window(sample_settings, autocomplete_popup=True)
    window.activateWindow()
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus, timeout=5_000)
    type_and_wait(qtbot, window, "secur")
    qtbot.waitUntil(window.search_box.suggestions_open, timeout=10_000)
    return window


def test_enter_with_suggestions_open_opens_the_top_result(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = suggesting_window(qtbot, make_main_window, sample_settings)
    top = shown_ids(window)[0]
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.search_box.text() == "secur"
    assert not window.search_box.suggestions_open()
    qtbot.waitUntil(lambda: opened_urls.paths != [], timeout=10_000)
    assert opened_urls.paths == [sample_settings.library / top]


def test_arrows_move_the_results_and_alt_down_goes_into_the_suggestions(
    qtbot, make_main_window, sample_settings
):
    window = suggesting_window(qtbot, make_main_window, sample_settings)
    box = window.search_box
    second = shown_ids(window)[1]
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert window.current_hit().id == second and box.text() == "secur"
    qtbot.keyClick(box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(box, Qt.Key.Key_Down)  # now within the suggestions
    highlighted = box.suggestions.chosen_text()
    assert highlighted == box.suggestion_texts()[1]
    assert window.current_hit().id == second  # the results did not move
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.text() == highlighted and not box.suggestions_open()


def test_the_suggestions_leave_the_result_count_in_view_and_offer_no_syntax(
    qtbot, make_main_window, sample_settings
):
    window = suggesting_window(qtbot, make_main_window, sample_settings)
    box, count = window.search_box, window.results.count_label
    listed = box.suggestions.geometry()
    count_rect = QRect(count.mapTo(window, QPoint(0, 0)), count.size())
    assert not listed.intersects(count_rect)
    assert all(":" not in text and '"' not in text for text in box.suggestion_texts())


def test_one_escape_closes_the_list_the_next_clears_and_ctrl_z_restores(
    qtbot, make_main_window, sample_settings
):
    window = suggesting_window(qtbot, make_main_window, sample_settings)
    box = window.search_box
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.suggestions_open() and box.text() == "secur"
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == "secur"


def test_a_click_on_a_suggestion_takes_it_at_once(qtbot, make_main_window, sample_settings):
    window = suggesting_window(qtbot, make_main_window, sample_settings)
    listed = window.search_box.suggestions
    first = listed.item(0)
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(
            listed.viewport(), Qt.MouseButton.LeftButton, pos=listed.visualItemRect(first).center()
        )
    assert window.search_box.text() == first.data(Qt.ItemDataRole.UserRole)


# -- one current item, keys ----------------------------------------------------------------


def test_choosing_in_my_kit_clears_the_result_selection_and_copy_acts_on_it(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # a favorite
    favorite = window.current_hit().id

    def kit_has_it() -> bool:
        item = window.kit.favorites.item(0)  # the list is refilled as the kit is read
        hit = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return hit is not None and hit.id == favorite

    qtbot.waitUntil(kit_has_it, timeout=10_000)
    type_on(qtbot, window, " questionnaire")
    assert window.current_hit().id != favorite
    kit_list = window.kit.favorites
    window.side.setCurrentWidget(window.kit)
    qtbot.mouseClick(
        kit_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=kit_list.visualItemRect(kit_list.item(0)).center(),
    )
    assert not window.results.view.selectionModel().hasSelection()
    assert window.current_hit().id == favorite == window.preview.hit.id
    qtbot.keyClick(
        window.search_box,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    urls = QGuiApplication.clipboard().mimeData().urls()
    assert [u.toLocalFile() for u in urls] == [str(sample_settings.library / favorite)]
    # Back in the results, the kit entry no longer looks current.
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.results.view.selectionModel().hasSelection()
    assert not kit_list.selectedItems()
    assert window.current_hit().id == window.preview.hit.id == shown_ids(window)[0]


def test_tab_from_the_box_goes_to_the_results_and_shows_a_focus_ring(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    window.activateWindow()
    type_and_wait(qtbot, window, "security")
    view = window.results.view
    unfocused = view.grab().toImage()
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Tab)
    assert view.hasFocus()
    focused = view.grab().toImage()
    assert focused.pixelColor(0, view.height() // 2) != unfocused.pixelColor(0, view.height() // 2)
    for _ in range(3):
        qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Tab)
    assert QGuiApplication.focusObject() is window.preview.copy_button


def test_the_results_keep_their_width_before_the_preview_does():
    assert results_first([230, 300, 500], 300) == [230, RESULTS_PREFERRED_WIDTH, 340]
    assert results_first([230, 250, 320], 300) == [230, 270, 300]  # the preview at its least
    assert results_first([250, 620, 380], 300) == [250, 620, 380]
    # The window grown again: the preview has its width back, the results keep theirs.
    assert results_first([250, 900, 280], 280) == [250, 800, 380]
    assert results_first([250, 500, 280], 280) == [250, 460, 320]


def test_ctrl_c_in_the_box_copies_the_asset_unless_text_is_selected(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "pricing")
    box, clipboard = window.search_box, QGuiApplication.clipboard()
    box.deselect()
    qtbot.keyClick(box, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    top = sample_settings.library / shown_ids(window)[0]
    assert [u.toLocalFile() for u in clipboard.mimeData().urls()] == [str(top)]
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "pricing" and not clipboard.mimeData().hasUrls()


def test_a_click_in_similar_makes_that_asset_the_current_one(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security")
    similar = window.preview.similar
    qtbot.waitUntil(lambda: similar.count() > 0, timeout=10_000)
    item = similar.item(0)
    chosen = item.data(Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(
        similar.viewport(), Qt.MouseButton.LeftButton, pos=similar.visualItemRect(item).center()
    )
    qtbot.waitUntil(lambda: window.preview.hit.id == chosen, timeout=10_000)
    assert not window.results.view.selectionModel().hasSelection()
    assert window.current_hit().id == chosen
    dwell(qtbot)
    window.close()
    assert ("preview", chosen) in kinds(window)  # the rep chose it


def test_in_a_small_window_the_preview_keeps_its_title_whole_and_its_buttons_readable(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    window.resize(900, 600)
    type_and_wait(qtbot, window, "migration downtime")
    preview = window.preview
    qtbot.waitUntil(lambda: preview.width() < 320, timeout=5_000)
    qtbot.wait(100)
    assert preview.title.height() >= preview.title.heightForWidth(preview.title.width())
    assert preview.header.viewport().rect().contains(preview.title.geometry())
    for button in preview._buttons():
        assert button.width() >= button.sizeHint().width()  # 'Show in folder' whole
