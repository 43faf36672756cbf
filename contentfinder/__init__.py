"""contentfinder core: settings, the library, the index contract, search, usage, reports, curation
and the command line that composes them with the indexer and the app.

Nothing in this package imports Qt; the desktop app in ``ui/`` is one client
of it and the command line another.
"""

__version__ = "0.1.0"

# Before anything imports whoosh: see lean_whoosh (a fifth of a one-shot search's time).
from contentfinder import lean_whoosh  # noqa: E402

lean_whoosh.prepare()
