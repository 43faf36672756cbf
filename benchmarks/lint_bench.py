"""`contentfinder lint` on a synthetic library of N assets (target: 5,000 assets in ≤ 5 s).

    .venv/bin/python benchmarks/lint_bench.py --n 5000 [--repeat 5]

Uses the cached library and index of the GUI benchmark (made first when missing), and prints
the median of in-process runs and one run as a new process, as a marketer runs it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import cached_library  # noqa: E402
from benchmarks.gui_bench import indexed_home  # noqa: E402
from contentfinder.config import Settings  # noqa: E402
from contentfinder.curation.health import lint_library  # noqa: E402
from contentfinder.library.opened import Library  # noqa: E402

TARGET_SECONDS = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    library = cached_library(args.n, args.seed)
    home = indexed_home(library, args.n, args.seed)
    settings = Settings(library=library, home=home)
    times, report = [], None
    for _ in range(args.repeat):
        started = time.perf_counter()
        report = lint_library(Library(settings))
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "contentfinder.cli",
            "lint",
            "--library",
            str(library),
            "--home",
            str(home),
            "--json",
        ],
        capture_output=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    command = time.perf_counter() - started
    print(f"== contentfinder lint: {report.assets} assets")
    print(f"  findings: {report.errors} errors, {report.warnings} warnings")
    print(
        f"  lint_library, median of {args.repeat}: {statistics.median(times):.2f} s "
        f"(target ≤ {TARGET_SECONDS:.0f} s)"
    )
    print(f"  'contentfinder lint --json' as a new process: {command:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
