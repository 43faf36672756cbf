"""The main window, driven as a rep drives it: typing, filters, keys, actions, empty state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QListView, QPushButton, QWidget

WHITEPAPER = "Security/Security and Compliance Whitepaper.pdf"


def shown_ids(window) -> list[str]:  # noqa: ANN001
    return [window.results.model.hit(row).id for row in range(window.results.model.rowCount())]


def type_and_wait(qtbot, window, text: str) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClicks(window.search_box, text)
    qtbot.waitUntil(lambda: window.searching.shown.request.text == text, timeout=10_000)


def test_the_spec_widgets_are_there_with_accessible_names(make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    for name, kind in (
        ("searchBox", QLineEdit),
        ("resultsView", QListView),
        ("facetPanel", QWidget),
        ("previewPane", QWidget),
        ("statusBar", QWidget),
        ("indexProgress", QWidget),
        ("facet_persona", QGroupBox),
        ("facet_stage", QGroupBox),
        ("facet_pain", QGroupBox),
        ("facet_product", QGroupBox),  # the sample library's own facet
    ):
        widget = window.findChild(kind, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_typing_filters_the_results(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    assert window.results.model.rowCount() == 33  # browsing: every asset but the expired one
    type_and_wait(qtbot, window, "soc2")
    assert shown_ids(window)[0] == WHITEPAPER
    assert window.results.count_label.text().startswith(
        f"{window.searching.shown.results.total} asset"
    )
    # The first result is selected and previewed.
    assert window.preview.hit.id == WHITEPAPER
    assert window.preview.title.text() == window.results.model.hit(0).title


def test_a_facet_click_changes_results_and_counts(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "case study")
    before = set(shown_ids(window))
    ciso: QCheckBox = window.findChild(QCheckBox, "facet_persona_CISO")
    cfo: QCheckBox = window.findChild(QCheckBox, "facet_persona_CFO")
    cfo_count = cfo.text()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        ciso.click()
    after = set(shown_ids(window))
    assert after and after < before
    assert all("CISO" in window.results.model.hit(r).tags["persona"] for r in range(len(after)))
    # The persona counts ignore the persona selection (a rep can widen), others narrow.
    assert cfo.text() == cfo_count and cfo.isEnabled()
    finance = window.findChild(QCheckBox, "facet_industry_financial services")
    assert finance.text().endswith("(1)")
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        cfo.click()  # CFO or CISO
    assert set(shown_ids(window)) > after
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.facet_panel.clear_button.click()
    assert set(shown_ids(window)) == before


def test_keyboard_only_search_move_open_clear(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(sample_settings)
    window.results.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    type_and_wait(qtbot, window, "security")
    first, second = shown_ids(window)[:2]
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.current_hit().id == second
    qtbot.keyClick(window.search_box, Qt.Key.Key_Up)
    assert window.current_hit().id == first
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert opened_urls.paths == [sample_settings.library / first]
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == "" and window.results.model.rowCount() == 33
    events = [(e.kind, e.asset_id, e.query) for e in window.usage.events()]
    # The settled search counts once, before the open it led to, with what it found.
    assert events[:2] == [("search", None, "security"), ("open", first, None)]
    found = window.usage.events()[0].detail
    assert found["full_result"] is True and found["missing_concepts"] == []
    assert found["shown"][:2] == [first, second] and found["corrected"] is None


def test_copy_puts_the_file_on_the_clipboard_and_records_it(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "whitepaper")
    window.results.view.setFocus()
    qtbot.keyClick(window.results.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    assert [url.toLocalFile() for url in data.urls()] == [str(sample_settings.library / WHITEPAPER)]
    assert bytes(data.data("x-special/gnome-copied-files")).startswith(b"copy\nfile://")
    assert ("copy", WHITEPAPER) in [(e.kind, e.asset_id) for e in window.usage.events()]


def test_dragging_a_result_carries_the_file_and_records_a_share(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "whitepaper")
    data = window.results.model.mimeData([window.results.model.index(0)])
    assert [url.toLocalFile() for url in data.urls()] == [str(sample_settings.library / WHITEPAPER)]
    assert ("share", WHITEPAPER) in [(e.kind, e.asset_id) for e in window.usage.events()]


def test_show_in_folder_and_open_from_the_preview(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "whitepaper")
    window.findChild(QPushButton, "previewShowInFolder").click()
    assert opened_urls.paths == [(sample_settings.library / WHITEPAPER).parent]
    window.findChild(QPushButton, "previewOpen").click()  # one after the other: in this order
    assert opened_urls.paths == [
        (sample_settings.library / WHITEPAPER).parent,
        sample_settings.library / WHITEPAPER,
    ]


def test_favorites_and_recent_make_my_kit(qtbot, make_main_window, sample_settings, opened_urls):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "whitepaper")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.usage.favorites() == [WHITEPAPER]
    assert window.preview.favorite_button.text().startswith("★")
    window.open_hit(window.current_hit())
    kit = window.kit
    qtbot.waitUntil(  # the lists fill in the background: empty until then
        lambda: (
            kit.favorites.count() > 0
            and kit.recent.count() > 0
            and [kit.favorites.item(0).toolTip(), kit.recent.item(0).toolTip()]
            == [f"{kit.favorites.item(0).text()}\n{WHITEPAPER}"] * 2  # title, and where
        ),
        timeout=10_000,
    )
    # A click in My kit shows the asset in the preview.
    kit.favorites.itemClicked.emit(kit.favorites.item(0))
    assert window.preview.hit.id == WHITEPAPER


def test_nothing_found_offers_to_widen_and_to_tell_marketing(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.findChild(QCheckBox, "facet_persona_CISO").click()
    type_and_wait(qtbot, window, "kubernetes helm")
    assert window.results.stack.currentWidget() is window.results.empty_state
    assert "kubernetes helm" in window.results.empty_message.text()
    assert window.results.widen_button.isVisible()
    assert not window.results.tell_button.isVisible()  # the empty state has its own button
    window.results.gap_button.click()
    dialog = window.findChild(QWidget, "tellMarketing")
    assert dialog is not None and dialog.isVisible()
    dialog.note.setPlainText("a helm chart for the on-prem install")
    dialog.send_button.click()
    assert not window.results.gap_button.isEnabled()
    [feedback] = window.usage.events(kinds=["feedback"])
    assert feedback.query == "kubernetes helm"
    assert {k: list(v) for k, v in feedback.filters.items()} == {"persona": ["CISO"]}
    assert feedback.detail == {"message": "a helm chart for the on-prem install"}


def test_a_correction_is_shown_above_the_results(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "complience")
    assert "Showing results for <b>compliance</b>" in window.results.notice.text()
    assert window.results.model.rowCount() > 0


def test_suggestions_come_as_the_rep_types(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    window.search_box.setFocus()
    with qtbot.waitSignal(window.search_worker.suggested, timeout=10_000):
        qtbot.keyClicks(window.search_box, "chief fin")
    # The persona CFO, offered as the words the rep was typing (no persona:CFO syntax).
    taken = "chief financial officer "
    qtbot.waitUntil(lambda: taken in window.search_box.suggestion_texts(), timeout=10_000)
    window.search_box.take_completion(taken)
    qtbot.waitUntil(lambda: window.searching.shown.request.text == taken, timeout=10_000)
    assert window.searching.shown.results.filters == {}
    rows = range(window.results.model.rowCount())
    tagged = [r for r in rows if "CFO" in window.results.model.hit(r).tags.get("persona", ())]
    assert len(tagged) > len(rows) / 2  # the words find the assets tagged CFO
