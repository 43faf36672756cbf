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

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from whoosh.writing import NO_MERGE, LockError

from contentfinder.config import Settings
from contentfinder.index.failures import FAILURES_FILE, apply_failure_changes, load_failures
from contentfinder.index.first_seen import SAVE_EVERY_SECONDS, FirstSeen, FirstSeenLedger
from contentfinder.index.indexed_files import (
    IndexedFile,
    IndexedFiles,
    read_indexed_files,
    save_indexed_files,
    write_snapshot,
)
from contentfinder.index.lock import IndexBusy, busy, holding_writer_lock
from contentfinder.index.schema import open_for_writing
from contentfinder.index.segments import merge_small_segments
from contentfinder.index.shared_cache import (
    SharedCacheCounts,
    SharedCacheUnwritable,
    SharedTextCache,
    published_text_dir,
    shared_text_dir,
)
from contentfinder.index.space import DataFolderFull, is_disk_full
from contentfinder.index.text_cache import ExtractionCache
from contentfinder.index.whoosh_internals import (
    abandon,
    remove_unfinished,
    segment_writer,
    written_generation,
)
from contentfinder.library.catalog import Catalog, load_catalog
from contentfinder.library.scan import AssetFile, LibraryScan, check_library, scan_library
from contentfinder.library.taxonomy import Taxonomy, load_taxonomy
from indexer.documents import build_document
from indexer.extract import reader_modules
from indexer.extract.base import Extracted, Failure, Limits
from indexer.planning import Plan, plan_run, tag_fingerprints
from indexer.tags import resolve_tags
from indexer.workers import ExtractionPool, Job, Outcome

__all__ = [
    "FAILURES_FILE",
    "IndexBusy",
    "IndexSummary",
    "Progress",
    "SharedCacheUnwritable",
    "update_index",
]

# A commit makes a segment. Committing spreads Whoosh's writing over the run, where it
# overlaps extraction, instead of leaving one long serial commit at the end; a killed run
# loses at most the work since the last commit, which the next run redoes. The interval is at
# least this, and grows with the run (see `_Run.commit_due`).
COMMIT_EVERY_SECONDS = 10.0
# Once this share of the run is done, one commit more: the last stretch then overlaps the
# rest of the extraction, and the final commit, which nothing overlaps, stays small.
TAIL_COMMIT_SHARE = 0.85
LOCK_WAIT_SECONDS = 10.0
# Index bytes per byte of analysed body (terms and positions): 9 measured on the sample
# library, 11 on random words. How the room a run needs is guessed when the disk fills.
INDEX_BYTES_PER_ANALYSED_BYTE = 10


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    asset_id: str


@dataclass
class IndexSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    extracted: int = 0  # files a reader actually opened (the rest came from the cache)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (asset id, reason)
    # Files indexed with what could be read of them: (asset id, what could not be read).
    partly_read: list[tuple[str, str]] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    catalog_problems: list[str] = field(default_factory=list)
    rebuilt_because: str | None = None
    seconds: float = 0.0
    extraction_seconds: float = 0.0  # CPU seconds, summed over the workers
    writing_seconds: float = 0.0
    shared_cache: SharedCacheCounts | None = None  # None: the run neither read nor wrote one

    def to_json(self) -> dict[str, object]:
        """The `index --json` contract of SPEC §2, and `shared_cache` when a run used one."""
        shared = {"shared_cache": self.shared_cache.to_json()} if self.shared_cache else {}
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": [{"id": i, "reason": r} for i, r in self.failed],
            "partly_read": [{"id": i, "reason": r} for i, r in self.partly_read],
            "unsupported": list(self.unsupported),
            "seconds": round(self.seconds, 3),
            **shared,
        }


def update_index(
    settings: Settings,
    *,
    progress: Callable[[Progress], None] | None = None,
    limits: Limits | None = None,
    workers: int | None = None,
    commit_every_seconds: float = COMMIT_EVERY_SECONDS,
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

    ix, rebuilt_because = open_for_writing(settings.index_dir, lock_wait_seconds=LOCK_WAIT_SECONDS)
    try:
        # What the index holds (the last run's snapshot when the index is as it left it); it
        # opens every segment, so a damaged one fails here.
        indexed = read_indexed_files(ix, settings.index_dir)
    except Exception as exc:  # noqa: BLE001 - whoosh raises many kinds for a damaged index
        reason = f"the index was damaged ({type(exc).__name__})"
        ix, rebuilt_because = open_for_writing(
            settings.index_dir, rebuild_because=reason, lock_wait_seconds=LOCK_WAIT_SECONDS
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
        run = _Run(
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
    run: _Run,
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


class _Run:
    """The writer side of one index run: writes documents, commits now and then."""

    def __init__(
        self,
        settings: Settings,
        ix,  # noqa: ANN001 - a whoosh index
        scan: LibraryScan,
        catalog: Catalog,
        taxonomy: Taxonomy,
        fingerprints: dict[str, str],
        summary: IndexSummary,
        failures: dict[str, dict[str, object]],
        failure_changes: dict[str, dict[str, object] | None],
        *,
        indexed: dict[str, IndexedFile],
        retag_ids: set[str],
        commit_every_seconds: float,
        first_seen: FirstSeen,
    ) -> None:
        self.settings, self.ix, self.scan = settings, ix, scan
        self.catalog, self.taxonomy, self.fingerprints = catalog, taxonomy, fingerprints
        self.summary, self.failures = summary, failures
        # What this run learnt of failures (None: cleared), applied to the file at each commit.
        self.failure_changes = failure_changes
        self.done = 0  # assets handled, for progress and for guessing the room a run needs
        self.total = 0
        self.tail_committed = False
        self.started = time.monotonic()
        self.analysed_bytes = 0
        # What the index holds once this run commits: the next run's snapshot.
        self.indexed = indexed
        self.known_ids = set(indexed)
        self.commit_every_seconds = commit_every_seconds
        self.writer = None
        self.last_commit = time.monotonic()
        self.retag_ids = retag_ids  # unchanged files re-tagged: counted as updated
        self.spell_known = _spelling_dictionary(ix)
        self.first_seen = first_seen

    def open_writer(self) -> None:
        try:
            self.writer = segment_writer(
                self.ix, limitmb=256, timeout=LOCK_WAIT_SECONDS, delay=0.25
            )
        except LockError as exc:
            raise busy(self.settings.index_dir) from exc

    def delete(self, asset_id: str) -> None:
        self.writer.delete_by_term("id", asset_id)
        self.known_ids.discard(asset_id)
        self.indexed.pop(asset_id, None)
        self.summary.removed += 1

    def record(self, outcome: Outcome) -> None:
        asset = self.scan.assets[outcome.asset_id]
        self.summary.extraction_seconds += outcome.seconds
        self.analysed_bytes += outcome.analysed_bytes
        if outcome.result is not None and not outcome.from_cache:
            self.summary.extracted += 1
        if self.summary.shared_cache is not None:
            self.summary.shared_cache.read += outcome.shared_reads
            self.summary.shared_cache.ignored += outcome.shared_ignored
        result = outcome.result
        if isinstance(result, Failure) and not os.path.lexists(asset.path):
            self._gone(asset, result)
            return
        if isinstance(result, Failure):
            self.summary.failed.append((asset.id, result.message))
            entry = {"size": asset.size, "mtime_ns": asset.mtime_ns, "reason": result.message}
            self.failures[asset.id] = self.failure_changes[asset.id] = entry
            if asset.id in self.known_ids:  # it was readable once; it is not now
                self.delete(asset.id)
            return
        self._clear_failure(asset.id)
        if result is not None and result.partly_read:
            self.summary.partly_read.append((asset.id, result.partly_read))
        if result is None or outcome.body is None:  # touched, but the content is what we hold
            self.summary.unchanged += 1
            return
        if asset.id not in self.known_ids:
            counter = "added"
        elif outcome.same_content and asset.id not in self.retag_ids:
            counter = "unchanged"  # rewritten only to store its new time: not news to anyone
        else:
            counter = "updated"
        self.write(asset, outcome.content_hash or "", result, outcome, counter)

    def write(
        self, asset: AssetFile, digest: str, extracted: Extracted, outcome: Outcome, counter: str
    ) -> None:
        began = time.perf_counter()
        entry = self.catalog.entries.get(asset.id)
        tags = resolve_tags(asset.id, extracted, entry, self.taxonomy)
        new_words = [w for w in outcome.vocabulary if w not in self.spell_known]
        self.spell_known.update(new_words)
        document = build_document(
            asset,
            digest=digest,
            extracted=extracted,
            body=outcome.body,
            spell_words=new_words,
            tags=tags,
            taxonomy=self.taxonomy,
            fingerprint=self.fingerprints[asset.id],
            first_seen=self.first_seen.day_for(asset.id, digest),
        )
        if counter == "added":
            self.writer.add_document(**document)
            self.known_ids.add(asset.id)
        else:
            self.writer.update_document(**document)
        self.indexed[asset.id] = IndexedFile.from_fields(document)
        setattr(self.summary, counter, getattr(self.summary, counter) + 1)
        self.summary.writing_seconds += time.perf_counter() - began
        if self.commit_due():
            self._commit(mergetype=NO_MERGE)
            self.open_writer()

    def commit_due(self) -> bool:
        """Every commit flushes a segment and costs a fixed part besides, and the segments it
        leaves are merged at the end: fewer, larger ones are cheaper. So the interval grows
        with the run (as long as the run has lasted so far: the segments double in size, and a
        killed run keeps at least half of what it did), with one more commit near the end."""
        now = time.monotonic()
        if not self.tail_committed and self.done >= TAIL_COMMIT_SHARE * self.total:
            self.tail_committed = True
            return now - self.last_commit > self.commit_every_seconds
        interval = max(self.commit_every_seconds, self.last_commit - self.started)
        return now - self.last_commit > interval

    def finish(self) -> None:
        generation = written_generation(self.writer)
        self._commit(mergetype=merge_small_segments, final=True)
        if generation is not None:
            save_indexed_files(
                self.ix, self.settings.index_dir, self.indexed, generation=generation
            )

    def abandon(self) -> None:
        if self.writer is not None:
            abandon(self.writer)
            self.writer = None

    def disk_full(self, total: int) -> DataFolderFull:
        """The error for a run the full disk stopped, after removing what it had written
        since its last commit (Whoosh would leave that to the next commit)."""
        seen = self.analysed_bytes * max(total, 1) // max(self.done, 1)
        needed = INDEX_BYTES_PER_ANALYSED_BYTE * seen
        try:
            with holding_writer_lock(self.settings.index_dir, timeout=0):
                remove_unfinished(self.ix)
        except (IndexBusy, OSError):
            pass  # another run writes now, and its commit removes them
        return DataFolderFull(self.settings.home, needed_bytes=needed or None)

    def _gone(self, asset: AssetFile, failure: Failure) -> None:
        """A file deleted or moved while the run was under way is a removal, not a failure.
        When the whole library went (a share gone offline), the index keeps what it has and
        nothing is recorded: the next run tries again."""
        if not os.path.isdir(self.settings.library):
            self.summary.failed.append((asset.id, failure.message))
            return
        self._clear_failure(asset.id)
        if asset.id in self.known_ids:
            self.delete(asset.id)

    def _clear_failure(self, asset_id: str) -> None:
        self.failures.pop(asset_id, None)
        self.failure_changes[asset_id] = None

    def _commit(self, *, mergetype, final: bool = False) -> None:  # noqa: ANN001 - whoosh's
        began = time.perf_counter()
        # Saved while the writer holds the lock, so two runs' commits and failure files follow
        # in the same order. Saved first: should the commit then fail, the next run merely
        # skips the files that failed in this one until they change, as it would anyway.
        apply_failure_changes(self.settings.index_dir, self.failure_changes)
        self.failure_changes = {}
        # Before the commit, so a finished run's documents never outlive their days.
        self.first_seen.ledger.save(unless_saved_within=0.0 if final else SAVE_EVERY_SECONDS)
        self.writer.commit(mergetype=mergetype)
        self.writer = None
        self.summary.writing_seconds += time.perf_counter() - began
        self.last_commit = time.monotonic()


def _spelling_dictionary(ix) -> set[str]:  # noqa: ANN001
    with ix.reader() as reader:
        return {term.decode("utf-8") for term in reader.lexicon("spell")}
