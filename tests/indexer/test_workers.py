"""The worker pool holds back when the index writer falls behind: finished texts waiting for
it are bounded, so a slow commit cannot fill the memory with a library's worth of text."""

from __future__ import annotations

import time
from pathlib import Path

from indexer.extract.base import Limits
from indexer.workers import ExtractionPool, Job
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
    # Waiting in the queue, one in the scheduler's hand, one finished in each worker's pipe,
    # and the one the writer holds.
    bound = pool.outcomes_waiting + 1 + pool.size + 1
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
