"""The incremental index run: bring the index in line with the library, doing the least work.

Unchanged files (same size and modification time) are skipped; files whose tags may have changed
(a catalog or taxonomy edit) are re-tagged from the extraction cache; the rest go through the
worker pool. Each document written carries the day the index first saw the asset
(`contentfinder.index.first_seen`), which outlives the file's times and the index itself.
The index is committed every few seconds, so a killed run keeps most of its work and the next
run completes it. Extractions marketing published beside the library
(`contentfinder.index.shared_cache`) are read when they are there; a run with `shared_cache`
publishes its own there afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from contentfinder.config import Settings
from contentfinder.index.failures import FAILURES_FILE, apply_failure_changes, load_failures
from contentfinder.index.first_seen import FirstSeen, FirstSeenLedger
from contentfinder.index.indexed_files import (
    IndexedFiles,
    read_indexed_files,
    write_snapshot,
)
from contentfinder.index.lock import IndexBusy, holding_writer_lock
from contentfinder.index.schema import open_for_writing
from contentfinder.index.shared_cache import (
    SharedCacheCounts,
    SharedCacheUnwritable,
    SharedTextCache,
    published_text_dir,
    shared_text_dir,
)
from contentfinder.index.space import DataFolderFull, is_disk_full
from contentfinder.index.text_cache import ExtractionCache
from contentfinder.library.catalog import load_catalog
from contentfinder.library.scan import check_library, scan_library
from contentfinder.library.taxonomy import load_taxonomy
from indexer import writing
from indexer.extract import reader_modules
from indexer.extract.base import Limits
from indexer.planning import Plan, plan_run, tag_fingerprints
from indexer.summary import IndexSummary, Progress
from indexer.workers import ExtractionPool, Job
from indexer.writing import RunWriter

__all__ = [
    "FAILURES_FILE",
    "IndexBusy",
    "IndexSummary",
    "Progress",
    "SharedCacheUnwritable",
    "update_index",
]


def update_index(
    settings: Settings,
    *,
    progress: Callable[[Progress], None] | None = None,
    limits: Limits | None = None,
    workers: int | None = None,
    commit_every_seconds: float = writing.COMMIT_EVERY_SECONDS,
    today: date | None = None,
    shared_cache: bool = False,
) -> IndexSummary:
    """`today` is the first-seen day of content the index has never seen (the clock's).
    `shared_cache`: publish this run's extractions beside the library for reps to read
    (raises SharedCacheUnwritable, before the run when it can tell)."""
    started = time.perf_counter()
    library = check_library(settings.library)
    publish_dir = shared_text_dir(library) if shared_cache else None
    if publish_dir is not None:
        SharedTextCache(publish_dir).check_writable()
    shared_dir = publish_dir or published_text_dir(library)
    taxonomy = load_taxonomy(library)
    scan = scan_library(library)
    catalog = load_catalog(library, taxonomy)
    catalog.check_paths(set(scan.assets))

    ix, rebuilt_because = open_for_writing(
        settings.index_dir, lock_wait_seconds=writing.LOCK_WAIT_SECONDS
    )
    try:
        # What the index holds (the last run's snapshot when the index is as it left it); it
        # opens every segment, so a damaged one fails here.
        indexed = read_indexed_files(ix, settings.index_dir)
    except Exception as exc:  # noqa: BLE001 - whoosh raises many kinds for a damaged index
        reason = f"the index was damaged ({type(exc).__name__})"
        ix, rebuilt_because = open_for_writing(
            settings.index_dir, rebuild_because=reason, lock_wait_seconds=writing.LOCK_WAIT_SECONDS
        )
        indexed = IndexedFiles({}, None, from_snapshot=False)
    stored = indexed.files
    summary = IndexSummary(
        unsupported=scan.unsupported,
        catalog_problems=[str(p) for p in catalog.problems],
        rebuilt_because=rebuilt_because,
        shared_cache=SharedCacheCounts() if shared_dir is not None else None,
    )
    summary.failed.extend(scan.unreadable)
    fingerprints = tag_fingerprints(scan, catalog, taxonomy)
    known_failures = load_failures(settings.index_dir)
    plan = plan_run(scan, stored, known_failures, fingerprints)
    summary.unchanged = plan.unchanged
    summary.failed.extend((i, str(f["reason"])) for i, f in plan.still_failing.items())
    # Failures of files retried this run or no longer there are cleared unless they fail again.
    cleared = {i: None for i in known_failures if i not in plan.still_failing}
    if not (plan.jobs or plan.retag or plan.delete):
        # Nothing to write: no writer, no commit, so a no-change run stays a quick look.
        _clear_failures(settings, cleared)
        _snapshot_if_read(settings, indexed)
        if publish_dir is not None:
            _publish(settings, publish_dir, {s.content_hash for s in stored.values()}, summary)
        return _finished(summary, started)

    # Re-tags go through the workers too: the text comes from the cache, and analysing it for
    # the index is the expensive part, which both cores should share.
    retag_ids = {asset.id for asset, _ in plan.retag}
    plan.jobs.extend(
        Job(asset.id, asset.path, known_hash, needs_text=True, trust_hash=True)
        for asset, known_hash in plan.retag
    )
    pool = (
        ExtractionPool(
            cache_dir=settings.cache_dir,
            limits=limits or Limits(),
            workers=workers,
            shared_cache_dir=shared_dir,
        )
        if plan.jobs
        else None
    )
    try:
        if pool is not None:
            # Started before the writer is opened and the first-seen days are read: the
            # workers' start and their readers' imports (most of a second) overlap that.
            pool.start(len(plan.jobs), preload=reader_modules(j.path.suffix for j in plan.jobs))
        run = RunWriter(
            settings,
            ix,
            scan,
            catalog,
            taxonomy,
            fingerprints,
            summary,
            plan.still_failing,
            cleared,
            indexed=dict(stored),
            retag_ids=retag_ids,
            commit_every_seconds=commit_every_seconds,
            first_seen=FirstSeen(
                FirstSeenLedger(settings.cache_dir),
                ((i, s.content_hash, s.first_seen) for i, s in stored.items()),
                today or date.today(),
            ),
        )
        run.total = len(plan.jobs) + len(plan.delete)
        _write(run, plan, pool, progress)
    finally:
        if pool is not None:
            pool.close()
    if publish_dir is not None:
        # What the index holds now, kept by the run as it wrote (the next run's snapshot).
        _publish(settings, publish_dir, {s.content_hash for s in run.indexed.values()}, summary)
    return _finished(summary, started)


def _write(
    run: RunWriter,
    plan: Plan,
    pool: ExtractionPool | None,
    progress: Callable[[Progress], None] | None,
) -> None:
    """The run's deletions and the pool's outcomes into the index, then the last commit."""

    def step(asset_id: str) -> None:
        run.done += 1
        if progress is not None:
            progress(Progress(run.done, run.total, asset_id))

    try:
        run.open_writer()
        for asset_id in plan.delete:
            run.delete(asset_id)
            step(asset_id)
        if pool is not None:
            for outcome in pool.run(plan.jobs):
                run.record(outcome)
                step(outcome.asset_id)
            pool.release()  # done: the workers exit while the last commit is made
        run.finish()
    except BaseException as exc:
        run.abandon()
        if is_disk_full(exc):
            raise run.disk_full(run.total) from exc
        raise


def _publish(
    settings: Settings, shared_dir: Path, digests: set[str], summary: IndexSummary
) -> None:
    """Publishes the extraction of every indexed content hash, after the run, from the local
    cache (so the workers never write to the share, and a run stopped early publishes nothing
    half-done)."""
    cache = ExtractionCache(settings.cache_dir, shared_root=shared_dir)
    try:
        published = cache.publish_to_library(digests)
    except SharedCacheUnwritable as exc:
        raise SharedCacheUnwritable(f"{exc}; the index itself is up to date") from exc
    assert summary.shared_cache is not None
    summary.shared_cache.written = published.written
    summary.shared_cache.pruned = published.pruned


def _clear_failures(settings: Settings, cleared: dict[str, None]) -> None:
    """Drops failures of files gone or changed, when no run writes the index (one that does
    will write the file itself)."""
    if not cleared:
        return
    try:
        with holding_writer_lock(settings.index_dir, timeout=0):
            apply_failure_changes(settings.index_dir, cleared)
    except IndexBusy:
        pass
    except OSError as exc:
        if is_disk_full(exc):
            raise DataFolderFull(settings.home) from exc
        raise


def _snapshot_if_read(settings: Settings, indexed: IndexedFiles) -> None:
    """A run that had to read the index (another writer committed last) and writes nothing
    leaves the snapshot of it, so the next quick look is quick again. Written holding the
    writer lock, so no other run's commit and snapshot interleave with it."""
    if indexed.from_snapshot or indexed.stamp is None:
        return
    try:
        with holding_writer_lock(settings.index_dir, timeout=0):
            write_snapshot(settings.index_dir, indexed.files, indexed.stamp)
    except (IndexBusy, OSError):
        pass  # another run writes the index now, and leaves its own snapshot


def _finished(summary: IndexSummary, started: float) -> IndexSummary:
    summary.failed.sort()
    summary.partly_read.sort()
    summary.seconds = time.perf_counter() - started
    return summary
