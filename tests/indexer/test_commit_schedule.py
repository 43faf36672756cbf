"""When an index run commits: as shares of a full index are done, at an interval that grows
with a long run, and never for a handful of files before the end."""

from __future__ import annotations

from indexer.writing import COMMIT_EVERY_SECONDS, CommitSchedule


def _commits(total: int, seconds_per_file: float) -> list[int]:
    """The files done at each commit of a run of `total`, one written per file."""
    schedule = CommitSchedule(COMMIT_EVERY_SECONDS, started=0.0, last_commit=0.0)
    commits = []
    for done in range(total):
        schedule.written += 1
        now = done * seconds_per_file
        if schedule.due(done, total, now):
            schedule.committed(done, now)
            commits.append(done)
    return commits


def test_a_quick_full_index_commits_at_shares_of_its_files() -> None:
    """1,000 files in a few seconds: four segments, the last (which nothing overlaps) small."""
    assert _commits(1_000, 0.005) == [300, 600, 850]


def test_a_handful_of_files_commits_once_at_the_end() -> None:
    assert _commits(10, 0.5) == []
    assert _commits(150, 0.005) == []


def test_a_long_run_commits_at_doubling_intervals() -> None:
    """100,000 files at 10 ms each: the time rule first, each segment about twice the last."""
    commits = _commits(100_000, 0.01)
    assert commits[0] == 1_001  # the first after ten seconds
    assert [round(b / a, 2) for a, b in zip(commits[:4], commits[1:5], strict=True)] == [2.0] * 4
    assert 85_000 in commits  # the tail commit, so the final one stays small
    assert len(commits) < 10  # few segments to merge
