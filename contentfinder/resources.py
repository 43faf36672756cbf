"""The files contentfinder ships with: the default taxonomy and synonyms, the icons and the
sample library. The one place that knows where they are.

Their source is the checkout's top-level `resources/` folder; the wheel carries that folder as
`contentfinder/_resources/` (setup.py maps it), so an installed contentfinder finds it beside its
own code with `importlib.resources`, wherever pip or pipx put it. A checkout (an editable install,
or `PYTHONPATH=.`) has no `_resources/`: there the source folder beside the package is used, so
an edit to `resources/` shows at once, and a worktree reads its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE = "contentfinder"
INSTALLED = "_resources"  # the wheel's name for `resources/` (setup.py)
CHECKOUT = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_LIBRARY = "sample-library"  # the demo library (`gui --sample`, the first-run dialog)


class ResourcesMissing(FileNotFoundError):
    """An installation without its resources: a broken build, never a user's mistake. An
    OSError, so the command line says it in one line like any file it cannot read."""


def resource_path(name: str) -> Path:
    """The shipped file or folder `name` (`taxonomy.toml`, `icons`, `sample-library`…), as a
    real path: Qt loads icons from a file name and the sample library is a folder to index."""
    return resources_folder() / name


def sample_library() -> Path:
    return resource_path(SAMPLE_LIBRARY)


@cache
def resources_folder() -> Path:
    # Imported here, not at the top: importlib.resources brings zipfile and more, which the
    # commands that never read a resource (`--version`, `sync`) should not pay for.
    from importlib.resources import files

    installed = files(PACKAGE) / INSTALLED
    # A Path: the wheel is installed unpacked (pip, pipx) or frozen onto disk (PyInstaller).
    # A zip import would give a zipfile.Path, which neither Qt nor the indexer can open.
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    # Beside the package only in its own source tree: in site-packages a `resources` folder
    # there is some other distribution's.
    if (CHECKOUT.parent / "pyproject.toml").is_file() and CHECKOUT.is_dir():
        return CHECKOUT
    raise ResourcesMissing(
        f"{installed}: contentfinder's resources are missing (taxonomy, synonyms, icons, "
        "sample library); reinstall contentfinder"
    )
