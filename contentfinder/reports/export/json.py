"""A report as JSON for scripts: kind, title, period, the header lines (`about`), notes and each
table's columns and rows (dates in ISO form; no NaN, which JSON cannot spell)."""

from __future__ import annotations

import json
from datetime import date

from contentfinder.reports.model import Report


def render(report: Report) -> bytes:
    data = {
        "kind": report.kind,
        "title": report.title,
        "period": report.period,
        "generated_at": report.generated_at.isoformat(),
        "about": [{"label": label, "text": text} for label, text in report.about],
        "notes": list(report.notes),
        "tables": [
            {
                "name": table.name,
                "columns": list(table.columns),
                "rows": [[_json_cell(cell) for cell in row] for row in table.rows],
                "note": table.note,
            }
            for table in report.tables
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _json_cell(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
