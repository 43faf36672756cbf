"""Index and search benchmark on a synthetic library of N assets (see `benchmarks/corpus.py`).

    .venv/bin/python benchmarks/index_bench.py --n 200 [--baseline] [--repeat 3] [--keep]
    .venv/bin/python benchmarks/index_bench.py --n 5000 --search-only HOME   # an index kept before
    .venv/bin/python benchmarks/index_bench.py --n 1000 --recoll [--against CHECKOUT]
        [--recoll-only] [--no-search]   # beside Recoll: see benchmarks/recoll_side_by_side.py

Measures a full index into a fresh home folder, no-change and 10-changed-files re-indexes,
index and cache size, peak memory of the parent and of the largest worker, search latency over
a fixed mix of queries and, with --baseline, a naive single-process indexer on the same files.

The library is generated (or reused) first; the measurements then run in a fresh child process,
so the corpus generator's worker processes do not count in the child-memory figure. They run on
a hard-linked working copy of the cached library, so modifying files leaves the cache intact.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

# Run as a script from anywhere: the repository root makes benchmarks, contentfinder, indexer
# importable (benchmarks/ has no __init__.py; it is a namespace package).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import (
    DATA_DIR,
    MARKER,
    cached_library,
    is_complete,
    library_path,
    modify,
    vocabulary,
)
from benchmarks.recoll_side_by_side import side_by_side
from contentfinder.config import Settings
from contentfinder.library.taxonomy import Taxonomy, load_taxonomy
from contentfinder.search.session import SearchRequest, SearchSession, search
from indexer.pipeline import IndexSummary, Progress, update_index

CHANGED_FILES = 10
SEARCH_ROUNDS = 3  # the query mix, each time in a new session: this machine's noise is ±20%
WARM_UP_QUERY = "ROI"
QUERY_MIX: tuple[tuple[str, int], ...] = (  # kind, share of the 200 queries
    ("one word", 45),
    ("two/three words", 35),
    ("phrase", 20),
    ("words + persona|stage", 40),
    ("words + persona&stage", 15),
    ("browse (filter only)", 20),
    ("misspelled", 25),
)


# --------------------------------------------------------------------------------------------
# Small helpers.


@dataclass
class Report:
    """Figures in the order they were measured; printed again as a table at the end."""

    rows: list[tuple[str, str]] = field(default_factory=list)

    def add(self, label: str, value: str) -> None:
        self.rows.append((label, value))
        print(f"  {label:<44} {value}", flush=True)

    def section(self, title: str) -> None:
        print(f"\n== {title}", flush=True)

    def table(self) -> None:
        width = max(len(label) for label, _ in self.rows)
        rule = "-" * (width + 24)
        print(f"\n{rule}\nSUMMARY\n{rule}")
        for label, value in self.rows:
            print(f"{label:<{width}}  {value}")
        print(rule, flush=True)


def megabytes(size: float) -> str:
    return f"{size / 2**20:.1f} MB"


def folder_size(folder: Path) -> int:
    if not folder.exists():
        return 0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def peak_rss_bytes(who: int) -> int:
    """ru_maxrss in bytes (Linux reports KiB, macOS bytes)."""
    value = resource.getrusage(who).ru_maxrss
    return value if sys.platform == "darwin" else value * 1024


class ChildPeakSampler:
    """The largest peak RSS (VmHWM) of this process's children, sampled from /proc (Linux).

    RUSAGE_CHILDREN overstates a spawned worker: Linux keeps, across exec, the RSS the child
    had as a copy of its parent, so it reports the parent's size at spawn time."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak = 0  # bytes
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)

    @property
    def available(self) -> bool:
        return Path("/proc/self/status").exists()

    def __enter__(self) -> ChildPeakSampler:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _loop(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(self.interval):
            for pid in _children(me):
                self.peak = max(self.peak, _vm_hwm(pid))


def _children(parent: str) -> list[str]:
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2 :].split()[1] == parent:
            found.append(entry.name)
    return found


def _vm_hwm(pid: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """`with stopwatch() as t:` ... `t[0]` holds the elapsed seconds afterwards."""
    elapsed = [0.0]
    started = time.perf_counter()
    try:
        yield elapsed
    finally:
        elapsed[0] = time.perf_counter() - started


# --------------------------------------------------------------------------------------------
# The working copy and the index runs.


def working_copy(source: Path, target: Path) -> None:
    """Hard links where the file system allows them (instant, no space), else copies."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


class ProgressWatch:
    """Prints progress every 10 s and remembers when the last file was recorded, so the tail
    of a run (final commit, merge, post-processing) can be told apart."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.printed = 0.0
        self.first: float | None = None
        self.last: float | None = None

    def __call__(self, progress: Progress) -> None:
        now = time.perf_counter()
        self.first = self.first if self.first is not None else now
        self.last = now
        if now - self.printed >= 10 or progress.done == progress.total:
            self.printed = now
            print(f"    {self.label}: {progress.done}/{progress.total}", flush=True)


@dataclass(frozen=True)
class IndexRun:
    summary: IndexSummary
    seconds: float
    head: float  # from the call to the first recorded file (scan, plan, worker start-up)
    tail: float  # from the last recorded file to the return (final commit and what follows)


def run_index(settings: Settings, workers: int | None, label: str) -> IndexRun:
    watch = ProgressWatch(label)
    started = time.perf_counter()
    summary = update_index(settings, progress=watch, workers=workers)
    ended = time.perf_counter()
    if summary.failed:
        print(f"    {label}: {len(summary.failed)} failed, e.g. {summary.failed[:3]}", flush=True)
    head = (watch.first or ended) - started
    tail = ended - (watch.last or started)
    return IndexRun(summary, ended - started, head, tail)


def counts(summary: IndexSummary) -> str:
    return (
        f"added {summary.added}, updated {summary.updated}, removed {summary.removed}, "
        f"unchanged {summary.unchanged}, failed {len(summary.failed)}"
    )


def bench_full(report: Report, settings: Settings, n: int, workers: int | None) -> float:
    report.section("full index (fresh home folder)")
    with ChildPeakSampler() as sampler:
        run = run_index(settings, workers, "full index")
    summary, seconds = run.summary, run.seconds
    print(f"    {counts(summary)}; extracted {summary.extracted}")
    report.add("full index: wall time", f"{seconds:.2f} s")
    report.add("full index: assets/s", f"{n / seconds:.1f}")
    report.add(
        "full index: extraction (per-file time summed over workers)",
        f"{summary.extraction_seconds:.2f} s",
    )
    report.add("full index: writing (parent)", f"{summary.writing_seconds:.2f} s")
    other = seconds - summary.writing_seconds
    report.add("full index: wall time not spent writing", f"{other:.2f} s")
    report.add("full index: start until first file recorded", f"{run.head:.2f} s")
    report.add("full index: last file recorded until done", f"{run.tail:.2f} s")
    report.add("full index: failed", str(len(summary.failed)))
    report.add("peak RSS parent after full index", megabytes(peak_rss_bytes(resource.RUSAGE_SELF)))
    report.add(
        "peak RSS largest worker (full index, RUSAGE_CHILDREN)",
        megabytes(peak_rss_bytes(resource.RUSAGE_CHILDREN)),
    )
    if sampler.available:
        report.add("peak RSS largest worker (full index, VmHWM)", megabytes(sampler.peak))
    return seconds


def bench_no_change(report: Report, settings: Settings, workers: int | None, repeat: int) -> None:
    report.section(f"no-change re-index ({repeat} runs)")
    times = []
    for run in range(repeat):
        result = run_index(settings, workers, f"no-change #{run + 1}")
        print(f"    run {run + 1}: {result.seconds:.3f} s ({counts(result.summary)})")
        times.append(result.seconds)
    report.add("no-change re-index: median", f"{statistics.median(times):.3f} s")


def bench_changes(report: Report, settings: Settings, workers: int | None, repeat: int) -> None:
    report.section(f"re-index after {CHANGED_FILES} files change ({repeat} runs)")
    assert settings.library is not None
    seen: set[str] = set()
    times = []
    for run in range(repeat):
        changed = modify(settings.library, CHANGED_FILES, seed=1000 + run, skip=seen)
        seen.update(changed)
        kinds = Counter(Path(i).suffix for i in changed)
        result = run_index(settings, workers, f"changed #{run + 1}")
        summary = result.summary
        print(
            f"    run {run + 1}: {result.seconds:.3f} s ({counts(summary)}; changed "
            f"{dict(kinds)}; extraction {summary.extraction_seconds:.2f} s, writing "
            f"{summary.writing_seconds:.2f} s, until first file {result.head:.2f} s, after last "
            f"{result.tail:.2f} s)"
        )
        times.append(result.seconds)
    report.add(
        f"re-index after {CHANGED_FILES} changed: median", f"{statistics.median(times):.3f} s"
    )


def bench_sizes(report: Report, settings: Settings) -> None:
    report.section("sizes on disk")
    assert settings.library is not None
    report.add("library size", megabytes(folder_size(settings.library)))
    report.add("index size (home/index)", megabytes(folder_size(settings.index_dir)))
    report.add("extraction cache size (home/cache)", megabytes(folder_size(settings.cache_dir)))


# --------------------------------------------------------------------------------------------
# Search latency.


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    filters: dict[str, tuple[str, ...]]


def build_queries(taxonomy: Taxonomy, count: int, seed: int) -> list[Query]:
    """A fixed, seeded mix of the kinds of queries reps type."""
    rng = random.Random(f"queries-{seed}")
    total = sum(share for _, share in QUERY_MIX)
    kinds = [kind for kind, share in QUERY_MIX for _ in range(round(share * count / total))]
    kinds = (kinds + [QUERY_MIX[0][0]] * count)[:count]
    rng.shuffle(kinds)
    phrases = vocabulary()
    words = sorted({w for p in phrases for w in p.split() if w.isalpha() and len(w) >= 4})
    personas = taxonomy.facet("persona").values  # type: ignore[union-attr]
    stages = taxonomy.facet("stage").values  # type: ignore[union-attr]

    def persona() -> tuple[str, ...]:
        return (rng.choice(personas).name,)

    def stage() -> tuple[str, ...]:
        return (rng.choice(stages).name,)

    def some_words() -> str:
        multi = [p for p in phrases if 2 <= len(p.split()) <= 3]
        return rng.choice(multi) if rng.random() < 0.6 else " ".join(rng.sample(words, 2))

    makers: dict[str, Callable[[], tuple[str, dict[str, tuple[str, ...]]]]] = {
        "one word": lambda: (rng.choice(words), {}),
        "two/three words": lambda: (some_words(), {}),
        "phrase": lambda: (f'"{rng.choice([p for p in phrases if " " in p])}"', {}),
        "words + persona|stage": lambda: (
            rng.choice((rng.choice(words), some_words())),
            {"persona": persona()} if rng.random() < 0.5 else {"stage": stage()},
        ),
        "words + persona&stage": lambda: (
            rng.choice(words),
            {"persona": persona(), "stage": stage()},
        ),
        "browse (filter only)": lambda: (
            "",
            rng.choice(
                (
                    {"persona": persona()},
                    {"stage": stage()},
                    {"persona": persona(), "stage": stage()},
                )
            ),
        ),
        "misspelled": lambda: (misspell(rng, rng.choice([w for w in words if len(w) >= 6])), {}),
    }
    return [Query(kind, *makers[kind]()) for kind in kinds]


def misspell(rng: random.Random, word: str) -> str:
    """Swap two neighbouring letters inside the word, or drop one."""
    position = rng.randint(1, len(word) - 3)
    if rng.random() < 0.5:
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word[:position] + word[position + 1 :]


@dataclass
class SearchTimes:
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    zero_hits: int = 0
    corrected: int = 0
    hits: list[int] = field(default_factory=list)

    @property
    def all(self) -> list[float]:
        return [t for times in self.by_kind.values() for t in times]


def time_searches(settings: Settings, queries: list[Query]) -> SearchTimes:
    """As the app searches: one SearchSession kept open while the queries come in."""
    times = SearchTimes()
    with SearchSession(settings) as session:
        session.warm_up()  # as the app does once its window is up
        session.search(SearchRequest(text=WARM_UP_QUERY, limit=20))
        for q in queries:
            started = time.perf_counter()
            results = session.search(SearchRequest(text=q.text, filters=q.filters, limit=20))
            times.by_kind[q.kind].append(time.perf_counter() - started)
            times.hits.append(results.total)
            times.zero_hits += results.total == 0
            times.corrected += results.corrected is not None
    return times


def time_one_shot_searches(settings: Settings, queries: list[Query]) -> list[float]:
    """As the command line searches: `search()` opens the index for every call."""
    search(settings, SearchRequest(text=WARM_UP_QUERY, limit=20))
    return [
        _timed(
            lambda q=q: search(settings, SearchRequest(text=q.text, filters=q.filters, limit=20))
        )
        for q in queries
    ]


def bench_search(report: Report, settings: Settings, count: int, seed: int) -> None:
    report.section(
        f"search latency ({count} queries, limit 20, facets + snippets; one open session, "
        f"as the app searches; {SEARCH_ROUNDS} rounds, each in a new session)"
    )
    taxonomy = load_taxonomy(settings.library)
    queries = build_queries(taxonomy, count, seed)
    rounds = [time_searches(settings, queries) for _ in range(SEARCH_ROUNDS)]
    for number, times in enumerate(rounds, start=1):
        overall = times.all
        print(
            f"    round {number}: p50 {ms(percentile(overall, 0.5))}  "
            f"p95 {ms(percentile(overall, 0.95))}  max {ms(max(overall))}"
        )
    times = rounds[0]
    for kind, values in times.by_kind.items():
        print(
            f"    {kind:<24} n={len(values):<3} p50 {ms(percentile(values, 0.5)):>9}  "
            f"p95 {ms(percentile(values, 0.95)):>9}  max {ms(max(values)):>9}  (round 1)"
        )
    samples = queries[:6]
    print("    e.g. " + "; ".join(f"{q.text!r} {dict(q.filters) or ''}".strip() for q in samples))
    p50s = [percentile(r.all, 0.5) for r in rounds]
    p95s = [percentile(r.all, 0.95) for r in rounds]
    report.add("search (open session, app): p50, median of rounds", ms(statistics.median(p50s)))
    report.add("search (open session, app): p95, median of rounds", ms(statistics.median(p95s)))
    report.add("search: p95 of each round", " / ".join(ms(v) for v in p95s))
    report.add("search: zero-hit queries / corrected", f"{times.zero_hits} / {times.corrected}")
    report.add("search: median total hits", str(int(statistics.median(times.hits))))
    slowest = max(times.by_kind, key=lambda k: percentile(times.by_kind[k], 0.5))
    report.add(
        "search: slowest kind (p50)", f"{slowest} {ms(percentile(times.by_kind[slowest], 0.5))}"
    )
    one_shot = time_one_shot_searches(settings, queries)
    report.add(
        f"search() one-shot (CLI, index opened per call, {len(queries)} queries): p50 / p95",
        f"{ms(percentile(one_shot, 0.5))} / {ms(percentile(one_shot, 0.95))}",
    )
    whoosh = time_whoosh_searches(settings, queries)
    ours_p95 = statistics.median(p95s)
    report.add(
        "baseline: Whoosh as it comes (no snippets), same mix: p50 / p95",
        f"{ms(percentile(whoosh, 0.5))} / {ms(percentile(whoosh, 0.95))} "
        f"(ours / Whoosh at p95: {ours_p95 / percentile(whoosh, 0.95):.2f})",
    )
    bench_search_overheads(report, settings)
    bench_autocomplete(report, settings, queries)


def time_whoosh_searches(settings: Settings, queries: list[Query]) -> list[float]:
    """The same queries through Whoosh's own machinery, as an application using it directly
    would: the default parser over the same four fields (all words required), facet filters
    as term queries, overlapping facet counts with `groupedby`, expired assets masked. No
    snippets (Whoosh's highlighter takes 0.1-0.3 s per hit on these texts, seconds per page),
    no typos, synonyms or partial matches: less work than ours, so the ratio is a floor."""
    from whoosh import qparser, sorting
    from whoosh import query as wq

    from contentfinder.index.schema import open_for_reading, tag_field

    taxonomy = load_taxonomy(settings.library)
    index = open_for_reading(settings.index_dir)
    parser = qparser.MultifieldParser(["title", "tag_text", "summary", "body"], index.schema)
    today = date.today().toordinal()
    facets = {
        f.name: sorting.FieldFacet(tag_field(f.name), allow_overlap=True) for f in taxonomy.facets
    }
    times = []
    with index.searcher() as searcher:
        expired = set(searcher.docs_for_query(wq.NumericRange("expires_day", None, today - 1)))
        for q in queries:
            started = time.perf_counter()
            text_query = parser.parse(q.text) if q.text.strip() else wq.Every()
            narrowed = [
                wq.Or([wq.Term(tag_field(facet), v) for v in values])
                for facet, values in q.filters.items()
            ]
            results = searcher.search(
                wq.And([text_query, *narrowed]) if narrowed else text_query,
                limit=20,
                mask=expired,
                groupedby=facets,
            )
            for name in facets:
                results.groups(name)
            [hit.fields() for hit in results]
            times.append(time.perf_counter() - started)
    return times


def bench_autocomplete(report: Report, settings: Settings, queries: list[Query]) -> None:
    """As the search box calls it: a suggestion after every keystroke, then the search for
    the text so far (untimed here: the app runs it off the keystroke's path)."""
    typed = [q.text for q in queries if q.text.strip()]
    with SearchSession(settings) as session:
        build = _timed(lambda: session.suggest("a"))
        times: list[float] = []
        for text in typed:
            for end in range(1, len(text) + 1):
                prefix = text[:end]
                times.append(_timed(lambda prefix=prefix: session.suggest(prefix)))
                session.search(SearchRequest(text=prefix, limit=20))
    report.add("autocomplete: first call (reads titles, tags, words)", ms(build))
    report.add(
        f"autocomplete: p50 / p95 / max ({len(times)} keystrokes)",
        f"{ms(percentile(times, 0.5))} / {ms(percentile(times, 0.95))} / {ms(max(times))}",
    )


def bench_search_overheads(report: Report, settings: Settings) -> None:
    """Fixed per-call costs inside `search()`: the taxonomy and the index are opened each time."""
    from contentfinder.index.schema import open_for_reading

    load = [_timed(lambda: load_taxonomy(settings.library)) for _ in range(20)]
    open_ = [_timed(lambda: open_for_reading(settings.index_dir)) for _ in range(20)]
    report.add("search overhead: load_taxonomy per call", ms(statistics.median(load)))
    report.add("search overhead: open_for_reading per call", ms(statistics.median(open_)))


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# --------------------------------------------------------------------------------------------
# The naive baseline: one process, extract, add, one commit.


@dataclass
class NaiveRun:
    seconds: float = 0.0
    extraction: float = 0.0
    adding: float = 0.0
    commit: float = 0.0
    written: int = 0
    failed: int = 0


def naive_index(library: Path, index_dir: Path) -> NaiveRun:
    """The simplest possible indexer: one process, extract, add_document, one commit."""
    from whoosh import index

    from contentfinder.index.schema import build_schema
    from contentfinder.library.scan import scan_library
    from indexer.extract import extract_file
    from indexer.extract.base import Extracted

    run = NaiveRun()
    started = time.perf_counter()
    index_dir.mkdir(parents=True)
    ix = index.create_in(str(index_dir), build_schema())
    writer = ix.writer()
    for asset in scan_library(library).assets.values():
        began = time.perf_counter()
        result = extract_file(asset.path)
        run.extraction += time.perf_counter() - began
        if not isinstance(result, Extracted):
            run.failed += 1
            continue
        began = time.perf_counter()
        writer.add_document(id=asset.id, title=result.title or asset.path.stem, body=result.text)
        run.adding += time.perf_counter() - began
        run.written += 1
    began = time.perf_counter()
    writer.commit()
    run.commit = time.perf_counter() - began
    run.seconds = time.perf_counter() - started
    return run


def bench_baseline(report: Report, library: Path, work: Path, ours: float) -> None:
    report.section("baseline: naive single-process indexer (extract_file + add_document)")
    run = naive_index(library, work / "baseline-index")
    report.add(
        "baseline: full index wall time",
        f"{run.seconds:.2f} s ({run.written} docs, {run.failed} failed)",
    )
    report.add(
        "baseline: extraction / add_document / commit",
        f"{run.extraction:.2f} s / {run.adding:.2f} s / {run.commit:.2f} s",
    )
    report.add("baseline: index size", megabytes(folder_size(work / "baseline-index")))
    report.add("ratio ours/baseline (full index time)", f"{ours / run.seconds:.2f}")
    report.add("peak RSS parent after baseline", megabytes(peak_rss_bytes(resource.RUSAGE_SELF)))


# --------------------------------------------------------------------------------------------
# Orchestration.


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of assets")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", action="store_true", help="also time a naive indexer")
    parser.add_argument("--repeat", type=int, default=3, help="runs per re-index figure")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    parser.add_argument("--keep", action="store_true", help="keep the working copy and home")
    parser.add_argument(
        "--search-only",
        type=Path,
        metavar="HOME",
        help="measure search and autocomplete only, on this home's index of the library",
    )
    parser.add_argument(
        "--recoll",
        action="store_true",
        help="only the full index, beside recollindex (and --against), alternating",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="with --recoll: also time this checkout's contentfinder (a baseline)",
    )
    parser.add_argument("--recoll-only", action="store_true", help="with --recoll: Recoll alone")
    parser.add_argument(
        "--no-search", action="store_true", help="with --recoll: no one-shot search timing"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--generation", default="", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.measure:
        return measure(args)
    reused = is_complete(library_path(args.n, args.seed), args.n, args.seed)
    with stopwatch() as elapsed:
        root = cached_library(args.n, args.seed)
    marker = json.loads((root / MARKER).read_text(encoding="utf-8"))
    generation = (
        f"reused cache (generated earlier in {marker['seconds']} s)"
        if reused
        else f"{elapsed[0]:.1f} s"
    )
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        *argv,
        "--measure",
        "--generation",
        generation,
    ]
    return subprocess.run(command, check=False).returncode


def measure(args: argparse.Namespace) -> int:
    source = library_path(args.n, args.seed)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    report = Report()
    print(
        f"== contentfinder index benchmark: {args.n} assets (seed {args.seed}), "
        f"workers {args.workers or os.cpu_count()}, repeat {args.repeat}; "
        f"Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    report.add("assets", str(args.n))
    report.add("corpus generation", args.generation)
    if args.search_only:
        settings = Settings(library=source, home=args.search_only)
        bench_search(report, settings, args.queries, args.seed)
        report.table()
        return 0
    work = Path(tempfile.mkdtemp(prefix="work-", dir=DATA_DIR))  # same file system: hard links
    if args.recoll:
        try:
            working_copy(source, work / "library")
            return side_by_side(
                work / "library",
                work,
                repeat=args.repeat,
                against=args.against,
                recoll_only=args.recoll_only,
                searches=not args.no_search,
            )
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    try:
        working_copy(source, work / "library")
        settings = Settings(library=work / "library", home=work / "home")
        with ChildPeakSampler() as sampler:
            ours = bench_full(report, settings, args.n, args.workers)
            bench_no_change(report, settings, args.workers, args.repeat)
            bench_changes(report, settings, args.workers, args.repeat)
        bench_sizes(report, settings)
        bench_search(report, settings, args.queries, args.seed)
        report.add(
            "peak RSS parent (indexing + search)", megabytes(peak_rss_bytes(resource.RUSAGE_SELF))
        )
        report.add(
            "peak RSS largest worker (all runs, RUSAGE_CHILDREN)",
            megabytes(peak_rss_bytes(resource.RUSAGE_CHILDREN)),
        )
        if sampler.available:
            report.add("peak RSS largest worker (all runs, VmHWM)", megabytes(sampler.peak))
        if args.baseline:
            bench_baseline(report, settings.library, work, ours)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report.table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
