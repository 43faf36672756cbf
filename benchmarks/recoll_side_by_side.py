"""contentfinder beside Recoll: full index from scratch of the same library, in the same run.

    .venv/bin/python benchmarks/index_bench.py --n 1000 --recoll [--repeat 3]
        [--against CHECKOUT] [--recoll-only] [--no-search]

Each contestant indexes a hard-linked working copy of the cached library into a fresh folder,
as a fresh process: `python -m contentfinder.cli index` (with PYTHONPATH set to the checkout
measured) and `recollindex -c <fresh confdir>`. The order alternates every repeat, so a load
that drifts over the run weighs on both; medians of the repeats are printed, wall time and CPU
time (the process tree's, from wait4's rusage), and the ratio to Recoll. `--against CHECKOUT`
times another checkout's contentfinder too (e.g. a worktree of main), as a baseline.

Nothing is installed here: when `recollindex` is not on PATH this says so and skips Recoll.
What keeps the comparison honest: Recoll's OOXML filters are Python scripts that need lxml,
and without it Recoll skips every PPTX/DOCX/XLSX silently, so a python3 that has lxml is put
first on Recoll's PATH; the number of files each indexed is printed beside the times, per
format. Recoll does not read the inline strings of XLSX files (it reads shared strings only),
and it also makes one document per folder (not counted below).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON_CANDIDATES = ("python3", "/usr/bin/python3")
ONE_SHOT_QUERIES = ("security", "pricing", "renewal", "onboarding", "compliance")
KINDS = ("pdf", "pptx", "docx", "xlsx", "html", "md")  # the per-format count


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float  # user + system of the process and every child it waited for
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Contestant:
    label: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    documents: str = ""  # what it indexed, as it says (last run)

    def median_wall(self) -> float:
        return statistics.median(self.walls)

    def median_cpu(self) -> float:
        return statistics.median(self.cpus)


def timed(command: list[str], *, env: dict[str, str], cwd: Path | None = None) -> Timed:
    """Runs `command`, its wall time and the CPU time of its whole process tree."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Timed(
            wall,
            usage.ru_utime + usage.ru_stime,
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


# --------------------------------------------------------------------------------------------
# contentfinder, as a fresh command-line process of a given checkout.


def contentfinder_env(checkout: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("CONTENTFINDER_HOME", None)
    return env


def contentfinder_index(checkout: Path, library: Path, home: Path) -> Timed:
    command = [sys.executable, "-m", "contentfinder.cli", "index", "--json"]
    command += ["--library", str(library), "--home", str(home)]
    return timed(command, env=contentfinder_env(checkout), cwd=checkout)


def contentfinder_documents(result: Timed, library: Path) -> str:
    import json

    try:
        summary = json.loads(result.stdout)
    except ValueError:
        return f"no summary (exit {result.returncode}): {result.stderr.strip()[-300:]}"
    failed = summary.get("failed", [])
    kinds = Counter(Path(str(f["id"])).suffix.lstrip(".") for f in failed)
    indexed = summary.get("added", 0) + summary.get("updated", 0)
    return f"{indexed} files indexed, {len(failed)} failed {dict(kinds) or ''}".strip()


def contentfinder_search(checkout: Path, library: Path, home: Path, query: str) -> Timed:
    command = [sys.executable, "-m", "contentfinder.cli", "search", "--json", "--no-log"]
    command += ["--library", str(library), "--home", str(home), query]
    return timed(command, env=contentfinder_env(checkout), cwd=checkout)


# --------------------------------------------------------------------------------------------
# Recoll.


def recoll_missing() -> str | None:
    """Why Recoll cannot be measured here, or None."""
    missing = [name for name in ("recollindex", "recollq") if shutil.which(name) is None]
    if missing:
        return f"{' and '.join(missing)} not found on PATH (Recoll is not installed)"
    return None


def python_with_lxml() -> str | None:
    for candidate in PYTHON_CANDIDATES:
        found = shutil.which(candidate)
        if found is None:
            continue
        probe = subprocess.run([found, "-c", "import lxml"], capture_output=True, check=False)
        if probe.returncode == 0:
            return found
    return None


def recoll_env(work: Path) -> dict[str, str]:
    """Recoll's environment: a python3 with lxml first on PATH (its OOXML filters need it)."""
    env = dict(os.environ)
    python = python_with_lxml()
    if python is not None:
        shim = work / "recoll-bin"
        shim.mkdir(exist_ok=True)
        link = shim / "python3"
        if not link.exists():
            link.symlink_to(python)
        env["PATH"] = f"{shim}{os.pathsep}{env.get('PATH', '')}"
    return env


def recoll_config(confdir: Path, library: Path) -> None:
    confdir.mkdir(parents=True)
    lines = [f"topdirs = {library}"]
    # The spelling dictionary is part of Recoll's run, as ours is of ours; Recoll picks the
    # language from the locale, which here (C.UTF-8) names no dictionary.
    lines.append("aspellLanguage = en")
    (confdir / "recoll.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")


def recoll_index(confdir: Path, env: dict[str, str]) -> Timed:
    return timed(["recollindex", "-c", str(confdir), "-z"], env=env)


def recoll_count(confdir: Path, query: str, env: dict[str, str]) -> int | None:
    result = subprocess.run(
        ["recollq", "-c", str(confdir), "-E", "-Q", query],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in result.stdout.splitlines() + result.stderr.splitlines():
        # "5006 results (printing  2000 max):" once there are more than it lists
        if counted := _RESULT_COUNT.match(line):
            return int(counted.group(1))
    return None


_RESULT_COUNT = re.compile(r"(\d+) results\b")


def recoll_documents(confdir: Path, library: Path, env: dict[str, str]) -> str:
    files = recoll_count(confdir, f"dir:{library} -mime:inode/directory", env)
    kinds = {kind: recoll_count(confdir, f"ext:{kind}", env) for kind in KINDS}
    return f"{files} files indexed {kinds}"


def recoll_search(confdir: Path, query: str, env: dict[str, str]) -> Timed:
    return timed(["recollq", "-c", str(confdir), "-n", "20", "-a", query], env=env)


def library_kinds(library: Path) -> dict[str, int]:
    found = Counter(
        p.suffix.lstrip(".").lower() for p in library.rglob("*") if p.is_file() and p.suffix
    )
    return {kind: found[kind] for kind in KINDS}


# --------------------------------------------------------------------------------------------
# The run.


def side_by_side(
    library: Path,
    work: Path,
    *,
    repeat: int,
    against: Path | None,
    recoll_only: bool,
    searches: bool,
) -> int:
    print(f"== side by side: full index from scratch, {repeat} runs each, order alternating")
    print(f"   library {library}: {library_kinds(library)} (by suffix)")
    checkouts: list[tuple[str, Path]] = []
    if not recoll_only:
        checkouts.append((f"contentfinder ({ROOT.name})", ROOT))
        if against is not None:
            checkouts.append((f"contentfinder ({against})", against.resolve()))
    why_not = recoll_missing()
    if why_not:
        print(f"   Recoll: skipped, {why_not}")
    elif python_with_lxml() is None:
        print("   Recoll: warning, no python3 with lxml: Recoll will skip PPTX/DOCX/XLSX")
    env = recoll_env(work)
    contestants = {label: Contestant(label) for label, _ in checkouts}
    if why_not is None:
        contestants["Recoll"] = Contestant("Recoll")
    if not contestants:
        print("   nothing to measure")
        return 1
    homes: dict[str, Path] = {}
    for run in range(repeat):
        labels = list(contestants)
        order = labels if run % 2 == 0 else labels[::-1]
        for label in order:
            # Its own fresh folder: a home reused would hand over its extraction cache.
            folder = work / f"run{run + 1}-{labels.index(label)}"
            if label == "Recoll":
                recoll_config(folder, library)
                result = recoll_index(folder, env)
                contestants[label].documents = recoll_documents(folder, library, env)
            else:
                checkout = dict(checkouts)[label]
                result = contentfinder_index(checkout, library, folder)
                contestants[label].documents = contentfinder_documents(result, library)
            previous, homes[label] = homes.get(label), folder
            if previous is not None:
                shutil.rmtree(previous, ignore_errors=True)
            contestant = contestants[label]
            contestant.walls.append(result.wall)
            contestant.cpus.append(result.cpu)
            status = "" if result.returncode == 0 else f" (exit {result.returncode})"
            print(
                f"   run {run + 1} {label:<40} wall {result.wall:7.2f} s  "
                f"cpu {result.cpu:7.2f} s{status}",
                flush=True,
            )
    print_table(contestants, repeat)
    if searches:
        one_shot_searches(contestants, checkouts, library, homes, env)
    return 0


def print_table(contestants: dict[str, Contestant], repeat: int) -> None:
    recoll = contestants.get("Recoll")
    print(f"\n{'full index, median of ' + str(repeat):<44} {'wall':>9} {'cpu':>9}  ratio to Recoll")
    for contestant in contestants.values():
        wall, cpu = contestant.median_wall(), contestant.median_cpu()
        ratio = (
            f"{wall / recoll.median_wall():.2f} wall, {cpu / recoll.median_cpu():.2f} cpu"
            if recoll is not None and contestant is not recoll
            else ""
        )
        print(f"{contestant.label:<44} {wall:8.2f}s {cpu:8.2f}s  {ratio}")
    print("\nwhat each indexed (last run):")
    for contestant in contestants.values():
        print(f"  {contestant.label:<42} {contestant.documents}")
    if recoll is not None:
        print("  (Recoll reads no inline strings of XLSX; it also adds one document per folder)")


def one_shot_searches(
    contestants: dict[str, Contestant],
    checkouts: list[tuple[str, Path]],
    library: Path,
    homes: dict[str, Path],
    env: dict[str, str],
) -> None:
    print(f"\none-shot search, a fresh process per query ({len(ONE_SHOT_QUERIES)} words), median:")
    for label in contestants:
        times = []
        for query in ONE_SHOT_QUERIES:
            if label == "Recoll":
                result = recoll_search(homes[label], query, env)
            else:
                result = contentfinder_search(dict(checkouts)[label], library, homes[label], query)
            times.append(result.wall)
        print(
            f"  {label:<42} {statistics.median(times) * 1000:7.1f} ms  "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})"
        )
