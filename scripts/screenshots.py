"""Pictures of the app's main states for docs/screenshots/, made offscreen on the sample
library. Run after changing the window, look at them, and commit them:

    .venv/bin/python scripts/screenshots.py [window] [insights] [settings]

(the groups named, or all of them).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from demo_usage import demo_events  # noqa: E402  (scripts/, beside this one)
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QCheckBox  # noqa: E402

from contentfinder.config import Settings  # noqa: E402
from contentfinder.library.opened import Library  # noqa: E402
from contentfinder.preferences import Preferences  # noqa: E402
from contentfinder.usage.identity import Identity  # noqa: E402
from contentfinder.usage.log import UsageLog  # noqa: E402
from indexer.pipeline import update_index  # noqa: E402
from ui.app import build_window  # noqa: E402
from ui.dialogs.library_settings import FirstRunDialog, SettingsDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
LIBRARY = ROOT / "resources" / "sample-library"


def settle(app: QApplication, window, text: str | None = None, seconds: float = 1.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + 20

    def shown_text() -> str | None:
        shown = window.searching.shown
        return None if shown is None else shown.request.text

    while text is not None and shown_text() != text:
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError(text)
    end = time.monotonic() + seconds  # the preview's page render and similar content
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#171717"),
        (QPalette.ColorRole.AlternateBase, "#242424"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#303134"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#3d6fb6"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.Mid, "#5f6368"),
    ):
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return palette


GROUPS = ("window", "insights", "settings")


def record_uses(settings: Settings) -> None:
    """Thirteen weeks of eight reps' searches and what they used from them (the demo data of
    `scripts/demo_usage.py`), in the usage log."""
    with UsageLog(settings.usage_db, identity=Identity("screenshots", "screenshots")) as log:
        log.import_events(demo_events(Library(settings)))


def main(argv: list[str]) -> int:
    groups = set(argv) or set(GROUPS)
    if unknown := groups - set(GROUPS):
        print(f"unknown groups {', '.join(sorted(unknown))}; groups: {', '.join(GROUPS)}")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        settings = Settings(library=LIBRARY, home=home)
        update_index(settings, workers=1)
        window = build_window(settings, index_on_start=False, autocomplete_popup=True)
        window.resize(1400, 860)
        window.show()
        window.activateWindow()
        settle(app, window, "")
        if "window" in groups:
            window_shots(app, window)
        if "insights" in groups:
            record_uses(settings)  # after the window's: other reps' uses are not My kit
            insights_shots(app, window)
        if "settings" in groups:
            dialog = SettingsDialog(
                Preferences(
                    library=LIBRARY,
                    sync_target=str(Path(scratch) / "share"),
                    display_name="Dana Rep",
                    role="marketing",
                    team="EMEA retail",
                ),
                window,
            )
            dialog.show()
            settle(app, window, None, 0.3)
            dialog.grab().save(str(OUT / "settings.png"))
            dialog.close()
        window.close()
        window.usage.close()
        if "window" in groups:
            first = FirstRunDialog()
            first.show()
            settle(app, window, None, 0.3)
            first.grab().save(str(OUT / "first-run.png"))
            first.close()
    shutil.rmtree(ROOT / "docs" / "screenshots" / "__pycache__", ignore_errors=True)
    print(f"saved to {OUT}")
    return 0


def insights_shots(app: QApplication, window) -> None:  # noqa: ANN001
    """Insights at its default size: the coverage heatmap, and a report of many columns."""
    insights = window.dialogs.insights()
    shots = (
        ("coverage", "insights.png"),
        ("top", "insights-top.png"),
        ("summary", "insights-summary.png"),
    )
    for kind, name in shots:
        insights.kind.setCurrentIndex(insights.kind.findData(kind))
        insights.refresh()
        insights.wait()
        settle(app, window, None, 1.0)
        insights.grab().save(str(OUT / name))
    insights.close()


def window_shots(app: QApplication, window) -> None:  # noqa: ANN001
    """The main window's states, each as a rep would see it."""
    window.search_box.setText("cfo roi manufacturing")
    settle(app, window, "cfo roi manufacturing")
    window.results.select(1)  # a PDF, to show its page
    window.results.view.scrollToTop()  # the top result in sight above it
    settle(app, window, None, 2.0)
    window.grab().save(str(OUT / "main.png"))

    # The sizes of a laptop and of a window beside a call: nothing cut, nothing scrolls
    # sideways, the results keep their width before the preview does.
    for width, height, query, row in (
        (1366, 768, "security questionnaire", 0),
        (900, 600, "migration downtime", 0),
    ):
        window.resize(width, height)
        window.search_box.setText(query)
        settle(app, window, query)
        window.results.select(row)
        settle(app, window, None, 2.0)
        window.grab().save(str(OUT / f"window-{width}x{height}.png"))
    window.resize(1400, 860)

    window.search_box.setText("")
    settle(app, window, "")
    window.search_box.setFocus()
    for key in "secur":  # as typed, so the suggestions come up under the box
        QTest.keyClick(window.search_box, key)
    settle(app, window, "secur", 1.5)
    window.grab().save(str(OUT / "suggestions.png"))
    window.search_box.hide_suggestions()

    for query, row, name in (
        ("product demo", 1, "preview-slide.png"),
        ("security questionnaire", 0, "preview-sheet.png"),
    ):
        window.search_box.setText(query)
        settle(app, window, query)
        window.results.select(row)
        settle(app, window, None, 2.5)
        window.grab().save(str(OUT / name))

    window.search_box.setText("soc2 complience")
    settle(app, window, "soc2 complience")
    window.findChild(QCheckBox, "facet_persona_CISO").click()
    settle(app, window, "soc2 complience", 1.5)
    window.grab().save(str(OUT / "filters-and-correction.png"))
    window.facet_panel.clear()

    window.search_box.setText("kubernetes helm")
    settle(app, window, "kubernetes helm")
    window.grab().save(str(OUT / "nothing-found.png"))

    window.search_box.setText("security whitepaper")
    settle(app, window, "security whitepaper")
    window.toggle_favorite(window.current_hit())
    window.side.setCurrentWidget(window.kit)
    settle(app, window, None, 1.5)
    window.grab().save(str(OUT / "my-kit.png"))
    window.side.setCurrentIndex(0)

    health = window.dialogs.health()
    health.wait(30)
    settle(app, window, None, 0.5)
    health.grab().save(str(OUT / "library-health.png"))
    health.close()

    publisher = window.dialogs.publish()
    publisher.add_files([LIBRARY / "Guides" / "ROI Guide - Building the Business Case.pdf"])
    publisher.wait()
    settle(app, window, None, 0.5)
    publisher.fields["persona"].setCurrentText("CSIO")
    publisher.check()
    publisher.wait()
    settle(app, window, None, 0.3)
    publisher.grab().save(str(OUT / "publish.png"))
    publisher.close()

    app.setPalette(dark_palette())
    window.search_box.setText("migration downtime")
    settle(app, window, "migration downtime", 1.5)
    window.grab().save(str(OUT / "dark.png"))
    app.setPalette(QPalette())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
