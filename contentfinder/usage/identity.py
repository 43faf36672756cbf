"""Who is recording usage: this install's stable device id, and a pseudonym unless the rep
opted in to their name (home/identity.json, made on first use and the same ever after)."""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from contentfinder.files import atomic_write_json
from contentfinder.preferences import Preferences
from contentfinder.usage.events import DEFAULT_ROLE, check_role

IDENTITY_FILE = "identity.json"


@dataclass(frozen=True)
class Identity:
    device_id: str
    user_id: str
    role: str = DEFAULT_ROLE  # every event of this identity carries it (SPEC §3)
    team: str | None = None


def load_identity(
    home: Path,
    *,
    display_name: str | None = None,
    role: str = DEFAULT_ROLE,
    team: str | None = None,
) -> Identity:
    """This install's device id and pseudonym, made on first use and the same ever after;
    the user id is `display_name` instead when one is given (the rep opted in). `role` and
    `team` are what the person chose in their settings (or on the command line)."""
    path = home / IDENTITY_FILE
    stored = _read_identity(path)
    if stored is None:
        stored = {"device_id": str(uuid.uuid4()), "pseudonym": f"user-{secrets.token_hex(8)}"}
        atomic_write_json(path, stored)
    name = (display_name or "").strip()
    return Identity(
        device_id=stored["device_id"],
        user_id=name or stored["pseudonym"],
        role=check_role(role),
        team=(team or "").strip() or None,
    )


def identity_for(home: Path, preferences: Preferences) -> Identity:
    """The identity the rep's preferences ask for: their name only if they opted in, their
    role and team."""
    return load_identity(
        home, display_name=preferences.name_to_share, role=preferences.role, team=preferences.team
    )


def _read_identity(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, ValueError):
        return None  # damaged: a new identity beats no usage log at all
    if not isinstance(data, dict):
        return None
    if not all(isinstance(data.get(k), str) and data[k] for k in ("device_id", "pseudonym")):
        return None
    return data
