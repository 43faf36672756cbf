"""Search as a service on a pipe: the loop a child process runs so that an app's window
never shares an interpreter lock with searching (see `ui.controllers.search_process`).

Requests are `(kind, number, payload)` tuples, answers `(kind, payload)`; `None` stops it.
Of several searches (or suggestions) waiting in the pipe only the newest is done: a rep typing
"roi" has no use for the results of "r" and "ro".
"""

from __future__ import annotations

import logging
import os
import time
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

from contentfinder.background import SEARCH_NICENESS, lower_priority
from contentfinder.config import Settings
from contentfinder.index.schema import IndexUnavailable, open_for_reading
from contentfinder.library.taxonomy import TAXONOMY_FILE, TaxonomyError
from contentfinder.search.collector import settle_after_opening
from contentfinder.search.results import Searched, SearchRequest
from contentfinder.search.session import FilterError, SearchSession, UnknownAsset
from contentfinder.search.synonyms import SYNONYMS_FILE

_SUPERSEDED = ("search", "suggest")  # only the newest of these in the pipe is worth doing
_WATCHED = (TAXONOMY_FILE, SYNONYMS_FILE)  # the library's files a session is built from
_log = logging.getLogger(__name__)


def serve(settings: Settings, connection: Connection) -> None:
    """The child: answers requests until told to stop or the app goes away. A request that
    fails in any way is answered as failed, and the next one is served: the app must never
    wait for an answer that will not come. It runs a little below the window's priority."""
    lower_priority(SEARCH_NICENESS)
    sessions = _Sessions(settings)
    sessions.open_early()
    pending: list[tuple | None] = []
    try:
        while True:
            try:
                if not pending:
                    pending.append(connection.recv())
                while connection.poll():
                    pending.append(connection.recv())
            except (EOFError, OSError):
                return
            except Exception:  # noqa: BLE001 - a request that cannot be read is one lost
                _log.exception("a search request could not be read")
                continue
            pending = _newest_only(pending)
            message = pending.pop(0)
            if message is None:
                return
            if not _send(connection, _handle(sessions, message)):
                return
    finally:
        sessions.close()


class _Sessions:
    """The child's search session: opened when a request first needs it and the index has
    something in it (a child started on a fresh data folder finds no index, or the empty one a
    first run has not committed to yet), and opened again after a request failed in an
    unknown way and when the library's taxonomy or synonyms change."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._session: SearchSession | None = None
        self._seen: tuple[object, ...] = ()

    def current(self) -> SearchSession:
        seen = _watched_state(self.settings.library)
        if self._session is not None and seen != self._seen:
            self._reopen(seen)
        if self._session is None:
            self._session = self._open()
            self._seen = seen
            settle_after_opening()
        return self._session

    def open_early(self) -> None:
        """Opens the session before the first request comes: a child is started as the app
        starts, and the index is then read while the app builds its window, not after the
        window asks. A session that cannot be opened yet is left to the first request, which
        tries again and reports why."""
        try:
            self.current()
        except Exception:  # noqa: BLE001 - the first request meets the same cause and says it
            self.drop()

    def _open(self) -> SearchSession:
        index_dir = self.settings.index_dir
        index = open_for_reading(index_dir)
        if index.is_empty():  # the table of contents only: a reader would load every segment
            raise IndexUnavailable(f"{index_dir}: no index yet (nothing is indexed so far)")
        return SearchSession(self.settings, index=index)

    def _reopen(self, seen: tuple[object, ...]) -> None:
        """A new session for the changed files; when they cannot be used (a taxonomy.toml
        half-saved or broken), the session there is keeps serving until they change again."""
        try:
            fresh = self._open()
        except (TaxonomyError, IndexUnavailable, OSError) as exc:
            _log.warning("kept the search session as it was: %s", exc)
            self._seen = seen
            return
        self.drop()
        self._session, self._seen = fresh, seen
        settle_after_opening()  # once the old session is closed: its objects are collected

    def drop(self) -> None:
        """Forget the session: after an unexpected failure its state is not to be trusted."""
        if self._session is not None:
            _close(self._session)
        self._session = None

    close = drop


def _watched_state(library: Path | None) -> tuple[object, ...]:
    """Cheap to take before every request: a stat of each file the session was built from."""
    if library is None:
        return ()
    state: list[object] = []
    for name in _WATCHED:
        try:
            found = os.stat(library / name)
        except OSError:
            state.append(None)
        else:
            state.append((found.st_mtime_ns, found.st_size, found.st_ino))
    return tuple(state)


def _close(session: SearchSession) -> None:
    try:
        session.close()
    except Exception:  # noqa: BLE001 - a session that fails to close is gone all the same
        _log.exception("a search session did not close cleanly")


def _handle(sessions: _Sessions, message: tuple) -> tuple[tuple | None, int]:
    """The answer to one request (None for none), and the request's number."""
    number = 0
    try:
        kind, number, payload = message
        return _answer(sessions.current(), kind, number, payload), number
    except FilterError as exc:
        return ("failed", (number, str(exc))), number
    except (IndexUnavailable, TaxonomyError) as exc:
        sessions.drop()
        return ("failed", (number, str(exc))), number
    except Exception as exc:  # noqa: BLE001 - one request's failure, never the service's
        _log.exception("a search request failed")  # on stderr, for whoever debugs it
        sessions.drop()
        return ("failed", (number, _problem(exc))), number


def _problem(exc: BaseException) -> str:
    return f"the search hit a problem ({type(exc).__name__}: {exc}); try again"


def _send(connection: Connection, handled: tuple[tuple | None, int]) -> bool:
    """Sends an answer; False once the app is gone."""
    answer, number = handled
    if answer is None:
        return True
    try:
        connection.send(answer)
    except OSError:
        return False
    except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled
        _log.exception("a search answer could not be sent")
        try:
            connection.send(("failed", (number, _problem(exc))))
        except OSError:
            return False
    return True


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
