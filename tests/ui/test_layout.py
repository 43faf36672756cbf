"""The window's layout and filters as a rep meets them: nothing scrolls sideways or is cut
without "…", every filter value and toolbar button says what it is, the active filters stand
above the results with one-click removal, a format filter, and the expired assets a search
hides are counted and can be shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QPushButton, QTabWidget

from contentfinder.library.taxonomy import load_taxonomy, parse_taxonomy
from tests.conftest import SAMPLE_LIBRARY
from ui.dialogs.health import DETAILS, HealthDialog
from ui.panels.facet_panel import FacetPanel, ValueBox
from ui.search.result_delegate import chip_width, fitted_chips

PRICE_LIST = "Pricing/Price List 2025 H1.xlsx"  # the sample library's expired asset
UNTAGGED = "Guides/Discovery Call Question Bank.docx"  # no persona, stage or pain
LONG_VALUE = "chief revenue officer of the whole western hemisphere"


def shown_ids(window) -> list[str]:  # noqa: ANN001
    return [window.results.model.hit(row).id for row in range(window.results.model.rowCount())]


def click_and_wait(qtbot, window, widget) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        widget.click()


def test_the_filter_pane_never_scrolls_sideways_and_elides_a_long_value(qtbot, tmp_path: Path):
    toml = tmp_path / "taxonomy.toml"
    toml.write_text(
        "[facets.persona]\nvalues = [\n"
        f'  {{ name = "{LONG_VALUE}", synonyms = ["cro", "revenue boss"] }},\n'
        '  { name = "CFO" },\n]\n'
        '[facets.stage]\nvalues = [{ name = "decision" }]\n'
        '[facets.pain]\nvalues = [{ name = "cost" }]\n',
        encoding="utf-8",
    )
    panel = FacetPanel(parse_taxonomy(toml))
    side = QTabWidget()  # as the window holds it, at its narrowest
    side.addTab(panel, "Filters")
    qtbot.addWidget(side)
    side.resize(230, 500)
    side.show()
    qtbot.waitExposed(side)
    panel.set_counts({"persona": {LONG_VALUE: 12, "CFO": 3}})
    qtbot.wait(10)
    viewport = panel.viewport().width()
    assert panel.horizontalScrollBar().maximum() == 0
    assert panel.widget().width() <= viewport
    clear = panel.clear_button.geometry()
    assert clear.left() >= 0 and clear.right() <= viewport  # "Clear filters" whole
    long_box: ValueBox = panel.boxes["persona"][LONG_VALUE]
    assert long_box.text() == f"{LONG_VALUE}  (12)"  # the label, whole
    shown = long_box.shown_text()
    assert shown.endswith("…") and len(shown) < len(long_box.text())
    assert long_box.mapTo(panel.widget(), long_box.rect().topRight()).x() <= viewport
    tip = long_box.toolTip()
    assert tip.startswith(f"{LONG_VALUE} (12 assets)") and "Also: cro, revenue boss" in tip
    assert panel.boxes["persona"]["CFO"].shown_text() == "CFO  (3)"  # short ones whole


def test_every_filter_value_and_toolbar_button_has_a_tooltip(make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    cfo = load_taxonomy(SAMPLE_LIBRARY).facet("persona").resolve("cfo")
    synonyms = next(
        v.synonyms for v in load_taxonomy(SAMPLE_LIBRARY).facet("persona").values if v.name == cfo
    )
    tip = window.findChild(QCheckBox, "facet_persona_CFO").toolTip()
    assert f"Also: {', '.join(synonyms)}" in tip and tip.startswith("CFO (")
    assert all(box.toolTip() for box in window.facet_panel.findChildren(QCheckBox))
    assert window.findChild(QCheckBox, "facet_format_PowerPoint").toolTip() == (
        "PowerPoint (3 assets)\nPowerPoint files: .pptx, .pptm, .potx, .ppsx, .ppsm"
    )
    for name in ("publishAction", "healthAction", "insightsButton", "settingsButton"):
        button = window.findChild(QPushButton, name)
        assert len(button.toolTip()) > len(button.text()), name


def test_chips_stop_with_an_ellipsis_at_the_rows_edge() -> None:
    font = QFont()
    values = ["CFO", "Operations", "decision", "slow reporting", "manual processes"]
    whole = sum(chip_width(v, font) + 6 for v in values)
    assert fitted_chips(values, font, whole) == values
    for width in (60, 120, 200, 260):
        shown = fitted_chips(values, font, width)
        assert shown and shown[-1].endswith("…"), width
        assert sum(chip_width(v, font) + 6 for v in shown) - 6 <= width, width
        assert all(a == b for a, b in zip(shown[:-1], values, strict=False))


def test_an_untagged_result_has_no_empty_chip_line(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    view, ids = window.results.view, shown_ids(window)
    untagged = view.visualRect(window.results.model.index(ids.index(UNTAGGED)))
    tagged = view.visualRect(window.results.model.index(ids.index(ids[0])))
    assert window.results.model.hit(0).tags.get("persona")
    line = view.fontMetrics().lineSpacing()
    assert untagged.height() <= tagged.height() - line


def test_the_active_filters_strip_shows_each_filter_and_removes_it(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    strip = window.active_filters
    assert strip.objectName() == "activeFilters" and strip.isHidden()
    click_and_wait(qtbot, window, window.findChild(QCheckBox, "facet_persona_CFO"))
    assert strip.isVisible() and [c.text() for c in strip.chips] == ["CFO  ✕"]
    assert not strip.clear_all.isVisible()  # one filter: its ✕ is enough
    assert strip.chips[0].toolTip() == "Remove the filter Persona: CFO"
    click_and_wait(qtbot, window, window.findChild(QCheckBox, "facet_format_PDF"))
    assert [c.text() for c in strip.chips] == ["CFO  ✕", "PDF  ✕"]
    assert strip.clear_all.isVisible()
    narrowed = set(shown_ids(window))
    click_and_wait(qtbot, window, strip.chips[0])  # ✕ on the CFO chip searches again
    assert not window.findChild(QCheckBox, "facet_persona_CFO").isChecked()
    assert window.searching.shown.request.filters == {}
    assert set(shown_ids(window)) > narrowed
    assert [c.text() for c in strip.chips] == ["PDF  ✕"]
    click_and_wait(qtbot, window, window.findChild(QCheckBox, "facet_stage_decision"))
    click_and_wait(qtbot, window, strip.clear_all)
    assert strip.isHidden() and window.facet_panel.picked() == []
    assert len(shown_ids(window)) == 33


def test_the_format_filter_narrows_results_and_its_counts_update(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    pdf = window.findChild(QCheckBox, "facet_format_PDF")
    assert window.findChild(QCheckBox, "facet_format_PowerPoint").text() == "PowerPoint  (3)"
    cfo = window.findChild(QCheckBox, "facet_persona_CFO")
    cfo_everything = cfo.text()
    click_and_wait(qtbot, window, pdf)
    hits = [window.results.model.hit(r) for r in range(window.results.model.rowCount())]
    assert hits and all(h.format == "PDF" for h in hits)
    assert pdf.text() == f"PDF  ({len(hits)})"
    assert cfo.text() != cfo_everything  # the facets count within the format picked
    click_and_wait(qtbot, window, cfo)
    # The format counts follow the persona picked, and ignore their own selection.
    cfo_hits = len(shown_ids(window))
    assert pdf.text() == f"PDF  ({cfo_hits})"
    assert window.searching.shown.results.format_counts["Word"] > 0
    assert window.findChild(QCheckBox, "facet_format_Word").isEnabled()


def test_the_count_says_expired_assets_are_hidden_and_show_reveals_them(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    label = window.results.count_label
    assert PRICE_LIST not in shown_ids(window)
    assert "33 assets · 1 expired hidden (" in label.text()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        label.linkActivated.emit("show-expired")  # the "(show)" link
    assert PRICE_LIST in shown_ids(window) and len(shown_ids(window)) == 34
    assert label.text().startswith("34 assets · expired shown (") and "hide expired" in label.text()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        label.linkActivated.emit("hide-expired")
    assert PRICE_LIST not in shown_ids(window) and "1 expired hidden" in label.text()


def test_my_kit_elides_long_titles_and_says_them_in_the_tooltip(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    hit = max((window.results.model.hit(r) for r in range(33)), key=lambda h: len(h.title))
    window.toggle_favorite(hit)
    window.side.setCurrentWidget(window.kit)
    favorites = window.kit.favorites
    qtbot.waitUntil(lambda: favorites.count() == 1 and favorites.item(0).text() == hit.title)
    window.side.setMaximumWidth(240)
    item = favorites.item(0)
    qtbot.waitUntil(lambda: favorites.viewport().width() < 240)
    assert favorites.fontMetrics().horizontalAdvance(hit.title) > favorites.viewport().width()
    # Qt paints a list that cannot scroll sideways at its width, eliding what is too long.
    assert favorites.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert favorites.horizontalScrollBar().maximum() == 0
    assert favorites.textElideMode() == Qt.TextElideMode.ElideRight
    assert item.toolTip().startswith(hit.title)


def test_library_healths_details_wrap_rather_than_being_cut(qtbot, sample_settings):
    dialog = HealthDialog(sample_settings)
    qtbot.addWidget(dialog)
    dialog.resize(640, 400)
    dialog.show()
    dialog.refresh()
    assert dialog.wait(60)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() > 0)
    tree = dialog.tree
    rows = [
        tree.topLevelItem(g).child(c)
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
    ]
    expired = next(item for item in rows if item.text(1) == PRICE_LIST)
    message = expired.text(DETAILS)
    metrics = tree.fontMetrics()
    assert metrics.horizontalAdvance(message) > tree.columnWidth(DETAILS)  # it has to wrap
    rect = tree.visualItemRect(expired)
    assert rect.height() >= 2 * metrics.lineSpacing()
    assert expired.toolTip(DETAILS) == message
    assert tree.columnWidth(0) + tree.columnWidth(1) + tree.columnWidth(DETAILS) <= (
        tree.viewport().width() + 1
    )


def test_results_do_not_scroll_sideways_in_a_small_window(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    window.resize(900, 600)
    view = window.results.view
    qtbot.waitUntil(lambda: view.viewport().width() < 420)  # the preview has given up width
    assert view.horizontalScrollBar().maximum() == 0  # rows elide; none is cut at the edge
