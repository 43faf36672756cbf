"""The error every command shows when there is no index to read, apart from the schema so that
a command can catch it without loading Whoosh (`deals import`, `sync`, `events` never open the
index)."""

from __future__ import annotations


class IndexUnavailable(Exception):
    """No index yet (or not readable): the user must run `contentfinder index` first."""
