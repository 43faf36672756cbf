"""The worker pool holds back when the index writer falls behind: finished texts waiting for
it are bounded, so a slow commit cannot fill the memory with a library's worth of text. And
no file is lost or read twice when a worker holding more than one is replaced."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from indexer.extract.base import Failure, FailureReason, Limits
from indexer.workers import JOBS_PER_WORKER, ExtractionPool, Job
from tests.conftest import CORPUS
from tests.factories import write_text


def extracted_so_far(cache_dir: Path) -> int:
    return sum(1 for _ in cache_dir.rglob("*.json.z"))


def test_outcomes_waiting_for_a_slow_writer_are_bounded(tmp_path: Path) -> None:
    files = [
        write_text(tmp_path / "library" / f"{n:02}.txt", f"note {n} " * 200) for n in range(40)
    ]
    jobs = [Job(path.name, path) for path in files]
    cache_dir = tmp_path / "cache"
    with ExtractionPool(
        cache_dir=cache_dir, limits=Limits(), workers=2, waiting_per_worker=2
    ) as pool:
        outcomes = pool.run(jobs)
        received = [next(outcomes)]
        time.sleep(3.0)  # the writer is busy: a long commit
        ahead = extracted_so_far(cache_dir)
        received.extend(outcomes)
    # Waiting in the queue, one in the scheduler's hand, those finished in each worker's pipe
    # (as many as the files it holds at once), and the one the writer holds.
    bound = pool.outcomes_waiting + 1 + pool.size * JOBS_PER_WORKER + 1
    assert ahead <= bound < len(jobs)
    assert sorted(o.asset_id for o in received) == sorted(j.asset_id for j in jobs)


def test_a_caller_that_stops_listening_does_not_hang_the_pool(tmp_path: Path) -> None:
    files = [write_text(tmp_path / "library" / f"{n:02}.txt", f"note {n}") for n in range(20)]
    with ExtractionPool(cache_dir=tmp_path / "cache", limits=Limits(), workers=1) as pool:
        outcomes = pool.run([Job(path.name, path) for path in files])
        next(outcomes)
        time.sleep(1.0)  # the queue fills and the scheduler waits on it
        started = time.monotonic()
        outcomes.close()
        assert time.monotonic() - started < 5


def test_the_files_a_worker_held_after_one_past_its_limit_are_read_once(tmp_path: Path) -> None:
    """A worker holds its next file while it reads one: when it is killed over the first,
    the next goes to its replacement, neither lost nor read twice."""
    book = tmp_path / "library" / "book.pdf"
    book.parent.mkdir(parents=True)
    shutil.copy(CORPUS / "pdf" / "pdfjs_freeculture.pdf", book)  # about half a second
    notes = [write_text(tmp_path / "library" / f"{n}.txt", f"note {n}") for n in range(3)]
    jobs = [Job(path.name, path) for path in [book, *notes]]
    limits = Limits(seconds_per_file=0.1)
    with ExtractionPool(cache_dir=tmp_path / "cache", limits=limits, workers=1) as pool:
        outcomes = list(pool.run(jobs))
    assert sorted(o.asset_id for o in outcomes) == sorted(j.asset_id for j in jobs)
    failed = {o.asset_id: o.result.reason for o in outcomes if isinstance(o.result, Failure)}
    assert failed == {"book.pdf": FailureReason.TIMED_OUT}
