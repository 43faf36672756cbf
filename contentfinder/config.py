"""Settings: where the library is and where this user's data (index, cache, usage log) lives.

One typed `Settings` object is built once, from arguments and the environment, and handed to
every service; nothing deeper reads environment variables or global state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from platformdirs.api import PlatformDirsABC

APP_NAME = "contentfinder"
HOME_ENV = "CONTENTFINDER_HOME"
LIBRARY_ENV = "CONTENTFINDER_LIBRARY"


@dataclass(frozen=True)
class Settings:
    """Where things are; every path is absolute."""

    library: Path | None
    home: Path

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def usage_db(self) -> Path:
        return self.home / "usage.sqlite"


def default_home(platform_dirs: type[PlatformDirsABC] = platformdirs.PlatformDirs) -> Path:
    """This user's data folder, by the platform's rule (`platform_dirs`: platformdirs' class
    for this system): ~/.local/share/contentfinder (or $XDG_DATA_HOME) on Linux,
    ~/Library/Application Support/contentfinder on macOS, %LOCALAPPDATA%\\contentfinder on
    Windows (local, not roaming: the index is large and rebuilt at will). Preferences live
    there too, so that $CONTENTFINDER_HOME isolates everything at once."""
    return Path(platform_dirs(APP_NAME, appauthor=False).user_data_dir)


def load_settings(
    *,
    library: str | os.PathLike[str] | None = None,
    home: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Arguments win over the environment, the environment over platform defaults."""
    env = os.environ if environ is None else environ
    library_value = library or env.get(LIBRARY_ENV) or None
    home_value = home or env.get(HOME_ENV) or None
    return Settings(
        library=Path(library_value).expanduser().resolve() if library_value else None,
        home=Path(home_value).expanduser().resolve() if home_value else default_home(),
    )
