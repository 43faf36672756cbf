"""The line protocol of the app's index child (`python -m indexer`): one JSON object a line on
its standard output, each with a `type`. The child writes these and the app reads them; both
import the types from here, so neither side guesses the other's format.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class ProgressLine:
    """One more asset done of `total`."""

    done: int
    total: int
    asset: str


@dataclass(frozen=True)
class WarningLine:
    """Something the run did not let stop it, that the library's owner should hear of: a
    catalog row, a rebuild and why, a synonyms file that was skipped."""

    message: str


@dataclass(frozen=True)
class SummaryLine:
    """The run is done; `summary` is the `contentfinder index --json` summary."""

    summary: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ErrorLine:
    """The run could not be done; the message names the file and the cause."""

    message: str


Line = ProgressLine | WarningLine | SummaryLine | ErrorLine

_TYPES: dict[str, type[Line]] = {
    "progress": ProgressLine,
    "warning": WarningLine,
    "summary": SummaryLine,
    "error": ErrorLine,
}
_NAMES = {kind: name for name, kind in _TYPES.items()}


def to_line(message: Line) -> str:
    """The message as one line of JSON, newline included."""
    fields = {"type": _NAMES[type(message)], **asdict(message)}
    return json.dumps(fields, ensure_ascii=False) + "\n"


def parse_line(text: str) -> Line | None:
    """The message a line holds, or None for a line that is not one (a blank line, or output
    some library printed): the reader skips it rather than stopping."""
    try:
        fields = json.loads(text)
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return None
    kind = _TYPES.get(str(fields.pop("type", "")))
    if kind is None:
        return None
    try:
        message = kind(**fields)
    except TypeError:  # missing or unexpected fields
        return None
    if isinstance(message, ProgressLine):
        if not all(isinstance(v, int) for v in (message.done, message.total)):
            return None
    elif isinstance(message, SummaryLine):
        if not isinstance(message.summary, dict):
            return None
    elif not isinstance(message.message, str):
        return None
    return message
