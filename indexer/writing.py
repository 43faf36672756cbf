"""The writer side of an index run: each outcome of the workers into the index as a document,
commits now and then (how often, and why), and what a run the full disk stopped leaves."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from whoosh.writing import NO_MERGE, LockError

from contentfinder.config import Settings
from contentfinder.index.failures import apply_failure_changes
from contentfinder.index.first_seen import SAVE_EVERY_SECONDS, FirstSeen
from contentfinder.index.indexed_files import IndexedFile, save_indexed_files
from contentfinder.index.lock import IndexBusy, busy, holding_writer_lock
from contentfinder.index.segments import merge_small_segments
from contentfinder.index.space import DataFolderFull
from contentfinder.index.whoosh_writer import (
    abandon,
    remove_unfinished,
    segment_writer,
    written_generation,
)
from contentfinder.library.catalog import Catalog
from contentfinder.library.scan import AssetFile, LibraryScan
from contentfinder.library.taxonomy import Taxonomy
from indexer.documents import build_document
from indexer.extract.base import Extracted, Failure
from indexer.summary import IndexSummary
from indexer.tags import resolve_tags
from indexer.workers import Outcome

# A commit makes a segment. Committing spreads Whoosh's writing over the run, where it
# overlaps extraction, instead of leaving one long serial commit at the end (at 1,000 assets it
# was a third of the run, with one core idle); a killed run loses at most the work since the
# last commit, which the next run redoes. See `CommitSchedule`.
COMMIT_EVERY_SECONDS = 10.0
# A run commits once this share of its files is done since its last commit...
SEGMENT_SHARE = 0.3
# ... and once this share of the run is done: the last stretch then overlaps the rest of the
# extraction, and the final commit, which nothing overlaps, stays small.
TAIL_COMMIT_SHARE = 0.85
# Both only once it has written this many documents since its last commit: fewer are not
# worth a segment (a run of ten changed files commits once, at its end).
MIN_SEGMENT_DOCUMENTS = 200
LOCK_WAIT_SECONDS = 10.0
# Index bytes per byte of analysed body (terms and positions): 9 measured on the sample
# library, 11 on random words. How the room a run needs is guessed when the disk fills.
INDEX_BYTES_PER_ANALYSED_BYTE = 10


@dataclass
class CommitSchedule:
    """When a run commits. Every commit flushes a segment and costs a fixed part besides, and
    more than a few segments are merged at the end: fewer, larger ones are cheaper. So a run
    commits as shares of its files are done (a full index of 1,000 in four segments, the last
    small), and at an interval that grows with the run, as long as the run has lasted so far:
    the segments double in size, and a killed run keeps at least half of what it did."""

    every_seconds: float
    written: int = 0  # documents written since the last commit
    done_at_commit: int = 0
    tail_passed: bool = False
    started: float = field(default_factory=time.monotonic)
    last_commit: float = field(default_factory=time.monotonic)

    def due(self, done: int, total: int, now: float) -> bool:
        """Whether to commit now, with `done` of the run's `total` files handled."""
        if done >= TAIL_COMMIT_SHARE * total and not self.tail_passed:
            self.tail_passed = True
            if self.written >= MIN_SEGMENT_DOCUMENTS:
                return True
        share = (done - self.done_at_commit) / max(total, 1)
        if share >= SEGMENT_SHARE and self.written >= MIN_SEGMENT_DOCUMENTS:
            return True
        interval = max(self.every_seconds, self.last_commit - self.started)
        return now - self.last_commit > interval

    def committed(self, done: int, now: float) -> None:
        self.written, self.done_at_commit, self.last_commit = 0, done, now


class RunWriter:
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
        self.schedule = CommitSchedule(commit_every_seconds)
        self.analysed_bytes = 0
        # What the index holds once this run commits: the next run's snapshot.
        self.indexed = indexed
        self.known_ids = set(indexed)
        self.writer = None
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
        self.schedule.written += 1
        self.summary.writing_seconds += time.perf_counter() - began
        if self.schedule.due(self.done, self.total, time.monotonic()):
            self._commit(mergetype=NO_MERGE)
            self.open_writer()

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
        self.schedule.committed(self.done, time.monotonic())


def _spelling_dictionary(ix) -> set[str]:  # noqa: ANN001
    with ix.reader() as reader:
        return {term.decode("utf-8") for term in reader.lexicon("spell")}
