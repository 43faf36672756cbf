"""The one versioned Whoosh schema that the indexer writes and the search reads.

Bump `SCHEMA_VERSION` whenever a field changes: an index built with another version is rebuilt
from scratch on the next run (extracted text comes back from the cache, so that is quick).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from whoosh import index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema

from contentfinder.index import mapped_files  # noqa: F401 - segments read in place, not copied
from contentfinder.index.analysis import PreAnalyzedText, text_analyzer
from contentfinder.index.lock import LOCK_WAIT_SECONDS, holding_writer_lock
from contentfinder.index.space import DataFolderFull, is_disk_full
from contentfinder.index.unavailable import IndexUnavailable  # noqa: F401 - callers import it here
from contentfinder.index.whoosh_internals import WRITER_LOCK_FILE
from contentfinder.index.whoosh_writer import create_for_writer, open_for_writer

# 3: published, first_seen; 4: size, mtime_ns, content_hash stored only; 5: positions stored
# fixed-width (`positions.FixedPositions`), title_sort ends in the path
SCHEMA_VERSION = 5
VERSION_FILE = "contentfinder-schema-version"
TAG_FIELD_PREFIX = "tag_"
# Whoosh's own scoring (queries with syntax) reads these; plain queries are ranked with the
# weights in contentfinder.search.ranking.
TITLE_BOOST, SUMMARY_BOOST, TAG_TEXT_BOOST = (
    3.0,
    1.5,
    2.0,
)  # one keyword field per facet: tag_persona, tag_stage, ...
VALUE_SEPARATOR = ","  # facet values never contain commas (the taxonomy refuses them)


def tag_field(facet: str) -> str:
    return TAG_FIELD_PREFIX + facet


def build_schema() -> Schema:
    analyzer = text_analyzer()
    schema = Schema(
        id=ID(unique=True, stored=True),
        title=PreAnalyzedText(analyzer=analyzer, stored=True, field_boost=TITLE_BOOST),
        title_sort=ID(sortable=True),  # folded title, then path: the order when browsing
        summary=PreAnalyzedText(analyzer=analyzer, stored=True, field_boost=SUMMARY_BOOST),
        tag_text=PreAnalyzedText(
            analyzer=analyzer, field_boost=TAG_TEXT_BOOST
        ),  # facet values, synonyms, free tags
        body=PreAnalyzedText(analyzer=analyzer, phrase=True),
        spell=KEYWORD(lowercase=True),  # the unstemmed vocabulary: "did you mean" suggestions
        free_tags=KEYWORD(commas=True, lowercase=True, stored=True),
        format=ID(stored=True),
        kind=ID(stored=True),
        # Read from stored fields, never searched: indexing them cost terms per document.
        size=STORED(),
        mtime_ns=STORED(),
        content_hash=STORED(),
        tag_fingerprint=STORED(),
        expires=ID(stored=True),  # ISO date or empty
        expires_day=NUMERIC(int),  # date.toordinal(): what searches hide (facets.expiry_docs)
        owner=STORED(),  # the catalog's, else the file's author
        published=STORED(),  # the catalog's ISO date, or empty
        first_seen=STORED(),  # ISO date the index first saw the content (`index.first_seen`)
        locations=STORED(),  # page / slide / sheet count
    )
    schema.add(
        TAG_FIELD_PREFIX + "*",
        KEYWORD(commas=True, stored=True, scorable=True),
        glob=True,
    )
    return schema


def index_exists(index_dir: Path) -> bool:
    return index_dir.is_dir() and index.exists_in(str(index_dir))


def open_for_reading(index_dir: Path) -> index.Index:
    if not index_exists(index_dir):
        raise IndexUnavailable(f"{index_dir}: no index yet; run 'contentfinder index' first")
    if _stored_version(index_dir) != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"{index_dir}: the index was built by another version; run 'contentfinder index'"
        )
    try:
        return index.open_dir(str(index_dir))
    except Exception as exc:  # whoosh raises many kinds for a damaged index
        raise IndexUnavailable(
            f"{index_dir}: the index is damaged ({exc}); run 'contentfinder index' to rebuild it"
        ) from exc


def open_for_writing(
    index_dir: Path,
    *,
    rebuild_because: str | None = None,
    lock_wait_seconds: float = LOCK_WAIT_SECONDS,
) -> tuple[index.Index, str | None]:
    """The index to update, and why it was rebuilt from scratch (None when it was not).
    A caller that finds the index damaged when reading it asks again with the reason.

    An index is removed only while holding the writer lock, so a run writing it (the app's,
    while the command line starts another) never has it removed under it: the second is told
    the index is busy (IndexBusy) instead."""
    if rebuild_because is None:
        ix, reason = _current(index_dir)
        if ix is not None:
            return ix, None
    else:
        reason = rebuild_because
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        with holding_writer_lock(index_dir, timeout=lock_wait_seconds):
            if rebuild_because is None:  # another run may have rebuilt it while we waited
                ix, reason = _current(index_dir)
                if ix is not None:
                    return ix, None
            return _create(index_dir), reason
    except OSError as exc:
        if is_disk_full(exc):
            raise DataFolderFull(index_dir.parent) from exc
        raise IndexUnavailable(
            f"{index_dir}: cannot create the index ({exc.strerror or exc}); choose another "
            "data folder with --home or CONTENTFINDER_HOME"
        ) from exc


def _current(index_dir: Path) -> tuple[index.Index | None, str | None]:
    """The index as it is, or why it must be rebuilt (None for no index at all)."""
    if not index_exists(index_dir):
        return None, None
    if _stored_version(index_dir) != SCHEMA_VERSION:
        return None, "the index format changed"
    try:
        return open_for_writer(index_dir), None
    except Exception as exc:  # noqa: BLE001 - any failure to open means rebuild
        return None, f"the index was damaged ({type(exc).__name__})"


def _create(index_dir: Path) -> index.Index:
    """A new empty index in `index_dir`, whatever was there before. The lock file stays: the
    caller holds it, and a run waiting for the lock waits on that very file."""
    for entry in index_dir.iterdir():
        if entry.name == WRITER_LOCK_FILE:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    (index_dir / VERSION_FILE).write_text(str(SCHEMA_VERSION))
    return create_for_writer(index_dir, build_schema())


def _stored_version(index_dir: Path) -> int | None:
    try:
        return int((index_dir / VERSION_FILE).read_text().strip())
    except (OSError, ValueError):
        return None
