"""Re-index benchmark at scale: no-change and 10-changed-files runs, and the peak memory of a
full index, summed over the whole process tree.

    .venv/bin/python benchmarks/reindex_bench.py --n 50000 --tiny [--repeat 3] [--baseline DIR]
    .venv/bin/python benchmarks/reindex_bench.py --n 50000             # the generated corpus
    .venv/bin/python benchmarks/reindex_bench.py --n 50000 --tiny --profile   # where time goes

`--tiny` writes (once, cached under `--root`, default /tmp/scale) a library of N small Markdown
files in nested folders, a third with tags in front matter: the files' contents barely matter to
a re-index, which is dominated by the scan, the plan and the commit, so it stands in for the
generated corpus (`benchmarks/.data/library-N-7`, used when `--tiny` is absent and the corpus is
complete; this script never generates it) without the hours that takes.

Every run is a new `contentfinder index --json` process, as a user or the app starts it: the
figure is its wall time, imports included (the run's own `seconds` is printed beside). With
`--baseline DIR` (a checkout of another revision, e.g. `git worktree add /tmp/base main`) the
same runs alternate between the two checkouts, each with its own home, on the same library;
medians are printed side by side. Targets (issue 14, at 50,000 assets): no-change ≤ 3 s,
10 changed files ≤ 3 s, peak memory of a full index ≤ 1.5 GB for the whole process tree.

Peak memory: the sum of PSS (`/proc/PID/smaps_rollup`) over the index process and all its
descendants (workers and their children), sampled every 0.2 s during the full index. PSS
shares pages fairly between processes, so the sum is what the tree costs the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = Path("/tmp/scale")
CHANGED_FILES = 10
SAMPLE_SECONDS = 0.2
TARGET_SECONDS = 3.0
TARGET_PEAK_BYTES = 1.5 * 2**30
TINY_MARKER = ".tiny-complete"  # hidden: the library scan skips it
TINY_VERSION = 1  # bump when the generated files change
FILES_PER_FOLDER = 100
FOLDERS_PER_GROUP = 20

WORDS = (
    "revenue pipeline forecast quota renewal churn onboarding security compliance audit "
    "migration cloud latency throughput integration roadmap pricing discount margin budget "
    "procurement contract partner channel enablement playbook objection competitor benchmark "
    "adoption retention expansion upsell governance encryption backup recovery analytics "
    "dashboard workflow automation savings efficiency payback investment deployment"
).split()
PERSONAS = ("CFO", "CIO", "CEO", "VP Sales", "CISO")
STAGES = ("awareness", "consideration", "decision")


# --------------------------------------------------------------------------------------------
# The libraries.


def tiny_library(root: Path, n: int, seed: int) -> Path:
    """N small Markdown files below `root`/tiny-N-SEED, written once (a marker says done)."""
    library = root / f"tiny-{n}-{seed}"
    marker = library / TINY_MARKER
    if marker.is_file() and marker.read_text().strip() == str(TINY_VERSION):
        return library
    print(f"writing {n:,} tiny assets into {library} ...", flush=True)
    shutil.rmtree(library, ignore_errors=True)
    for index in range(n):
        path = library / tiny_id(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tiny_text(index, seed, revision=0), encoding="utf-8")
    marker.write_text(str(TINY_VERSION))
    return library


def tiny_id(index: int) -> str:
    folder = index // FILES_PER_FOLDER
    group = folder // FOLDERS_PER_GROUP
    return f"Group {group:03d}/Folder {folder:04d}/note-{index:06d}.md"


def tiny_text(index: int, seed: int, *, revision: int) -> str:
    rng = random.Random(f"tiny-{seed}-{index}-{revision}")
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))
    title = f"Note {index} {rng.choice(WORDS)} {rng.choice(WORDS)}"
    if index % 3 == 0:
        front = f"---\ntitle: {title}\npersona: {rng.choice(PERSONAS)}\n"
        front += f"stage: {rng.choice(STAGES)}\n---\n"
        return f"{front}\n{words}\n"
    return f"# {title}\n\n{words}\n"


def corpus_library(n: int, seed: int) -> Path:
    sys.path.insert(0, str(REPO_ROOT))
    from benchmarks.corpus import is_complete, library_path

    library = library_path(n, seed)
    if not is_complete(library, n, seed):
        raise SystemExit(
            f"{library}: not generated (or not complete); generate it with "
            f"benchmarks/corpus.py --n {n} --seed {seed}, or pass --tiny"
        )
    return library


def hard_linked_copy(source: Path, target: Path) -> None:
    """A working copy whose files can be replaced without touching the cached corpus."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


class Changer:
    """Changes 10 assets per round, a new revision each time (size and time change). The
    revisions are new in every session, so no home has seen the content before."""

    def __init__(self, library: Path, n: int, seed: int, *, tiny: bool) -> None:
        self.library, self.n, self.seed, self.tiny = library, n, seed, tiny
        self.round = 0
        self.session = time.time_ns() % 10**9

    def change(self) -> list[str]:
        self.round += 1
        if not self.tiny:
            sys.path.insert(0, str(REPO_ROOT))
            from benchmarks.corpus import modify

            return modify(self.library, CHANGED_FILES, self.session + self.round)
        rng = random.Random(f"change-{self.seed}-{self.session}-{self.round}")
        chosen = rng.sample(range(self.n), CHANGED_FILES)
        for index in chosen:
            path = self.library / tiny_id(index)
            temp = path.with_name(f".{path.name}.new")
            revision = self.session * 1000 + self.round
            temp.write_text(tiny_text(index, self.seed, revision=revision), encoding="utf-8")
            os.replace(temp, path)  # a new inode: a hard-linked copy keeps the old file
        return [tiny_id(i) for i in chosen]


# --------------------------------------------------------------------------------------------
# Memory of a process tree.


class TreePeakSampler:
    """The peak, over time, of the summed PSS of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS) -> None:
        self.pid, self.interval = pid, interval
        self.peak = 0  # bytes
        self.peak_processes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="pss-sampler", daemon=True)

    def __enter__(self) -> TreePeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while True:
            pids = descendants(self.pid) | {self.pid}
            total = sum(pss_bytes(pid) for pid in pids)
            self.samples += 1
            if total > self.peak:
                self.peak, self.peak_processes = total, len(pids)
            if self._stop.wait(self.interval):
                return


def descendants(root: int) -> set[int]:
    """Children, grandchildren, ... of `root`, from every process's parent id in /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    pending = [root]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


# --------------------------------------------------------------------------------------------
# Index runs: each a new `contentfinder index` process.


@dataclass
class Side:
    """One checkout under test and its home folder."""

    label: str
    checkout: Path
    home: Path
    times: dict[str, list[float]] = field(default_factory=dict)  # kind -> wall seconds
    inner: dict[str, list[float]] = field(default_factory=dict)  # kind -> the run's seconds

    def index(self, library: Path, kind: str, *, workers: int | None, sample: bool = False) -> dict:
        command = [sys.executable, "-m", "contentfinder.cli", "index", "--json"]
        command += ["--library", str(library), "--home", str(self.home)]
        if workers:
            command += ["--workers", str(workers)]
        environment = dict(os.environ, PYTHONPATH=str(self.checkout))
        started = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=self.checkout, env=environment, stdout=subprocess.PIPE, text=True
        )
        sampler = TreePeakSampler(child.pid) if sample else None
        if sampler is not None:
            with sampler:
                out, _ = child.communicate()
        else:
            out, _ = child.communicate()
        wall = time.perf_counter() - started
        if child.returncode != 0:
            raise SystemExit(f"{self.label}: `{' '.join(command)}` failed ({child.returncode})")
        summary = json.loads(out)
        self.times.setdefault(kind, []).append(wall)
        self.inner.setdefault(kind, []).append(float(summary["seconds"]))
        counts = ", ".join(f"{k} {summary[k]}" for k in ("added", "updated", "removed"))
        line = f"  {self.label:>9} {kind:<12} {wall:7.2f} s wall ({summary['seconds']:.2f} s run)"
        line += f"  {counts}, unchanged {summary['unchanged']}, failed {len(summary['failed'])}"
        if sampler is not None:
            line += f"; peak PSS of the tree {sampler.peak / 2**20:,.0f} MB"
            line += f" ({sampler.peak_processes} processes, {sampler.samples} samples)"
            summary["peak_pss"] = sampler.peak
        print(line, flush=True)
        return summary


def profile_runs(library: Path, home: Path, changer: Changer, *, workers: int | None) -> None:
    """Where a re-index spends its time: the 25 most expensive calls (cumulative) of each."""
    import cProfile
    import pstats

    sys.path.insert(0, str(REPO_ROOT))
    from contentfinder.config import load_settings
    from indexer.pipeline import update_index

    settings = load_settings(library=library, home=home)
    update_index(settings, workers=workers)  # settle
    for kind in ("no change", "10 changed"):
        if kind == "10 changed":
            changer.change()
        profiler = cProfile.Profile()
        profiler.enable()
        summary = update_index(settings, workers=workers)
        profiler.disable()
        print(f"\n== {kind}: {summary.seconds:.2f} s (updated {summary.updated}) ==")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s" if values else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50_000, help="assets in the library")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tiny", action="store_true", help="tiny Markdown files (see above)")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="cache of tiny libraries")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind per side")
    parser.add_argument("--workers", type=int, help="extraction processes (default: per core)")
    parser.add_argument("--baseline", type=Path, help="a checkout to compare against")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead: one no-change and one 10-changed run in this process, under cProfile",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="index from scratch even if a home is kept"
    )
    args = parser.parse_args()

    args.root.mkdir(parents=True, exist_ok=True)
    name = f"{'tiny' if args.tiny else 'corpus'}-{args.n}-{args.seed}"
    source = (
        tiny_library(args.root, args.n, args.seed)
        if args.tiny
        else corpus_library(args.n, args.seed)
    )
    library = args.root / f"work-{name}"  # changed files go here, never into the cache
    sides = [Side("this", REPO_ROOT, args.root / f"home-{name}")]
    if args.baseline:
        sides.append(Side("baseline", args.baseline.resolve(), args.root / f"home-{name}-base"))
    if args.fresh or not (library.is_dir() and all((s.home / "index").is_dir() for s in sides)):
        shutil.rmtree(library, ignore_errors=True)
        hard_linked_copy(source, library)
        for side in sides:
            shutil.rmtree(side.home, ignore_errors=True)
    print(f"library {library} ({args.n:,} assets); python {sys.version.split()[0]}")

    changer = Changer(library, args.n, args.seed, tiny=args.tiny)
    if args.profile:
        profile_runs(library, sides[0].home, changer, workers=args.workers)
        return
    peak: dict[str, int] = {}
    for side in sides:
        if not (side.home / "index").is_dir():
            print("full index (memory sampled):")
            peak[side.label] = int(
                side.index(library, "full", workers=args.workers, sample=True).get("peak_pss", 0)
            )
    for side in sides:  # settle: whatever a previous session left changed is indexed now
        side.index(library, "settle", workers=args.workers)

    for round_ in range(1, args.repeat + 1):
        print(f"round {round_}/{args.repeat}:")
        for side in sides:
            side.index(library, "no change", workers=args.workers)
        changed = changer.change()
        for side in sides:
            summary = side.index(library, "10 changed", workers=args.workers)
            seen = summary["updated"] + summary["added"] + summary["unchanged"]
            if summary["updated"] + summary["added"] < len(changed) and seen < args.n:
                print(f"    warning: {len(changed)} changed, the run updated fewer")

    print(f"\nmedians of {args.repeat} runs, wall time of `contentfinder index` (run's own)")
    header = f"{'':<14}" + "".join(f"{s.label:>24}" for s in sides) + f"{'target':>10}"
    print(header)
    for kind in ("no change", "10 changed", "full"):
        if not any(kind in s.times for s in sides):
            continue
        cells = "".join(
            f"{median(s.times.get(kind, [])) + ' (' + median(s.inner.get(kind, [])) + ')':>24}"
            for s in sides
        )
        target = f"{TARGET_SECONDS:.0f} s" if kind != "full" else "-"
        print(f"{kind:<14}{cells}{target:>10}")
    for label, value in peak.items():
        verdict = "within" if value <= TARGET_PEAK_BYTES else "ABOVE"
        print(f"peak PSS, full index, {label}: {value / 2**20:,.0f} MB ({verdict} 1.5 GB)")


if __name__ == "__main__":
    main()
