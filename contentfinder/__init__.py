"""contentfinder core: settings, the library, the index contract, search, usage, reports, curation
and the command line that composes them with the indexer and the app.

Nothing in this package imports Qt; the desktop app in ``ui/`` is one client
of it and the command line another.
"""

__version__ = "0.1.0"
