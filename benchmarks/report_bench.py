"""`contentfinder report KIND` over a central folder of N usage events, as a marketing lead
runs it (a new process each time), beside the same reports of a baseline checkout on the same
events: the code before issue 13, say.

    .venv/bin/python benchmarks/report_bench.py --events 50000 [--baseline /work/wt-old]

The events are the demo usage of `scripts/demo_usage.py` (eight reps, thirteen weeks,
searched for real on the sample library), copied under new devices and ids until there are N.
Prints each kind's median of `--repeat` runs, and the baseline's where it has the kind.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from demo_usage import demo_events  # noqa: E402

from contentfinder.config import Settings  # noqa: E402
from contentfinder.library.opened import Library  # noqa: E402
from contentfinder.usage.events import UsageEvent, to_record  # noqa: E402
from indexer.pipeline import update_index  # noqa: E402

LIBRARY = ROOT / "resources" / "sample-library"
KINDS = ("summary", "unused", "top", "gaps", "coverage")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout to run the same reports")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="report-bench-") as scratch:
        work = Path(scratch)
        home = work / "home"
        update_index(Settings(library=LIBRARY, home=home), workers=1)
        events = scaled(demo_events(Library(Settings(library=LIBRARY, home=home))), args.events)
        store = write_folder(work / "store", events)
        print(f"{len(events)} events of {len({e.device_id for e in events})} devices in {store}")
        checkouts = {"this": ROOT}
        if args.baseline:
            checkouts["baseline"] = args.baseline.resolve()
        medians: dict[str, dict[str, float | None]] = defaultdict(dict)
        for name, checkout in checkouts.items():
            own_home = work / f"home-{name}"
            run(checkout, "index", "--library", str(LIBRARY), "--home", str(own_home))
            for kind in KINDS:
                medians[kind][name] = timed(checkout, kind, store, own_home, args.repeat)
    print(f"\n{'report':<10} {'this (s)':>10} {'baseline (s)':>13}   median of {args.repeat}")
    for kind in KINDS:
        this, base = medians[kind].get("this"), medians[kind].get("baseline")
        print(f"{kind:<10} {_shown(this):>10} {_shown(base):>13}")
    return 0


def scaled(base: list[UsageEvent], wanted: int) -> list[UsageEvent]:
    """`base` again and again under new devices, users and ids (links kept within a copy)."""
    events: list[UsageEvent] = []
    copy = 0
    while len(events) < wanted:
        ids = {e.event_id: str(uuid.uuid4()) for e in base}
        for event in base:
            events.append(
                replace(
                    event,
                    event_id=ids[event.event_id],
                    device_id=f"{event.device_id}-{copy}",
                    user_id=f"{event.user_id}-{copy}",
                    search_event_id=ids.get(event.search_event_id or ""),
                )
            )
        copy += 1
    return events[:wanted]


def write_folder(store: Path, events: list[UsageEvent]) -> Path:
    """A central folder as sync writes it: one batch per device."""
    by_device: dict[str, list[UsageEvent]] = defaultdict(list)
    for event in events:
        by_device[event.device_id].append(event)
    for device, own in by_device.items():
        folder = store / "events" / device
        folder.mkdir(parents=True)
        lines = "".join(json.dumps(to_record(e)) + "\n" for e in own)
        (folder / f"{1:012d}-{len(own):012d}.jsonl").write_text(lines, encoding="utf-8")
    return store


def timed(checkout: Path, kind: str, store: Path, home: Path, repeat: int) -> float | None:
    """The median seconds of `report kind`; None when the checkout has no such report."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = run(
            checkout, "report", kind, "--from", str(store), "--format", "json",
            "--library", str(LIBRARY), "--home", str(home), check=False,
        )  # fmt: skip
        if done.returncode != 0:
            return None
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(checkout: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, "-m", "contentfinder.cli", *args]
    return subprocess.run(command, capture_output=True, check=check, env=env, cwd=checkout)


def _shown(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f}"


if __name__ == "__main__":
    raise SystemExit(main())
