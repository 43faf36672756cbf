"""What the app's start waits for: the window's process imports neither the search (Whoosh),
nor SQLAlchemy, nor the reports before its first results are on screen; the search child
(started first) has them, and the usage log opens on a thread of its own afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from contentfinder.config import Settings

REPO = Path(__file__).resolve().parents[2]

START = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from contentfinder.config import Settings
app = QApplication([])
from ui.app import build_window
window = build_window(Settings(library=Path(sys.argv[1]), home=Path(sys.argv[2])),
                      index_on_start=False)
built = sorted(m for m in ("whoosh", "sqlalchemy", "contentfinder.reports") if m in sys.modules)
window.show()
shown = {}
def results(searched):
    shown["modules"] = sorted(m for m in ("whoosh", "contentfinder.reports") if m in sys.modules)
    shown["hits"] = searched.results.total
    app.quit()
window.results_shown.connect(results)
app.exec()
events = window.usage.events()  # the log opened on its thread, and records as before
window.close()
window.usage.close()
print(json.dumps({"built": built, "shown": shown, "events": len(events)}))
"""


def test_the_window_imports_no_search_no_sqlalchemy_before_its_first_results(
    sample_settings: Settings,
):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", START, str(sample_settings.library), str(sample_settings.home)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        cwd=REPO,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["built"] == []  # the window built: nothing of the three imported
    assert seen["shown"]["modules"] == [] and seen["shown"]["hits"] > 0
    assert seen["events"] == 0  # the automatic first search is no use of anything
