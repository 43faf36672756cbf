"""Preparing for a call in the window: the picker over the imported open deals, a deal's
suggested filters as chips the rep can remove, the call kit with reasons, the deal id on the
uses made while it is chosen (and not before or after), remembered for an hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from contentfinder.config import Settings
from contentfinder.deals.chosen import CHOSEN_FILE, remember_deal, remembered_deal
from contentfinder.deals.model import Deal
from contentfinder.deals.store import save_deals
from tests.ui.test_use_links import events_of

HARBOR = Deal(
    "006HS1",
    "Press line expansion",
    account="Harbor Steel",
    stage="Decision",
    amount=84000,
    currency="USD",
    close_date=date(2026, 12, 18),
    industry="Manufacturing",
    contact_title="VP Finance",
)
KESTREL = Deal("006KF2", "AP rollout", account="Kestrel Freight", stage="Awareness")
LOST = Deal("006XX3", "Old pilot", account="Gone Corp", outcome="lost")
HARBOR_STUDY = "Case Studies/Harbor Steel Fabrication - Manufacturing Case Study.pdf"


def with_deals(settings: Settings, *deals: Deal) -> Settings:
    save_deals(settings.usage_db, list(deals or (HARBOR, KESTREL, LOST)))
    return settings


def choose(qtbot, window, deal_id: str) -> None:  # noqa: ANN001
    box = window.deal_picker.box
    index = box.findData(deal_id)
    assert index > 0, f"{deal_id} is not offered"
    box.setCurrentIndex(index)
    box.activated.emit(index)  # what a click on the item or Enter on it does
    qtbot.waitUntil(lambda: window.call_kit.list.count() > 1, timeout=15_000)


def kit_items(window) -> list[tuple[str, str]]:  # noqa: ANN001
    items = [window.call_kit.list.item(i) for i in range(window.call_kit.list.count())]
    return [(item.data(Qt.ItemDataRole.UserRole).id, item.text()) for item in items]


def test_without_deals_the_picker_is_not_there(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    qtbot.wait(300)  # the deals are read after the first results
    assert window.deal_picker.isHidden()
    assert not window.side.isTabVisible(window.side.indexOf(window.call_kit))


def test_choosing_a_deal_suggests_its_filters_and_shows_the_kit_with_reasons(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(with_deals(sample_settings))
    picker = window.deal_picker
    qtbot.waitUntil(lambda: picker.isVisible(), timeout=10_000)
    offered = [picker.box.itemData(i) for i in range(picker.box.count())]
    assert offered == [None, HARBOR.deal_id, KESTREL.deal_id]  # no deal first; not the lost one
    assert picker.findChild(type(picker.box), "dealPickerBox") is picker.box
    choose(qtbot, window, HARBOR.deal_id)
    assert window.facet_panel.selection() == {
        "persona": ("CFO",),
        "stage": ("decision",),
        "industry": ("manufacturing",),
    }
    assert window.side.currentWidget() is window.call_kit
    items = kit_items(window)
    assert items[0][0] == HARBOR_STUDY
    assert "tagged decision, manufacturing, CFO" in items[0][1]
    # Filled beyond the one asset with all three, each saying which tags it has.
    assert len(items) > 3 and all("tagged" in text for _id, text in items)
    assert "Harbor Steel" in window.call_kit.heading.text()
    assert "84,000 USD" in window.call_kit.heading.text()
    # A suggested filter is a chip like any other: one click removes it.
    chip = window.active_filters.findChild(object, "activeFilter_industry_manufacturing")
    chip.click()
    assert "industry" not in window.facet_panel.selection()


def test_uses_while_a_deal_is_chosen_carry_its_id_and_no_deal_clears_it(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(with_deals(sample_settings))
    qtbot.waitUntil(lambda: window.deal_picker.isVisible(), timeout=10_000)
    first = window.current_hit()
    window.preview.copy_button.click()  # before any deal
    choose(qtbot, window, HARBOR.deal_id)
    item = window.call_kit.list.item(0)
    kit_list = window.call_kit.list
    qtbot.mouseClick(
        kit_list.viewport(), Qt.MouseButton.LeftButton, pos=kit_list.visualItemRect(item).center()
    )
    assert window.current_hit().id == HARBOR_STUDY
    window.preview.copy_button.click()
    window.preview.open_button.click()
    qtbot.waitUntil(lambda: len(events_of(window, "open")) == 1, timeout=10_000)
    window.deal_picker.no_deal.click()
    assert "No deal" in window.statusBar().currentMessage()
    assert window.facet_panel.selection() == {}
    assert window.actions.deal_id is None
    window.preview.copy_button.click()
    copies = events_of(window, "copy")
    assert [(c.asset_id, c.deal_id) for c in copies] == [
        (first.id, None),
        (HARBOR_STUDY, HARBOR.deal_id),
        (HARBOR_STUDY, None),
    ]
    assert events_of(window, "open")[0].deal_id == HARBOR.deal_id
    qtbot.waitUntil(lambda: remembered_deal(sample_settings.home) is None, timeout=5_000)


def test_the_choice_is_remembered_for_an_hour(qtbot, make_main_window, sample_settings):
    settings = with_deals(sample_settings)
    remember_deal(settings.home, HARBOR.deal_id)
    window = make_main_window(settings)
    qtbot.waitUntil(lambda: window.call_kit.list.count() > 1, timeout=15_000)
    assert window.deal_picker.current.deal_id == HARBOR.deal_id
    assert window.actions.deal_id == HARBOR.deal_id
    assert not events_of(window, "preview")  # restoring is no use of anything


def test_a_remembered_choice_lapses_after_an_hour_and_a_broken_file_is_no_choice(
    tmp_path: Path,
):
    now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    remember_deal(tmp_path, "006HS1", now=now)
    assert remembered_deal(tmp_path, now=now + timedelta(minutes=59)) == "006HS1"
    assert remembered_deal(tmp_path, now=now + timedelta(minutes=61)) is None
    (tmp_path / CHOSEN_FILE).write_text("{not json", encoding="utf-8")
    assert remembered_deal(tmp_path, now=now) is None


def test_upcoming_calls_from_the_calendar_come_first_and_choose_their_deal(
    qtbot, make_main_window, sample_settings
):
    from contentfinder.deals.calendar import Meeting, save_meetings

    soon = datetime.now(UTC) + timedelta(days=2)
    save_meetings(
        sample_settings.home,
        [
            Meeting("m1", "Harbor Steel - pricing review", soon, ("harborsteel.com",)),
            Meeting("m2", "Dentist", soon, ()),  # about no deal: not offered
            Meeting("m3", "Kestrel", soon - timedelta(days=4), ()),  # past: not offered
        ],
    )
    window = make_main_window(with_deals(sample_settings))
    picker = window.deal_picker
    qtbot.waitUntil(lambda: picker.isVisible(), timeout=10_000)
    texts = [picker.box.itemText(i) for i in range(picker.box.count())]
    assert texts[1].endswith("· Harbor Steel - pricing review (Press line expansion)")
    assert [picker.box.itemData(i) for i in range(picker.box.count())] == [
        None,
        HARBOR.deal_id,  # the call
        HARBOR.deal_id,  # the deal
        KESTREL.deal_id,
    ]
    picker.box.setCurrentIndex(1)
    picker.box.activated.emit(1)
    qtbot.waitUntil(lambda: window.call_kit.list.count() > 1, timeout=15_000)
    assert picker.current.deal_id == HARBOR.deal_id
    assert picker.box.currentIndex() == 2  # the box then reads as the deal


def test_typing_part_of_an_account_and_enter_chooses_that_deal(
    qtbot, make_main_window, sample_settings
):
    from PySide6.QtTest import QTest

    window = make_main_window(with_deals(sample_settings))
    picker = window.deal_picker
    qtbot.waitUntil(lambda: picker.isVisible(), timeout=10_000)
    edit = picker.box.lineEdit()
    edit.setFocus()
    QTest.keyClicks(edit, "kestrel")  # a part of the account, in any case
    popup = picker.box.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5_000)
    assert popup.model().rowCount() == 1  # only Kestrel's deal contains it
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.current is not None, timeout=5_000)
    assert picker.current.deal_id == KESTREL.deal_id
    assert picker.no_deal.isVisible()
    picker.no_deal.click()
    assert picker.current is None


def test_enter_on_a_part_that_names_one_deal_chooses_it(qtbot, make_main_window, sample_settings):
    from PySide6.QtTest import QTest

    window = make_main_window(with_deals(sample_settings))
    picker = window.deal_picker
    qtbot.waitUntil(lambda: picker.isVisible(), timeout=10_000)
    edit = picker.box.lineEdit()
    edit.setFocus()
    QTest.keyClicks(edit, "Harbor")
    QTest.keyClick(edit, Qt.Key.Key_Return)  # no item picked from the list: the one it names
    qtbot.waitUntil(lambda: picker.current is not None, timeout=5_000)
    assert picker.current.deal_id == HARBOR.deal_id
    assert picker.box.currentText().startswith("Harbor Steel — Press line expansion")
