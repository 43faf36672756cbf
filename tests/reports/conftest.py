"""Real indexed libraries for the reports' tests: one for unused, top and coverage, with
owners, expiry dates and enough assets about ROI that one of them falls below the first page;
the eight reps' library of `eight_reps.py` for the rules, gaps and the summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import pytest

from contentfinder.config import Settings
from contentfinder.library.opened import Library
from contentfinder.reports.build import build_report
from contentfinder.reports.model import Report
from contentfinder.usage.events import UsageEvent
from contentfinder.usage.store import load_events
from indexer.pipeline import update_index
from tests.factories import write_text
from tests.reports.eight_reps import indexed_library
from tests.usage_events import NOW, put

TODAY: date = NOW.date()
ROI_GUIDES = 11  # more assets with 'ROI' in the title than a first page holds


@pytest.fixture
def report_library(make_library, settings_for) -> Settings:  # noqa: ANN001
    files: dict[str, Callable] = {
        "roi.txt": lambda p: write_text(p, "ROI calculator for manufacturing plants."),
        "security.txt": lambda p: write_text(p, "SOC 2 and encryption answers for CISOs."),
        "forgotten.txt": lambda p: write_text(p, "Quarterly zebra migration almanac."),
        "soc-checklist.txt": lambda p: write_text(p, "Checklist for a SOC 2 audit."),
        "plant-story.txt": lambda p: write_text(
            p, "A plant manager's story. " + "Throughput and uptime. " * 40 + "Some roi."
        ),
        "retail.txt": lambda p: write_text(p, "Store openings for retail chains."),
    }
    for n in range(ROI_GUIDES):
        files[f"roi-guide-{n}.txt"] = lambda p: write_text(p, "ROI guide: ROI, ROI and ROI.")
    catalog = [
        "path,title,owner,expires,persona,stage,pain,industry",
        "roi.txt,ROI calculator,Ana,,CFO,decision,cost reduction,manufacturing",
        "security.txt,Security answers,Ben,2027-06-30,CISO,consideration,security compliance,",
        "forgotten.txt,Zebra almanac,,,CFO,awareness,,",
        "soc-checklist.txt,SOC 2 audit checklist,Ben,,CFO,awareness,,",
        "plant-story.txt,Plant story,Ana,,CFO;VP Sales,decision,,manufacturing",
        "retail.txt,Retail openings,Ana,2020-01-01,VP Sales,awareness,,retail",
        *(f"roi-guide-{n}.txt,ROI guide {n},Ana,,CFO,decision,,," for n in range(ROI_GUIDES)),
    ]
    library = make_library(files, catalog="\n".join(catalog) + "\n")
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


@pytest.fixture
def report_of(report_library: Settings) -> Callable[..., Report]:
    """The `kind` report over the events given, put in the library's real usage log."""

    def build(kind: str, events: Iterable[UsageEvent] = (), *, days: int = 30) -> Report:
        put(report_library.usage_db, events)
        loaded = load_events(report_library, None)
        return build_report(kind, Library(report_library), loaded, days=days, today=TODAY)

    return build


@pytest.fixture
def settings(make_library, settings_for) -> Settings:  # noqa: ANN001
    """The eight reps' library (`tests/reports/eight_reps.py`), indexed; test_reports.py has
    a smaller library of its own under the same name."""
    return indexed_library(make_library, settings_for)
