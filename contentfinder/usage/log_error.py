"""The usage log's error, in a module of its own: code that only catches it (the app's
actions) need not import SQLAlchemy, which the usage log itself is built on."""

from __future__ import annotations


class UsageLogError(Exception):
    """The usage database cannot be opened or written; the message names the file and cause."""
