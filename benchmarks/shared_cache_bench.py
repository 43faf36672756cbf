"""A rep's first full index with a warm shared cache against a cold one (issue 14: ≤ 25%).

    .venv/bin/python benchmarks/shared_cache_bench.py --n 5000 [--repeat 3] [--workers N]

On a hard-linked working copy of the cached generated library (`benchmarks/corpus.py`; it must
be complete already, this script never generates one), marketing's machine first runs
`index --shared-cache` once (timed, printed, not part of the ratio). Then, alternating, a rep's
first index into a fresh home folder runs with the share hidden (cold: renamed to a dot name
the scan skips, so the rep extracts everything) and with it in place (warm: the rep reads what
matches). Every run is a new process, timed from its start to its exit, as a rep's
`contentfinder index` is. Medians are printed with the ratio warm/cold, and, per run, where the
time went: the workers' CPU seconds (hash, read, extract, analyse) and the parent's seconds
writing the index.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import DATA_DIR, is_complete, library_path  # noqa: E402

TARGET = 0.25
SHARED = ".contentfinder"
HIDDEN = ".contentfinder-hidden-by-bench"  # a dot folder: the scan skips it as it does SHARED


def working_copy(source: Path, target: Path) -> None:
    """Hard links (instant, no space), so the share written into the copy leaves the cached
    library as it was."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


def child_index(library: str, home: str, shared_cache: bool, workers: int | None) -> int:
    """One index run in this (fresh) process; prints its figures as one JSON line."""
    from contentfinder.config import Settings
    from indexer.pipeline import update_index

    settings = Settings(library=Path(library), home=Path(home))
    summary = update_index(settings, workers=workers, shared_cache=shared_cache)
    figures = {
        **summary.to_json(),
        "failed": len(summary.failed),
        "unsupported": len(summary.unsupported),
        "extracted": summary.extracted,
        "extraction_cpu_seconds": round(summary.extraction_seconds, 2),
        "writing_seconds": round(summary.writing_seconds, 2),
    }
    print(json.dumps(figures))
    return 0


def timed_run(library: Path, home: Path, *, shared_cache: bool, workers: int | None) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(library), str(home)]
    command += ["--publish"] if shared_cache else []
    command += ["--workers", str(workers)] if workers else []
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"index run failed ({done.returncode}):\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall"] = wall
    return figures


def describe(label: str, figures: dict) -> str:
    shared = figures.get("shared_cache") or {}
    return (
        f"  {label:<10} {figures['wall']:7.1f} s  added {figures['added']}, "
        f"extracted {figures['extracted']}, from share {shared.get('read', 0)}, "
        f"ignored {shared.get('ignored', 0)}, failed {figures['failed']}; "
        f"workers' CPU {figures['extraction_cpu_seconds']:.1f} s, "
        f"parent writing {figures['writing_seconds']:.1f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="assets (default 5000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind (default 3)")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    parser.add_argument("--keep", action="store_true", help="keep the working copy")
    parser.add_argument("--child", nargs=2, metavar=("LIBRARY", "HOME"), help=argparse.SUPPRESS)
    parser.add_argument("--publish", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_index(*args.child, args.publish, args.workers)

    source = library_path(args.n, args.seed)
    if not is_complete(source, args.n, args.seed):
        print(
            f"{source}: no complete generated library (generate it first, e.g. with "
            f"benchmarks/index_bench.py --n {args.n})",
            file=sys.stderr,
        )
        return 1
    print(
        f"== shared cache benchmark: {args.n} assets, workers {args.workers or os.cpu_count()}, "
        f"{args.repeat} cold and {args.repeat} warm rep runs, alternating; "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="work-shared-", dir=DATA_DIR))  # hard links
    try:
        library = work / "library"
        working_copy(source, library)
        publisher = timed_run(library, work / "marketing", shared_cache=True, workers=args.workers)
        print(describe("marketing", publisher) + f"; published {publisher['shared_cache']}")
        cold: list[float] = []
        warm: list[float] = []
        for round_ in range(args.repeat):
            (library / SHARED).rename(library / HIDDEN)
            figures = timed_run(
                library, work / f"cold-{round_}", shared_cache=False, workers=args.workers
            )
            print(describe(f"cold {round_ + 1}", figures), flush=True)
            cold.append(figures["wall"])
            (library / HIDDEN).rename(library / SHARED)
            figures = timed_run(
                library, work / f"warm-{round_}", shared_cache=False, workers=args.workers
            )
            print(describe(f"warm {round_ + 1}", figures), flush=True)
            warm.append(figures["wall"])
            if figures["extracted"] > figures["failed"]:  # failures are tried again
                print("  warning: the warm run extracted files the share should have held")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    ratio = warm_median / cold_median
    print(
        f"rep's first index, median of {args.repeat}: cold {cold_median:.1f} s, "
        f"warm {warm_median:.1f} s; warm/cold {ratio:.0%} "
        f"(target ≤ {TARGET:.0%}: {'met' if ratio <= TARGET else 'not met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
