"""Search as a service on a pipe: the loop a child process runs so that an app's window
never shares an interpreter lock with searching (see `ui.controllers.search_process`).

Requests are `(kind, number, payload)` tuples, answers `(kind, payload)`; `None` stops it.
Of several searches (or suggestions) waiting in the pipe only the newest is done: a rep typing
"roi" has no use for the results of "r" and "ro".
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection

from contentfinder.config import Settings
from contentfinder.index.schema import IndexUnavailable
from contentfinder.search.session import (
    FilterError,
    SearchRequest,
    SearchResults,
    SearchSession,
    UnknownAsset,
)

SEARCH_NICENESS = 5  # the index runs at 10
_SUPERSEDED = ("search", "suggest")  # only the newest of these in the pipe is worth doing


@dataclass(frozen=True)
class Searched:
    number: int
    request: SearchRequest
    results: SearchResults
    seconds: float


def serve(settings: Settings, connection: Connection) -> None:
    """The child: answers requests until told to stop or the app goes away. It runs a
    little below the window's priority: on two cores, with an index run going too, a search
    competing on equal terms kept the window from running for 50-60 ms at a time."""
    if hasattr(os, "nice"):
        try:
            os.nice(SEARCH_NICENESS)
        except OSError:
            pass
    session: SearchSession | None = None
    pending: list[tuple] = []
    while True:
        try:
            if not pending:
                pending.append(connection.recv())
            while connection.poll():
                pending.append(connection.recv())
        except (EOFError, OSError):
            return
        pending = _newest_only(pending)
        message = pending.pop(0)
        if message is None:
            return
        kind, number, payload = message
        try:
            if session is None:
                session = SearchSession(settings)
            answer = _answer(session, kind, number, payload)
        except (IndexUnavailable, FilterError) as exc:
            answer = ("failed", (number, str(exc)))
        if answer is not None:
            try:
                connection.send(answer)
            except (OSError, ValueError):
                return


def _newest_only(pending: list[tuple | None]) -> list[tuple | None]:
    last = {}
    for index, message in enumerate(pending):
        if message is not None and message[0] in _SUPERSEDED:
            last[message[0]] = index
    return [
        m for i, m in enumerate(pending) if m is None or m[0] not in _SUPERSEDED or last[m[0]] == i
    ]


def _answer(session: SearchSession, kind: str, number: int, payload: object) -> tuple | None:
    if kind == "search":
        started = time.perf_counter()
        request: SearchRequest = payload  # type: ignore[assignment]
        results = session.search(request)
        searched = Searched(number, request, results, time.perf_counter() - started)
        return "searched", (searched, session.asset_count)
    if kind == "suggest":
        return "suggested", (number, payload, session.suggest(str(payload)))
    if kind == "similar":
        try:
            found = session.similar(str(payload), limit=6)
        except UnknownAsset:
            found = []
        return "similar", (payload, found)
    if kind == "hits":
        purpose, asset_ids = payload  # type: ignore[misc]
        hits = [h for a in asset_ids if (h := session.hit(a, today=date.today()))]
        return "hits", (purpose, hits)
    if kind == "warm_up":
        session.warm_up()
    return None
