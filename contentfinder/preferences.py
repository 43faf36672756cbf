"""The rep's preferences (home/preferences.json): the one reader (`load_preferences`, called
once per command or app start, the result handed on) and the one writer.

A missing, unreadable or corrupt preferences file never stops the app: `load_preferences`
returns the defaults (or every setting it could read) and says what was wrong in
`Preferences.problem`, for the app to show once. Saving rewrites the file, which drops the
problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from contentfinder.files import atomic_write_json
from contentfinder.usage.events import ROLES

PREFERENCES_FILE = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    """What a rep set in Settings: the library, where usage syncs to, name, role and team."""

    library: Path | None = None
    sync_target: str = ""  # where `sync` sends usage events: a folder or a database URL
    display_name: str = ""
    share_name: bool = False  # False: usage events carry a pseudonym, never the name
    redact_queries: bool = False  # True: search text is sent hashed, never as typed
    role: str = "rep"  # "marketing": their searches and uses are not counted as reps'
    team: str = ""  # free text ("EMEA retail"): reports break down by it
    # Why the file could not be read as a whole (empty when it could); never saved.
    problem: str = field(default="", compare=False)

    @property
    def name_to_share(self) -> str | None:
        """The name usage events may carry: only when the rep opted in to sharing it."""
        return (self.display_name.strip() or None) if self.share_name else None

    def to_json(self) -> dict[str, object]:
        return {
            "library": str(self.library) if self.library else None,
            "sync_target": self.sync_target,
            "display_name": self.display_name,
            "share_name": self.share_name,
            "redact_queries": self.redact_queries,
            "role": self.role,
            "team": self.team,
        }


def load_preferences(home: Path) -> Preferences:
    """The saved preferences; defaults when there are none. Never raises on a bad file."""
    path = home / PREFERENCES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return Preferences(problem=f"{path}: cannot be read ({_cause(exc)}); using defaults")
    if not isinstance(data, dict):
        return Preferences(problem=f"{path}: not a JSON object; using defaults")
    return _from_json(data, path)


def save_preferences(home: Path, prefs: Preferences) -> None:
    atomic_write_json(home / PREFERENCES_FILE, prefs.to_json())


def _from_json(data: dict[str, object], path: Path) -> Preferences:
    # One bad value costs that setting, not the others; unknown keys are a newer version's.
    bad: list[str] = []

    def text(key: str) -> str:
        value = data.get(key, "")
        if value is None or isinstance(value, str):
            return value or ""
        bad.append(key)
        return ""

    library = text("library")
    sync_target = text("sync_target")
    display_name = text("display_name")
    team = text("team").strip()
    role = text("role") or ROLES[0]
    if role not in ROLES:
        bad.append("role")
        role = ROLES[0]
    flags = {}
    for key in ("share_name", "redact_queries"):
        value = data.get(key, False)
        if not isinstance(value, bool):
            bad.append(key)
            value = False
        flags[key] = value
    return Preferences(
        library=Path(library).expanduser() if library else None,
        sync_target=sync_target,
        display_name=display_name,
        share_name=flags["share_name"],
        redact_queries=flags["redact_queries"],
        role=role,
        team=team,
        problem=f"{path}: ignored a bad {', '.join(bad)}; using the default" if bad else "",
    )


def _cause(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON, line {exc.lineno}"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
