"""Why a rich preview could not be made: one line for the rep, never a traceback."""

from __future__ import annotations

from pathlib import Path


class PreviewError(Exception):
    """A file the preview cannot show; `str()` is what the rep reads after 'No preview: '."""


def reason_of(error: BaseException, path: str) -> str:
    """One line naming why `path` could not be previewed."""
    if isinstance(error, PreviewError):
        return str(error)
    if isinstance(error, FileNotFoundError) or not Path(path).exists():
        return "the file is not there any more (moved, renamed or on a share that is offline)"
    if isinstance(error, PermissionError):
        return "this computer may not read the file (permission denied)"
    if isinstance(error, OSError):
        return f"the file could not be read ({error.strerror or type(error).__name__})"
    detail = " ".join(str(error).replace(path, Path(path).name).split())
    detail = detail if len(detail) <= 120 else detail[:119] + "…"
    return f"the file looks damaged ({detail or type(error).__name__})"


def check_package(path: str) -> None:
    """Refuses an Office file no library should open (encrypted, legacy, zip bomb, truncated),
    with the indexer's own reasons."""
    from indexer.extract.base import ExtractionError, Limits
    from indexer.extract.ooxml import open_package

    try:
        with open_package(Path(path), Limits()):
            pass
    except ExtractionError as exc:
        raise PreviewError(_extraction_reason(exc)) from exc


def _extraction_reason(error: object) -> str:
    reason = getattr(error, "reason", None)
    detail = getattr(error, "detail", "")
    value = getattr(reason, "value", "unreadable")
    return f"{value}: {detail}" if detail else str(value)
