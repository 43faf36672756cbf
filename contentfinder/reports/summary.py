"""The "summary" report: the KPI header a marketing lead reads first (being written)."""

from __future__ import annotations

from contentfinder.reports.inputs import ReportInput, Section
from contentfinder.reports.model import Table


def build(data: ReportInput) -> Section:
    reps = len({e.user_id for e in data.events})
    table = Table(name="Summary", columns=("Measure", "This period"), rows=(("Active reps", reps),))
    return Section("Summary", [table])
