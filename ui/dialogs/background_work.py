"""What the Publish and Insights dialogs run in the background, as plain functions.

No Qt here: proposals and reports run in killable worker processes (`Op.in_process`), which
import this module; a worker that had to load Qt first would start seconds later.
Publishing's own problems come back as a value (`PublishError`), to be shown beside their
fields, not as a failure.
"""

from __future__ import annotations

from pathlib import Path

from contentfinder.config import Settings
from contentfinder.curation.publish import (
    Planned,
    PublishError,
    PublishRequest,
    Suggestion,
    plan,
    publish,
    suggest_tags,
)
from contentfinder.reports.build import build_report
from contentfinder.reports.model import Report
from contentfinder.usage.store import load_events
from contentfinder.usage.sync import SyncError


def propose_tags(settings: Settings, path: Path) -> list[Suggestion]:
    """Tag proposals for a file about to be published, from its text and similar assets."""
    # The app composes the extractors here, in a worker process, as the CLI does.
    from indexer.extract import extract_file

    extracted = extract_file(path)
    segments = getattr(extracted, "segments", None)
    if segments is None:  # a Failure: the rep is told why there are no proposals
        raise ValueError(getattr(extracted, "message", "cannot be read"))
    return suggest_tags(settings, " ".join(s.text for s in segments))


def check_publish(settings: Settings, request: PublishRequest) -> list[Planned] | PublishError:
    """What publishing would do (every file is hashed), or the problems with the request."""
    try:
        return plan(settings, request)
    except PublishError as exc:
        return exc


def publish_files(settings: Settings, request: PublishRequest) -> list[Planned] | PublishError:
    try:
        return publish(settings, request)
    except PublishError as exc:
        return exc


def compute_report(settings: Settings, kind: str, days: int, source: str | None) -> Report:
    """One usage report; `source` None for this computer's log, else the central store."""
    try:
        loaded = load_events(settings, source)
        return build_report(kind, settings, loaded, days=days)
    except (SyncError, OSError, ValueError):
        raise
    except Exception as exc:  # an index being rebuilt, a store changing: said, not a traceback
        raise RuntimeError(f"could not compute the report ({exc})") from exc
