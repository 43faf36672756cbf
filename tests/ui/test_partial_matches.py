"""Partial matches in the results list (issue 11): the notice when the key concept matches no
asset, the divider above the first partial match, what each lacks, and keys that skip the
divider, on the sample library."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette

from tests.ui.test_main_window import type_and_wait
from ui.search.result_delegate import PAD, content_area, star_area
from ui.search.results_model import Role


def divider_point(window) -> QPoint:  # noqa: ANN001
    """A point on the divider, in the viewport: above the first partial row's own content."""
    results = window.results
    index = results.model.index(results.model.first_partial)
    rect = results.view.visualRect(index)
    return QPoint(rect.center().x(), rect.top() + 3)


def test_no_full_match_says_what_is_missing_above_the_partial_matches(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "dental practice software")
    results, model = window.results, window.results.model
    assert "No asset mentions ‘dental’" in results.notice.text()
    assert results.count_label.text().startswith(
        f"{window.searching.shown.results.total} assets · no full match"
    )
    # Every row is partial; the divider is above the first one, said to a screen reader too.
    assert model.first_partial == 0
    assert model.index(0).data(Role.DIVIDER) == "Partial matches — missing: dental"
    assert all(model.index(row).data(Role.DIVIDER) is None for row in range(1, model.rowCount()))
    spoken = model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Partial matches — missing: dental. " + model.hit(0).title)
    # Each row says what else it lacks ('dental' is said once, above); never 'dental' again.
    for row in range(model.rowCount()):
        lacks = model.index(row).data(Role.LACKS)
        assert lacks and "dental" not in lacks
        assert model.index(row).data(Qt.ItemDataRole.AccessibleDescriptionRole) == (
            f"missing: {', '.join(lacks)}"
        )
    # Painted above the row's content, on the window's colour even when the row is selected.
    assert results.current_hit() == model.hit(0)
    rect = results.view.visualRect(model.index(0))
    content = content_area(rect, results.view.font(), model.index(0).data(Role.DIVIDER))
    assert content.top() - rect.top() >= results.view.fontMetrics().lineSpacing()
    picture = results.view.viewport().grab().toImage()
    ratio = picture.devicePixelRatio()
    band = picture.pixelColor(int((rect.left() + 2) * ratio), int((rect.top() + 2) * ratio))
    row = picture.pixelColor(int((rect.left() + 2) * ratio), int((content.top() + 4) * ratio))
    palette = results.view.palette()
    assert band == palette.color(QPalette.ColorRole.Window)
    assert row == palette.color(QPalette.ColorRole.Highlight)


def test_full_matches_come_above_the_divider_and_keys_skip_it(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security roi")
    results, model = window.results, window.results.model
    shown = window.searching.shown.results
    assert shown.full_total >= 1 and shown.full_total < shown.total
    full = shown.full_total
    assert results.count_label.text().startswith(
        f"{shown.total} assets · {full} full match{'es' if full > 1 else ''}"
    )
    assert model.first_partial == full
    assert all(model.hit(row).full for row in range(full))
    assert model.index(full).data(Role.DIVIDER) == "Partial matches — each has some of your words"
    assert all(model.index(row).data(Role.DIVIDER) is None for row in range(full))
    assert model.index(0).data(Role.LACKS) == ()
    lacks = model.index(full).data(Role.LACKS)
    assert lacks in (("roi",), ("security",))
    assert f"missing: {lacks[0]}" in model.index(full).data(Qt.ItemDataRole.ToolTipRole)
    # The divider is no stop: Down from the last full row lands on the first partial one.
    results.view.setFocus()
    results.select(full - 1)
    qtbot.keyClick(results.view, Qt.Key.Key_Down)
    assert results.current_hit() == model.hit(full)
    qtbot.keyClick(results.view, Qt.Key.Key_Up)
    assert results.current_hit() == model.hit(full - 1)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # the search box's arrows too
    assert results.current_hit() == model.hit(full)
    qtbot.keyClick(results.view, Qt.Key.Key_Return)
    assert opened_urls.paths == [sample_settings.library / model.hit(full).id]
    assert window.preview.hit.id == model.hit(full).id


def test_the_divider_cannot_be_clicked_or_opened(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "security roi")
    results = window.results
    results.select(0)
    point = divider_point(window)
    assert results.view.indexAt(point).row() == results.model.first_partial
    qtbot.mouseClick(results.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(results.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert results.view.currentIndex().row() == 0
    assert opened_urls.paths == []
    # Below the divider the row is an ordinary result.
    below = point + QPoint(0, results.view.fontMetrics().lineSpacing() * 3)
    qtbot.mouseClick(results.view.viewport(), Qt.MouseButton.LeftButton, pos=below)
    assert results.view.currentIndex().row() == results.model.first_partial


def test_browsing_and_full_matches_have_no_divider(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    model = window.results.model
    assert model.first_partial is None  # browsing: everything listed is a full match
    assert window.results.count_label.text() == (
        "33 assets · 1 expired hidden (<a href='show-expired'>show</a>)"
    )
    type_and_wait(qtbot, window, "security")  # one word: every match has it
    assert model.first_partial is None
    assert all(model.index(r).data(Role.DIVIDER) is None for r in range(model.rowCount()))
    assert "full match" not in window.results.count_label.text()


def test_a_narrow_list_fits_its_rows_without_scrolling_sideways(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    window.resize(960, 800)
    type_and_wait(qtbot, window, "security roi")
    view = window.results.view
    qtbot.waitUntil(lambda: view.viewport().width() < 480)
    assert view.horizontalScrollBar().maximum() == 0
    # Nothing (a tag chip, a title) is painted into a row's right margin, below its star.
    picture = view.viewport().grab().toImage()
    ratio = picture.devicePixelRatio()
    for row in range(window.results.model.rowCount()):
        index = window.results.model.index(row)
        rect = content_area(view.visualRect(index), view.font(), index.data(Role.DIVIDER))
        if rect.bottom() > view.viewport().height() or row == view.currentIndex().row():
            continue
        top = star_area(rect).bottom() + 1
        strip = {
            picture.pixelColor(int(x * ratio), int(y * ratio)).name()
            for x in range(rect.right() - PAD + 2, rect.right())
            for y in range(top, rect.bottom())
        }
        assert len(strip) == 1, (row, strip)
