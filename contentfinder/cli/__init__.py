"""The `contentfinder` command line (SPEC §2): the same services the desktop app calls.

Exit status: 0 success, 1 a failure the user must act on, 2 bad usage. Messages go to stderr
and name the file and the cause; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from html import unescape
from pathlib import Path
from typing import TextIO

from contentfinder.background import background_workers, lower_priority
from contentfinder.config import Settings, load_settings
from contentfinder.index.schema import IndexUnavailable
from contentfinder.library.formats import format_of, kind_named
from contentfinder.library.scan import CONTROL_FILES, LibraryError, check_library, is_hidden
from contentfinder.library.taxonomy import TaxonomyError
from contentfinder.preferences import load_preferences
from contentfinder.search.session import FilterError, SearchRequest, SearchResults, SearchSession
from contentfinder.usage.log import UsageLog, UsageLogError, open_usage_log

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# A command line run with the file's path as its last argument, instead of the platform's
# viewer: for kiosks, remote sessions and tests.
OPENER_ENV = "CONTENTFINDER_OPENER"


class UsageError(Exception):
    """Bad arguments: exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    settings = load_settings(library=args.library, home=args.home)
    try:
        return args.run(args, settings)
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"contentfinder: {exc}\n")
    except (LibraryError, TaxonomyError, IndexUnavailable) as exc:
        _error(str(exc))
    except BrokenPipeError:
        # The reader went away (`… | head`): not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        _error("interrupted; the next run picks up where this one stopped")
    except OSError as exc:
        _error(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    return EXIT_FAILURE


def _error(message: str) -> None:
    print(f"contentfinder: {message}", file=sys.stderr)


def _build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="DIR",
        help="the content library folder (default: $CONTENTFINDER_LIBRARY)",
    )
    common.add_argument(
        "--home",
        metavar="DIR",
        help="your data folder: index, cache, usage log "
        "(default: $CONTENTFINDER_HOME or the platform's user-data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="contentfinder",
        description="Find the right sales content before the call.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    index = commands.add_parser(
        "index", parents=[common], help="bring the index up to date with the library"
    )
    index.add_argument("--json", action="store_true", help="print the summary as JSON")
    index.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="extraction processes (default: one per core)",
    )
    index.add_argument(
        "--background",
        action="store_true",
        help="run at low priority with a core left free (the app's own runs)",
    )
    index.add_argument(
        "--progress-lines",
        action="store_true",
        help='progress as lines on stderr, \'progress {"done", "total", "asset"}\' (for apps)',
    )
    index.set_defaults(run=_run_index)

    find = commands.add_parser("search", parents=[common], help="search the library")
    find.add_argument(
        "query",
        nargs="?",
        default="",
        help='words, "phrases", -exclusions; empty lists everything filtered',
    )
    for facet in ("persona", "stage", "pain"):
        find.add_argument(
            f"--{facet}",
            action="append",
            default=[],
            metavar="V",
            help=f"only assets for this {facet} (repeat to allow several)",
        )
    find.add_argument(
        "--facet",
        action="append",
        default=[],
        metavar="NAME=V",
        help="filter on any facet, e.g. --facet industry=retail",
    )
    find.add_argument(
        "--limit",
        type=_positive_int,
        default=10,
        metavar="N",
        help="how many hits to show (default 10)",
    )
    find.add_argument(
        "--include-expired", action="store_true", help="also show assets past their expiry date"
    )
    find.add_argument("--json", action="store_true", help="print the results as JSON")
    find.add_argument("--no-log", action="store_true", help="do not record this search")
    find.set_defaults(run=_run_search)

    show = commands.add_parser(
        "open", parents=[common], help="open an asset in your viewer (and record it)"
    )
    show.add_argument("asset_id", metavar="ID", help="the asset's id, as search shows it")
    show.set_defaults(run=_run_open)

    send = commands.add_parser(
        "sync", parents=[common], help="send new usage events to the central store"
    )
    send.add_argument(
        "--to",
        metavar="URL",
        help="a shared folder (path or file:// URL) or a database URL (postgresql://…, "
        "sqlite:///…); default: the one in Settings",
    )
    send.add_argument(
        "--redact-queries", action="store_true", help="send search text hashed, not as typed"
    )
    send.add_argument("--json", action="store_true", help="print the result as JSON")
    send.set_defaults(run=_run_sync)

    put = commands.add_parser(
        "publish", parents=[common], help="copy files into the library with their tags"
    )
    put.add_argument("files", nargs="+", metavar="FILE")
    for facet in ("persona", "stage", "pain"):
        put.add_argument(f"--{facet}", action="append", default=[], metavar="V")
    put.add_argument("--facet", action="append", default=[], metavar="NAME=V")
    put.add_argument("--title", default="")
    put.add_argument("--summary", default="")
    put.add_argument("--owner", default="")
    put.add_argument("--expires", default="", metavar="YYYY-MM-DD")
    put.add_argument("--to", default="", metavar="FOLDER", help="a folder inside the library")
    put.add_argument("--supersedes", default="", metavar="ID", help="expire this asset today")
    put.add_argument("--dry-run", action="store_true", help="say what would happen; write nothing")
    put.add_argument(
        "--suggest", action="store_true", help="propose tags from the files' text; write nothing"
    )
    put.set_defaults(run=_run_publish)

    check = commands.add_parser(
        "lint", parents=[common], help="check the library's health (exit 1 on errors)"
    )
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.set_defaults(run=_run_lint)

    report = commands.add_parser("report", parents=[common], help="marketing's usage reports")
    report.add_argument("kind", choices=("unused", "top", "gaps", "coverage", "tagging"))
    report.add_argument(
        "--since", type=_positive_int, default=90, metavar="DAYS", help="the period (default 90)"
    )
    report.add_argument("--format", choices=("csv", "xlsx", "html", "json"), default="csv")
    report.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    report.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        help="the central store: a shared folder or a database URL (default: this machine's log)",
    )
    report.set_defaults(run=_run_report)

    gui = commands.add_parser("gui", parents=[common], help="open the desktop app")
    gui.add_argument("--query", default="", help="start with this search")
    gui.add_argument(
        "--screenshot",
        metavar="FILE",
        help="save a picture of the window once the index is up to date, then quit",
    )
    gui.set_defaults(run=_run_gui)
    return parser


def _facet_values(args: argparse.Namespace) -> dict[str, list[str]]:
    """--persona/--stage/--pain V and --facet NAME=V, as facet -> values typed."""
    values: dict[str, list[str]] = {}
    for facet in ("persona", "stage", "pain"):
        if getattr(args, facet):
            values[facet] = list(getattr(args, facet))
    for item in args.facet:
        name, equals, value = item.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise UsageError(f"--facet takes NAME=VALUE, not '{item}'")
        values.setdefault(name.strip(), []).append(value.strip())
    return values


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


# --- sync --------------------------------------------------------------------------------------


def _run_sync(args: argparse.Namespace, settings: Settings) -> int:
    from contentfinder.usage.sync import SyncError, open_target, sync

    preferences = load_preferences(settings.home)
    where = args.to or preferences.sync_target
    if not where:
        raise UsageError("no sync target: give --to URL, or set one in the app's Settings")
    log = open_usage_log(settings, preferences=preferences)
    try:
        target = open_target(where)
        try:
            redact = args.redact_queries or preferences.redact_queries
            result = sync(log, target, redact_queries=redact)
        finally:
            target.close()
    except SyncError as exc:
        _error(f"{exc}; the events wait here and go with the next sync")
        return EXIT_FAILURE
    finally:
        log.close()
    if args.json:
        json.dump(
            {
                "target": result.target,
                "sent": result.sent,
                "batches": result.batches,
                "waiting": result.waiting,
                "seconds": round(result.seconds, 3),
            },
            sys.stdout,
        )
        sys.stdout.write("\n")
    else:
        print(f"Sent {result.sent} new events to {result.target} in {result.seconds:.1f} s.")
    return EXIT_OK


# --- publish -----------------------------------------------------------------------------------


def _run_publish(args: argparse.Namespace, settings: Settings) -> int:
    from contentfinder.curation.proposals import suggest_tags
    from contentfinder.curation.publish import PublishError, PublishRequest, publish
    from contentfinder.library.catalog_writer import CatalogBusy
    from contentfinder.library.opened import Library

    files = tuple(Path(f).expanduser() for f in args.files)
    if args.suggest:
        from indexer.extract import extract_file

        for path in files:
            extracted = extract_file(path)
            segments = getattr(extracted, "segments", None)
            if segments is None:
                _error(f"{path}: {getattr(extracted, 'reason', 'cannot be read')}")
                continue
            text = " ".join(s.text for s in segments)
            print(f"{path} — proposals, nothing is tagged without your choice:")
            for s in suggest_tags(Library(settings), text):
                print(f"  {s.facet}: {s.value}  ({s.reason})")
        return EXIT_OK
    tags = _facet_values(args)
    request = PublishRequest(
        files=files,
        tags=tags,
        title=args.title,
        summary=args.summary,
        owner=args.owner,
        expires=args.expires,
        to=args.to,
        supersedes=args.supersedes,
        dry_run=args.dry_run,
    )
    try:
        done = publish(Library(settings), request)
    except PublishError as exc:
        for problem in exc.problems:
            _error(problem.message)
        _error("nothing was published")
        return EXIT_FAILURE
    except CatalogBusy as exc:
        _error(str(exc))
        return EXIT_FAILURE
    verb = "Would publish" if args.dry_run else "Published"
    for item in done:
        if item.duplicate_of:
            print(f"{item.source}: already in the library as {item.duplicate_of}; not copied")
        else:
            tags_text = "; ".join(f"{k}: {', '.join(v)}" for k, v in item.tags.items())
            print(f"{verb} {item.source} as {item.asset_id} ({tags_text})")
    if args.supersedes and not args.dry_run:
        print(f"{args.supersedes} expires today; reps see the new version")
    return EXIT_OK


# --- lint --------------------------------------------------------------------------------------


def _run_lint(args: argparse.Namespace, settings: Settings) -> int:
    from contentfinder.curation.health import lint_library
    from contentfinder.library.opened import Library

    found = lint_library(Library(settings))
    if args.json:
        json.dump(found.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(found.to_text().rstrip("\n") + "\n")
    return EXIT_FAILURE if found.errors else EXIT_OK


# --- report ------------------------------------------------------------------------------------


def _run_report(args: argparse.Namespace, settings: Settings) -> int:
    from contentfinder.library.opened import Library
    from contentfinder.reports.build import build_report
    from contentfinder.reports.export import write_report
    from contentfinder.usage.store import load_events
    from contentfinder.usage.sync import SyncError

    if args.format == "xlsx" and not args.out:
        raise UsageError("an xlsx report needs --out FILE")
    try:
        loaded = load_events(settings, args.source)
    except SyncError as exc:
        _error(str(exc))
        return EXIT_FAILURE
    for problem in loaded.problems[:20]:
        _error(f"warning: {problem}")
    report = build_report(args.kind, Library(settings), loaded, days=args.since)
    data = write_report(report, args.format, Path(args.out) if args.out else None)
    if data is not None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        print(f"Wrote the {args.kind} report to {args.out}", file=sys.stderr)
    return EXIT_OK


# --- gui ---------------------------------------------------------------------------------------


def _run_gui(args: argparse.Namespace, settings: Settings) -> int:
    from ui.app import main as gui_main  # Qt is loaded only for the app

    argv = ["--home", str(settings.home)]
    if settings.library is not None:
        argv += ["--library", str(settings.library)]
    if args.query:
        argv += ["--query", args.query]
    if args.screenshot:
        argv += ["--screenshot", args.screenshot]
    return gui_main(argv)


# --- index -------------------------------------------------------------------------------------


def _run_index(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.pipeline import IndexBusy, Progress, update_index
    from indexer.workers import WorkerStartError

    show_progress = sys.stderr.isatty() and not args.json and not args.progress_lines

    def progress_line(step: Progress) -> None:
        line = {"done": step.done, "total": step.total, "asset": step.asset_id}
        sys.stderr.write("progress " + json.dumps(line, ensure_ascii=False) + "\n")
        sys.stderr.flush()

    def progress(step: Progress) -> None:
        width = 40
        name = step.asset_id if len(step.asset_id) <= width else "…" + step.asset_id[-width + 1 :]
        sys.stderr.write(f"\r\033[KIndexing {step.done}/{step.total}  {name}")
        sys.stderr.flush()

    try:
        report = progress_line if args.progress_lines else progress if show_progress else None
        workers = args.workers
        if args.background:
            lower_priority()
            workers = background_workers(workers)
        summary = update_index(settings, progress=report, workers=workers)
    except (IndexBusy, WorkerStartError) as exc:
        _error(str(exc))
        return EXIT_FAILURE
    finally:
        if show_progress:
            sys.stderr.write("\r\033[K")
    for problem in summary.catalog_problems:
        _error(f"{settings.library}/{problem}" if settings.library else problem)
    if summary.rebuilt_because:
        _error(f"rebuilt the index from scratch: {summary.rebuilt_because}")
    if args.json:
        json.dump(summary.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    out = sys.stdout
    out.write(
        f"Indexed {settings.library} in {summary.seconds:.1f} s: {summary.added} added, "
        f"{summary.updated} updated, {summary.removed} removed, {summary.unchanged} unchanged, "
        f"{len(summary.failed)} failed.\n"
    )
    if summary.failed:
        out.write("Could not index:\n")
        for asset_id, reason in summary.failed:
            out.write(f"  {asset_id}: {reason}\n")
    if summary.unsupported:
        out.write(
            f"Not supported ({len(summary.unsupported)}): "
            f"{', '.join(summary.unsupported[:10])}"
            f"{' …' if len(summary.unsupported) > 10 else ''}\n"
        )
    return EXIT_OK


# --- search ------------------------------------------------------------------------------------


def _run_search(args: argparse.Namespace, settings: Settings) -> int:
    filters = _facet_values(args)
    request = SearchRequest(
        text=args.query,
        filters={k: tuple(v) for k, v in filters.items()},
        limit=args.limit,
        include_expired=args.include_expired,
    )
    try:
        with SearchSession(settings) as session:
            for problem in session.problems:  # a broken synonyms.toml: said, never fatal
                sys.stderr.write(f"contentfinder: warning: {problem}\n")
            results = session.search(request)
    except FilterError as exc:
        raise UsageError(str(exc)) from None
    if not args.no_log:
        # Before the output: a reader that stops early (`| head`) must not lose the event.
        _record_usage(
            settings, lambda log: log.record_search(results.query, results.filters, results.total)
        )
    if args.json:
        json.dump(results.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_results(results, sys.stdout)
    return EXIT_OK


_BOLD = re.compile(r"<b>(.*?)</b>", re.S)


def _print_results(results: SearchResults, out: TextIO) -> None:
    color = out.isatty()
    if results.missing:
        words = ", ".join(f"'{w}'" for w in results.missing)
        out.write(f"No asset mentions {words}, however spelled.\n")
    if results.total == 0:
        out.write(f"No assets match '{results.query}'.\n")
        return
    if results.corrected:
        out.write(f"Showing results for: {results.corrected}\n")
    shown = len(results.hits)
    out.write(
        f"{results.total} asset{'s' if results.total != 1 else ''}"
        f"{f' (showing {shown})' if shown < results.total else ''}\n\n"
    )
    for rank, hit in enumerate(results.hits, start=1):
        flag = " [EXPIRED]" if hit.expired else " [expires soon]" if hit.expiring_soon else ""
        out.write(f"{rank:>2}. {_bold(hit.title, color)}{flag}\n    {hit.id}\n")
        tags = "; ".join(f"{facet}: {', '.join(v)}" for facet, v in hit.tags.items())
        if tags:
            out.write(f"    {tags}\n")
        if hit.snippet:
            unit = kind_named(hit.kind).location_word
            where = f"({unit} {hit.location}) " if hit.location else ""
            out.write(f"    {where}{_render_snippet(hit.snippet, color)}\n")
        why = hit.explain()
        if why:
            out.write(f"    matched: {why}\n")
        out.write("\n")
    facet_lines = [
        f"  {facet}: " + ", ".join(f"{v} ({n})" for v, n in counts.items() if n)
        for facet, counts in results.facets.items()
        if any(counts.values())
    ]
    if facet_lines:
        out.write("Refine by:\n" + "\n".join(facet_lines) + "\n")


def _render_snippet(html: str, color: bool) -> str:
    marked = _BOLD.sub(lambda m: _bold(m.group(1), color) if color else f"«{m.group(1)}»", html)
    return unescape(" ".join(marked.split()))


def _bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else text


# --- open --------------------------------------------------------------------------------------


def _run_open(args: argparse.Namespace, settings: Settings) -> int:
    root = check_library(settings.library)
    path = _asset_path(root, args.asset_id)
    if path is None:
        _error(f"no asset '{args.asset_id}' in the library {root}")
        return EXIT_FAILURE
    problem = _open_in_viewer(path, os.environ.get(OPENER_ENV, "").strip())
    if problem:
        _error(f"{path}: {problem}")
        return EXIT_FAILURE
    asset_id = path.relative_to(root).as_posix()
    _record_usage(settings, lambda log: log.record_open(asset_id))
    return EXIT_OK


def _asset_path(root: Path, asset_id: str) -> Path | None:
    """The file of an asset of the library (SPEC §1), or None: nothing outside the root, hidden
    or unsupported is an asset."""
    path = Path(os.path.normpath(root / asset_id))
    if root not in path.parents:  # an absolute path, or one climbing out with '..'
        return None
    parts = path.relative_to(root).parts
    if any(is_hidden(part) for part in parts) or format_of(path.name) is None:
        return None
    if len(parts) == 1 and path.name.lower() in CONTROL_FILES:
        return None
    return path if path.is_file() else None


def _open_in_viewer(path: Path, command: str) -> str | None:
    """Opens `path` with `command` or the platform's viewer; what went wrong, or None."""
    if not command and sys.platform == "win32":
        try:
            os.startfile(path)  # the association the user chose for this kind of file
        except OSError as exc:
            return f"Windows could not open it: {exc.strerror or exc}"
        return None
    try:
        argv = [*_split_command(command), str(path)] if command else [_platform_opener(), str(path)]
    except ValueError as exc:
        return f"{OPENER_ENV} is not a command line ({exc})"
    try:
        finished = subprocess.run(argv, stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError:
        source = f"{OPENER_ENV} names" if command else "the viewer launcher is"
        return (
            f"cannot open it: {source} '{argv[0]}', which is not installed; "
            f"set {OPENER_ENV} to a program that opens files"
        )
    except OSError as exc:
        return f"cannot run '{argv[0]}': {exc.strerror or exc}"
    if finished.returncode != 0:
        return f"'{argv[0]}' could not open it (exit status {finished.returncode})"
    return None


def _platform_opener() -> str:
    return "open" if sys.platform == "darwin" else "xdg-open"


def _split_command(command: str) -> list[str]:
    if os.name == "nt":  # backslashes are path separators there, not escapes
        return [part.strip('"') for part in shlex.split(command, posix=False)]
    return shlex.split(command)


# --- usage -------------------------------------------------------------------------------------


def _record_usage(settings: Settings, record: Callable[[UsageLog], object]) -> None:
    """Records one use before the command returns. A log that cannot be written is a warning,
    not a failure: the rep got what they asked for."""
    prefs = load_preferences(settings.home)
    if prefs.problem:
        _error(f"warning: {prefs.problem}")
    try:
        with open_usage_log(settings, preferences=prefs) as log:
            record(log)
    except UsageLogError as exc:
        _error(f"warning: {exc}; this was not recorded")
    except OSError as exc:  # the identity file
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"warning: {where}{exc.strerror or exc}; this was not recorded")

