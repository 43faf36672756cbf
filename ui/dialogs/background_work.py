"""What the Publish and Insights dialogs run in the background, as plain functions.

No Qt here: proposals and reports run in killable worker processes (`Op.in_process`), which
import this module; a worker that had to load Qt first would start seconds later.
Publishing's own problems come back as a value (`PublishError`), to be shown beside their
fields, not as a failure.
"""

from __future__ import annotations

from pathlib import Path

from contentfinder.config import Settings
from contentfinder.curation.health import LintReport, lint_library
from contentfinder.curation.proposals import Suggestion, suggest_tags
from contentfinder.curation.publish import (
    Planned,
    PublishError,
    PublishRequest,
    indexed_assets,
    plan,
    publish,
)
from contentfinder.library.opened import Library
from contentfinder.reports.build import build_report
from contentfinder.reports.model import Report
from contentfinder.usage.store import load_events
from contentfinder.usage.targets import SyncError


def propose_tags(settings: Settings, path: Path) -> list[Suggestion]:
    """Tag proposals for a file about to be published, from its text and similar assets."""
    # The app composes the extractors here, in a worker process, as the CLI does.
    from indexer.extract import extract_file

    extracted = extract_file(path)
    segments = getattr(extracted, "segments", None)
    if segments is None:  # a Failure: the rep is told why there are no proposals
        raise ValueError(getattr(extracted, "message", "cannot be read"))
    return suggest_tags(Library(settings), " ".join(s.text for s in segments))


def supersedable_assets(settings: Settings) -> list[str]:
    """Every indexed asset id, for the supersedes picker."""
    return indexed_assets(Library(settings))


def check_lint(settings: Settings) -> LintReport:
    return lint_library(Library(settings))


def check_publish(settings: Settings, request: PublishRequest) -> list[Planned] | PublishError:
    """What publishing would do (every file is hashed), or the problems with the request."""
    try:
        return plan(Library(settings), request)
    except PublishError as exc:
        return exc


def publish_files(settings: Settings, request: PublishRequest) -> list[Planned] | PublishError:
    try:
        return publish(Library(settings), request)
    except PublishError as exc:
        return exc


def compute_report(settings: Settings, kind: str, days: int, source: str | None) -> Report:
    """One usage report; `source` None for this computer's log, else the central store."""
    try:
        loaded = load_events(settings, source)
        return build_report(kind, Library(settings), loaded, days=days)
    except (SyncError, OSError, ValueError):
        raise
    except Exception as exc:  # an index being rebuilt, a store changing: said, not a traceback
        raise RuntimeError(f"could not compute the report ({exc})") from exc
