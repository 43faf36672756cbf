"""contentfinder core: settings, taxonomy, library and catalog, search, CLI.

Nothing in this package imports Qt; the desktop app in ``ui/`` is one client
of it and the command line another.
"""

__version__ = "0.1.0"
