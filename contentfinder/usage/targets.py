"""Where usage events go and come back from: the one parser of a sync target or report source
(a folder as a plain path or `file://` URL, a `postgresql://` or `sqlite:///` database URL),
and the one way a database URL is shown (its password masked)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

KNOWN_FORMS = "a folder path, file://, postgresql:// or sqlite:///"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_DATABASES = {"postgresql": "postgresql+psycopg", "sqlite": "sqlite"}  # backend -> driver used
# The drivers installed with contentfinder: any other would fail later, on import, by name only.
_DRIVERS = {"postgresql": ("psycopg",), "sqlite": ("pysqlite",)}
_PASSWORD = re.compile(r"(://[^:/@]*):[^/?#]*@")  # to the last @ of the authority
_PASSWORD_PARAMETER = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)  # libpq's ?password=


class SyncError(Exception):
    """The target cannot be reached or used; the message names it and the cause."""


@dataclass(frozen=True)
class FolderAddress:
    """A shared folder holding `events/<device_id>/<batch>.jsonl`."""

    path: Path


@dataclass(frozen=True)
class DatabaseAddress:
    """A database holding the central `usage_events` table."""

    url: str  # for SQLAlchemy, with the driver we use (PostgreSQL through psycopg 3)
    typed: str = field(default="", compare=False)  # as the user gave it, for messages

    @property
    def shown(self) -> str:
        """The URL with its password masked (what the sync watermark is kept under)."""
        return mask_password(self.url)

    @property
    def named(self) -> str:
        """How messages and reports name the store: as typed, its password masked."""
        return mask_password(self.typed or self.url)

    def hide(self, text: str) -> str:
        """`text` (a driver's message, say) with this URL's password masked wherever it is,
        URL-quoted or not: a driver may quote it outside any URL."""
        text = mask_password(text)
        password = make_url(self.url).password
        if password:
            for spelling in {str(password), quote(str(password), safe="")}:
                text = text.replace(spelling, "***")
        return text


Address = FolderAddress | DatabaseAddress


def parse_address(where: str) -> Address:
    """The folder or database `where` names; a SyncError naming the forms known otherwise."""
    text = where.strip()
    if not text:
        raise SyncError(f"no sync target or report source given: use {KNOWN_FORMS}")
    scheme = _SCHEME.match(text)
    if scheme is None or len(scheme.group(1)) == 1:  # C://share is a Windows drive
        return FolderAddress(Path(text).expanduser())
    name = scheme.group(1).lower()
    if name == "file":
        return FolderAddress(_file_url_path(text))
    if name == "postgres":  # libpq's other spelling, which SQLAlchemy no longer knows
        name = "postgresql"
    text = name + text[len(scheme.group(1)) :]
    try:
        url = make_url(text)
    except (ArgumentError, ValueError) as exc:
        cause = mask_password(str(exc))  # the parser's message quotes the URL
        raise SyncError(f"{mask_password(where)}: not a database URL ({cause})") from exc
    backend = url.get_backend_name()
    shown = mask_password(text)
    if backend not in _DATABASES:
        raise SyncError(
            f"{shown}: '{scheme.group(1)}://' is neither a folder nor a database "
            f"contentfinder can use; use {KNOWN_FORMS}"
        )
    driver = url.get_driver_name()
    if url.drivername != backend and driver not in _DRIVERS[backend]:
        raise SyncError(
            f"{shown}: the database driver '{driver}' is not one contentfinder comes with; "
            f"write {backend}:// without a driver (use {KNOWN_FORMS})"
        )
    if backend == "sqlite" and not url.database:
        raise SyncError(f"{shown}: an SQLite URL needs a file: sqlite:///path/to/usage.sqlite")
    if url.drivername == backend:
        # Kept as the rep typed it, only the driver added: the watermark is kept under it.
        text = _DATABASES[backend] + text[len(backend) :]
    return DatabaseAddress(text, typed=where.strip())


def mask_password(text: str) -> str:
    """`text` with the password of any URL in it shown as ***, in the authority
    (`user:pw@`, also with no user) or as a `password=` parameter."""
    return _PASSWORD_PARAMETER.sub(r"\1***", _PASSWORD.sub(r"\1:***@", text))


def _file_url_path(url: str) -> Path:
    parts = urlparse(url)
    path = unquote(parts.path)
    if parts.netloc and parts.netloc.lower() != "localhost":
        path = f"//{parts.netloc}{path}"  # file://server/share: a UNC path
    return Path(path).expanduser()
