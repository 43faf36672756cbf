"""The entry point of the app's search child, light to import.

The app names this function as the child process's target, and a target is pickled by
reference, so the app imports the module that defines it: this one costs nothing, where
`contentfinder.search.service` brings the whole search (Whoosh and all) into the window's
process, a quarter of a second of its start-up that the window never uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from contentfinder.config import Settings


def serve(settings: Settings, connection: Connection) -> None:
    """Runs the search service (`contentfinder.search.service.serve`) in this process."""
    from contentfinder.search.service import serve as run

    run(settings, connection)
