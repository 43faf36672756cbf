"""Extraction in worker processes, so one file can neither crash nor hang an index run.

Each worker takes one file at a time. A file that runs past its time limit has its worker
killed and replaced; a worker that dies (a crash in a C library, the memory cap) costs only its
file. Results stream back in completion order while the parent writes the index.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

from contentfinder.index.analysis import PreAnalyzed, analyze_text
from contentfinder.index.cache_entry import AUTHOR_VERSION, ENTRY_VERSION, PDF_TEXT_VERSION
from contentfinder.index.text_cache import ExtractionCache, content_hash
from contentfinder.portability.processes import cap_memory
from indexer.backlog import Backlog
from indexer.documents import vocabulary
from indexer.extract.base import Extracted, Failure, FailureReason, Limits

# A worker's address space is capped so a decompression bomb fails inside it, as a MemoryError,
# instead of swapping the rep's laptop to a halt.
WORKER_MEMORY_BYTES = 4 * 1024 * 1024 * 1024
STARTED = "started"
WORKER_START_SECONDS = 60.0  # a worker that has not taken its file by then never will
MAX_START_FAILURES = 3
# Outcomes carry whole texts. While the parent is busy (a commit, a merge) at most this many per
# worker wait for it, of at most this many analysed bytes in all (their pickles are about
# four times that); then the scheduler stops handing out files until it catches up. Enough
# that workers do not idle through a commit of the size `indexer.writing` makes: at 1,000
# assets one of 300 files takes about a second, while the workers read 250 more.
OUTCOMES_WAITING_PER_WORKER = 256
OUTCOMES_WAITING_BYTES = 16 * 1024 * 1024
_PUT_RETRY_SECONDS = 0.1
# Files a worker holds at once: the one it reads and the next, waiting in its pipe. With one,
# a worker waits for the parent between files, and the parent's scheduling thread gets Python
# only between the commit's steps: a fifth of each worker's time at 1,000 assets.
JOBS_PER_WORKER = 2


class WorkerStartError(RuntimeError):
    """Worker processes die before taking a file: the installation, not a file, is broken."""


@dataclass(frozen=True)
class Job:
    asset_id: str
    path: Path
    known_hash: str | None = None  # the hash the index holds; a file that still has it is unchanged
    needs_text: bool = False  # return the text even when the content is the known one
    trust_hash: bool = False  # the file is unchanged: take its text from the cache unhashed


@dataclass(frozen=True)
class Outcome:
    asset_id: str
    content_hash: str | None
    # None: the content is the known one. Extracted: fresh or from the cache. Failure: unreadable.
    result: Extracted | Failure | None
    seconds: float = 0.0  # CPU time the worker spent on it
    from_cache: bool = False
    same_content: bool = False  # the file hashes to what the index already holds
    body: PreAnalyzed | None = None  # the text, analysed for the index's body field
    vocabulary: tuple[str, ...] = ()  # its distinct words, for spelling suggestions
    analysed_bytes: int = 0  # the body's terms and positions: what its index entries grow with
    shared_reads: int = 0  # extractions taken from the library's shared cache
    shared_ignored: int = 0  # shared entries found damaged or foreign, and not used


def process(job: Job, cache: ExtractionCache, limits: Limits) -> Outcome:
    """Hash, then reuse the known content or the cache (local, then shared), else extract; then
    analyse the text for the index. Runs in a worker."""
    counts = cache.shared_counts
    read, ignored = counts.read, counts.ignored
    outcome = _process(job, cache, limits)
    if (counts.read, counts.ignored) == (read, ignored):
        return outcome
    return replace(
        outcome, shared_reads=counts.read - read, shared_ignored=counts.ignored - ignored
    )


def _process(job: Job, cache: ExtractionCache, limits: Limits) -> Outcome:
    started = time.process_time()
    cached = _cached(job, job.known_hash, cache, limits) if job.trust_hash else None
    if job.known_hash and cached is not None:  # a re-tag: the file is unchanged, so unhashed
        return _analysed(job, job.known_hash, cached, started, from_cache=True, same=True)
    try:
        digest = content_hash(job.path)
    except OSError as exc:
        failure = Failure(FailureReason.UNREADABLE, exc.strerror or type(exc).__name__)
        return Outcome(job.asset_id, None, failure)
    same = digest == job.known_hash
    if same and not job.needs_text:
        return Outcome(job.asset_id, digest, None, time.process_time() - started, same_content=True)
    cached = _cached(job, digest, cache, limits)
    if cached is not None:
        return _analysed(job, digest, cached, started, from_cache=True, same=same)
    from indexer.extract import extract_file

    result = extract_file(job.path, limits)
    if isinstance(result, Failure):
        return Outcome(job.asset_id, digest, result, time.process_time() - started)
    try:
        cache.put(digest, result)
    except OSError:
        pass  # a full disk costs a later re-extraction, not this file
    return _analysed(job, digest, result, started, from_cache=False, same=same)


def _cached(
    job: Job, digest: str | None, cache: ExtractionCache, limits: Limits
) -> Extracted | None:
    """The cached extraction; one an older reader wrote gets the author it did not look for,
    and is written anew in the current format (which search reads faster)."""
    found = cache.get_versioned(digest) if digest else None
    if found is None:
        return None
    extracted, version = found
    if version < PDF_TEXT_VERSION and job.path.suffix.lower() == ".pdf":
        return None  # pypdf's text: pdfium reads it better (and reads files pypdf could not)
    if version < ENTRY_VERSION:
        if version < AUTHOR_VERSION:
            from indexer.extract.authors import extract_author

            extracted = replace(extracted, author=extract_author(job.path, limits))
        try:
            cache.put(digest, extracted)
        except OSError:
            pass  # the next run upgrades it
    return extracted


def _analysed(
    job: Job, digest: str, extracted: Extracted, started: float, *, from_cache: bool, same: bool
) -> Outcome:
    body = analyze_text(extracted.text)
    analysed = sum(len(term) + len(positions) for term, _, _, positions in body.items)
    return Outcome(
        job.asset_id,
        digest,
        extracted,
        time.process_time() - started,
        from_cache,
        same,
        body=replace(body, words=()),  # the parent needs the words only as the vocabulary
        vocabulary=tuple(vocabulary(body.words)),
        analysed_bytes=analysed,
    )


def _worker_main(
    conn: Connection,
    cache_dir: str,
    limits: Limits,
    shared_cache_dir: str | None,
    preload: tuple[str, ...] = (),
) -> None:
    cap_memory(WORKER_MEMORY_BYTES)  # where the platform can (not Windows; macOS may refuse)
    shared = Path(shared_cache_dir) if shared_cache_dir is not None else None
    cache = ExtractionCache(Path(cache_dir), shared_root=shared)
    _preload(preload)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(STARTED)  # the time limit runs from here, not from when the worker was spawned
        conn.send(process(job, cache, limits))


def _preload(modules: tuple[str, ...]) -> None:
    """Imports the readers the run's files need before the first file comes: a worker is
    started while the parent still opens the index, and the imports (PDF and Office
    libraries, most of a second) then overlap that instead of delaying the first file."""
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - a reader that cannot load fails on its file, and says why
            pass


class _Worker:
    def __init__(
        self,
        context: multiprocessing.context.BaseContext,
        cache_dir: Path,
        limits: Limits,
        shared_cache_dir: Path | None,
        preload: tuple[str, ...] = (),
    ) -> None:
        parent, child = context.Pipe()
        self.conn = parent
        shared = str(shared_cache_dir) if shared_cache_dir is not None else None
        self.process = context.Process(
            target=_worker_main,
            args=(child, str(cache_dir), limits, shared, preload),
            daemon=True,
        )
        self.process.start()
        child.close()
        self.jobs: deque[Job] = deque()  # given and not yet finished, the first being read
        self.started = 0.0
        self.acknowledged = False  # it has said it started on its first job
        self.stopping = False  # told to exit (or killed)

    @property
    def job(self) -> Job | None:
        """The file it reads (or is about to)."""
        return self.jobs[0] if self.jobs else None

    def give(self, job: Job) -> None:
        if not self.jobs:
            self.started, self.acknowledged = time.monotonic(), False
        self.jobs.append(job)
        try:
            self.conn.send(job)
        except OSError:
            pass  # it died; the scheduler sees its sentinel and gives the job to another

    def stop(self, *, kill: bool = False, wait: bool = True) -> None:
        if not self.stopping:
            self.stopping = True
            if kill:
                self.process.kill()
            else:
                try:
                    self.conn.send(None)
                except OSError:
                    self.process.kill()
        if wait:
            self.join()

    def join(self) -> None:
        if self.conn.closed:
            return
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class ExtractionPool:
    """A fixed set of worker processes; `run` yields one Outcome per job as each finishes.
    `shared_cache_dir`: the library's shared extractions, which workers read (never write)."""

    def __init__(
        self,
        *,
        cache_dir: Path,
        limits: Limits,
        workers: int | None = None,
        waiting_per_worker: int = OUTCOMES_WAITING_PER_WORKER,
        shared_cache_dir: Path | None = None,
    ) -> None:
        self.cache_dir = cache_dir
        self.waiting_per_worker = waiting_per_worker
        self.shared_cache_dir = shared_cache_dir
        self.limits = limits
        self.size = max(1, workers or os.cpu_count() or 1)
        # spawn, not fork: the desktop app runs Qt threads, and forking those is unsafe.
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._start_failures = 0
        self._preload: tuple[str, ...] = ()

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, jobs: int | None = None, *, preload: tuple[str, ...] = ()) -> None:
        """Starts the workers for `jobs` files (all of them: `size`) now, rather than when
        `run` is first given work: a worker takes a few tenths of a second to start, and
        longer to import the readers named in `preload`, which the caller overlaps with its
        own preparation (opening the index) by starting the pool first."""
        self._preload = preload or self._preload
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        wanted = self.size if jobs is None else min(self.size, jobs)
        while len(self._workers) < wanted:
            self._workers.append(self._new_worker())

    def close(self) -> None:
        """Stops the workers: all are told at once, then each is waited for (a worker takes
        a few tenths of a second to exit with its readers loaded, and they exit together)."""
        self.release()
        for worker in self._workers:
            worker.join()
        self._workers.clear()

    def release(self) -> None:
        """Tells every worker to exit (one still on a file is killed) without waiting: the
        caller goes on (its last commit) while they do; `close` waits for them."""
        for worker in self._workers:
            worker.stop(kill=worker.job is not None, wait=False)

    @property
    def outcomes_waiting(self) -> int:
        """How many finished outcomes may wait for the caller before workers are held back."""
        return self.waiting_per_worker * self.size

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Outcomes as they finish. Scheduling runs on a thread of its own, so workers get their
        next file at once even while the caller is busy writing the index, up to
        `outcomes_waiting` outcomes ahead of it."""
        outcomes: Backlog[Outcome | BaseException | None] = Backlog(
            self.outcomes_waiting, OUTCOMES_WAITING_BYTES
        )
        stop = threading.Event()

        def hand_over(item: Outcome | BaseException | None) -> bool:
            # Blocks while the backlog is full, but not once the caller has stopped listening.
            size = item.analysed_bytes if isinstance(item, Outcome) else 0
            return outcomes.put(item, size, stop, _PUT_RETRY_SECONDS)

        def schedule() -> None:
            try:
                for outcome in self._schedule(jobs):
                    if not hand_over(outcome):
                        return
            except BaseException as exc:  # noqa: BLE001 - handed to the consuming thread
                hand_over(exc)
            finally:
                hand_over(None)

        thread = threading.Thread(target=schedule, name="extraction-scheduler", daemon=True)
        thread.start()
        try:
            while (item := outcomes.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            thread.join()

    def _schedule(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        queue = deque(jobs)
        if not queue:
            return
        self.start(len(queue))
        while queue or any(w.jobs for w in self._workers):
            for worker in self._workers:
                while len(worker.jobs) < JOBS_PER_WORKER and queue:
                    worker.give(queue.popleft())
            yield from self._collect(queue)

    def _collect(self, queue: deque[Job]) -> Iterator[Outcome]:
        busy = [w for w in self._workers if w.job is not None]
        deadline = min(w.started + self._limit(w) for w in busy)
        ready = set(
            wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=max(0.0, deadline - time.monotonic()),
            )
        )
        for index, worker in enumerate(list(self._workers)):
            if worker.job is not None:
                outcome = self._check(index, worker, ready, queue)
                if outcome is not None:
                    yield outcome

    def _limit(self, worker: _Worker) -> float:
        return self.limits.seconds_per_file if worker.acknowledged else WORKER_START_SECONDS

    def _check(
        self, index: int, worker: _Worker, ready: set[object], queue: deque[Job]
    ) -> Outcome | None:
        """The outcome of the worker's file if it has one: its result, a crash or a time-out."""
        job = worker.job
        assert job is not None
        if worker.conn in ready:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                message = None
            if message == STARTED:
                worker.acknowledged, worker.started = True, time.monotonic()
                return None
            if isinstance(message, Outcome):
                worker.jobs.popleft()  # the next, if any, starts now: timed from its STARTED
                worker.started, worker.acknowledged = time.monotonic(), False
                return message
        died = worker.process.sentinel in ready or worker.conn in ready
        overdue = time.monotonic() - worker.started >= self._limit(worker)
        if not worker.acknowledged and (died or overdue):
            # The worker never took the file, so the file is not to blame: the machine is.
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                raise WorkerStartError("could not start the extraction processes")
            queue.extendleft(reversed(worker.jobs))
            self._replace(index, worker)
            return None
        if died or overdue:  # the file is to blame; the worker's next files go to another
            queue.extendleft(reversed(list(worker.jobs)[1:]))
        if died:
            self._replace(index, worker)
            crash = Failure(FailureReason.DAMAGED, "the reader crashed on this file")
            return Outcome(job.asset_id, None, crash)
        if overdue:
            self._replace(index, worker)
            limit = self.limits.seconds_per_file
            timeout = Failure(FailureReason.TIMED_OUT, f"still reading after {limit:g} s")
            return Outcome(job.asset_id, None, timeout)
        return None

    def _new_worker(self) -> _Worker:
        return _Worker(
            self._context, self.cache_dir, self.limits, self.shared_cache_dir, self._preload
        )

    def _replace(self, index: int, worker: _Worker) -> None:
        worker.jobs.clear()
        worker.stop(kill=True)
        self._workers[index] = self._new_worker()
