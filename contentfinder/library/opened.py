"""`Library`: one library as a command or the app works with it, loaded once and handed to
every service (as Anki hands its `Collection` around): the settings, the library folder, its
taxonomy and catalog, and the index, each read the first time it is asked for and then kept.

Services take a `Library` rather than `Settings` so that no service re-reads the taxonomy or
re-opens the index that its caller, or the service before it, already has.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from contentfinder.config import Settings
from contentfinder.library.scan import check_library
from contentfinder.library.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:  # Whoosh and the catalog's CSV reading: loaded by the commands that use them
    from whoosh.index import Index

    from contentfinder.library.catalog import Catalog


class Library:
    """What is known of one library for the length of a command or a dialog's work."""

    def __init__(self, settings: Settings, *, taxonomy: Taxonomy | None = None) -> None:
        self.settings = settings
        if taxonomy is not None:
            self.__dict__["taxonomy"] = taxonomy

    @property
    def folder(self) -> Path | None:
        """The library folder as configured (it may not exist: see `root`)."""
        return self.settings.library

    @cached_property
    def root(self) -> Path:
        """The library folder, checked: raises LibraryError naming what is wrong."""
        return check_library(self.settings.library)

    @cached_property
    def taxonomy(self) -> Taxonomy:
        """The library's taxonomy.toml, else the built-in one; raises TaxonomyError."""
        return load_taxonomy(self.settings.library)

    @cached_property
    def catalog(self) -> Catalog:
        """catalog.csv checked against the taxonomy (problems are in `.problems`)."""
        from contentfinder.library.catalog import load_catalog

        return load_catalog(self.root, self.taxonomy)

    @cached_property
    def index(self) -> Index:
        """The index this user's data folder holds; raises IndexUnavailable."""
        from contentfinder.index.schema import open_for_reading

        return open_for_reading(self.settings.index_dir)
