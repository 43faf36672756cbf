"""`contentfinder report`: marketing's usage reports, from this machine's log or the central
store, as CSV, xlsx, HTML or JSON.

CSV is one table per file, as BI tools and pivot tables load it: `--table NAME` writes that
table alone, `--out FOLDER/` a CSV per table and `about.csv`. A whole report stacked in one
CSV is kept for standard output (for reading) and for a report of one table.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from contentfinder.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    MAX_DAYS,
    UsageError,
    error,
    out_file,
    since_days,
    warn,
)
from contentfinder.index.schema import IndexUnavailable
from contentfinder.library.opened import Library
from contentfinder.reports.build import KINDS, build_report
from contentfinder.reports.export import (
    DELIMITERS,
    FORMATS,
    only_table,
    table_named,
    write_csv_folder,
    write_report,
    write_table,
)
from contentfinder.reports.model import Report
from contentfinder.usage.store import LoadedEvents, load_events, require_events
from contentfinder.usage.targets import SyncError

_SHOWN_PROBLEMS = 20
KINDS_WITHOUT_EVENTS = ("tagging",)  # built from the index alone: an empty store is no matter


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument(
        "--since",
        type=since_days,
        default=90,
        metavar="DAYS",
        help=f"the period, 1 to {MAX_DAYS} days (default 90)",
    )
    parser.add_argument("--format", choices=FORMATS, default="csv")
    parser.add_argument(
        "--out",
        metavar="FILE|DIR/",
        help="write here (default: standard output); for CSV, a folder (existing, or ending "
        "in /) gets one file per table and about.csv",
    )
    parser.add_argument(
        "--table",
        metavar="NAME",
        help="only this table of the report (its name, any case); as CSV, plain: header first",
    )
    parser.add_argument(
        "--csv-delimiter",
        default=",",
        type=csv_delimiter,
        metavar="CHAR",
        help="the CSV's separator: , (default), ; (Excel in many locales), tab or |",
    )
    parser.add_argument(
        "--team", metavar="TEXT", help="count only the reps of this team (as they set it)"
    )
    parser.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        help="the central store: a shared folder or a database URL (default: this machine's log)",
    )


def csv_delimiter(text: str) -> str:
    """An argparse type: one of `DELIMITERS` as typed ("tab" for a tab)."""
    if text.casefold() in DELIMITERS:
        return text.casefold()
    known = ", ".join(repr(d) for d in DELIMITERS if d != "\t")
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a CSV delimiter contentfinder writes: {known}"
    )


def run(args: argparse.Namespace, library: Library) -> int:
    out = _checked_out(args)
    library.root  # noqa: B018 -- a missing or unusable --library: a LibraryError naming it
    try:
        library.index  # noqa: B018 -- before the store: a library never indexed is the first fix
    except IndexUnavailable as exc:
        error(f"{library.folder}: cannot report on this library: {exc}")
        return EXIT_FAILURE
    try:
        loaded = load_events(library.settings, args.source)
        if args.kind not in KINDS_WITHOUT_EVENTS:
            require_events(loaded)
    except SyncError as exc:
        error(_with_hint(str(exc), args))
        return EXIT_FAILURE
    for problem in loaded.problems[:_SHOWN_PROBLEMS]:
        warn(problem)
    report = _build(args, library, loaded)
    if args.table:
        try:
            table_named(report, args.table)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    try:
        done = _write(report, args, out)
    except OSError as exc:
        error(_write_failure(args.out, exc))
        return EXIT_FAILURE
    if done:
        print(done, file=sys.stderr)
    return EXIT_OK


def _build(args: argparse.Namespace, library: Library, loaded: LoadedEvents) -> Report:
    """The report; an unknown team (the message lists those there are) is bad usage."""
    try:
        return build_report(args.kind, library, loaded, days=args.since, team=args.team or None)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


# -- where the report goes ---------------------------------------------------------------------


def _checked_out(args: argparse.Namespace) -> Path | None:
    """`--out` as a path, checked against the format and the other options before any work:
    a folder only for CSV, a file in a folder that exists (never made for a typo)."""
    if args.csv_delimiter != "," and args.format != "csv":
        raise UsageError(f"--csv-delimiter is for --format csv, not {args.format}")
    if args.out is None:
        if args.format == "xlsx":
            raise UsageError("an xlsx report needs --out FILE")
        return None
    out = Path(args.out).expanduser()
    if _is_folder(args.out, out):
        if args.format != "csv":
            raise UsageError(
                f"--out {args.out}: a folder; {_A_FORMAT[args.format]} report is one file: "
                f"give its name, e.g. {out / f'{args.kind}.{args.format}'}"
            )
        if args.table:
            raise UsageError(
                f"--out {args.out}: a folder holds every table; with --table, give a file name"
            )
        return out
    return out_file(args.out)


def _is_folder(typed: str, out: Path) -> bool:
    return typed.endswith(("/", os.sep)) or out.is_dir()


_A_FORMAT = {"csv": "a CSV", "xlsx": "an XLSX", "html": "an HTML", "json": "a JSON"}


def _write(report: Report, args: argparse.Namespace, out: Path | None) -> str:
    """The report where `args` says; what to tell the user ("" when it went to stdout)."""
    delimiter = args.csv_delimiter
    if args.format == "csv" and args.table:
        table = table_named(report, args.table)
        data = write_table(table, out, delimiter=delimiter)
        return _sent(data, f"the '{table.name}' table of the {args.kind} report", args.out)
    if args.format == "csv" and out is not None and _is_folder(args.out, out):
        written = write_csv_folder(report, out, delimiter=delimiter)
        return f"Wrote the {args.kind} report to {args.out}: {', '.join(p.name for p in written)}"
    if args.format == "csv" and out is not None and len(report.tables) > 1:
        names = "; ".join(f"'{t.name}'" for t in report.tables)
        raise UsageError(
            f"--out {args.out}: the {args.kind} report has {len(report.tables)} tables and a "
            f"CSV file holds one: add --table NAME (one of {names}), or give a folder "
            f"(--out {out.with_suffix('')}/) for a CSV per table"
        )
    if args.table:
        report = only_table(report, args.table)
    data = write_report(report, args.format, out, delimiter=delimiter)
    return _sent(data, f"the {args.kind} report", args.out)


def _sent(data: bytes | None, what: str, out: str | None) -> str:
    if data is None:
        return f"Wrote {what} to {out}"
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return ""


def _write_failure(out: str | None, exc: OSError) -> str:
    """The user's `--out` and the cause, never the temporary file it failed on."""
    cause = exc.strerror or str(exc)
    if exc.filename and Path(str(exc.filename)).name.startswith("."):
        return f"{out}: cannot write the report ({cause})"
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != out else ""
    return f"{out}: cannot write the report: {cause}{where}"


def _with_hint(message: str, args: argparse.Namespace) -> str:
    if args.source is None and "no usage events yet" in message:
        return (
            f"{message}; reps' searches and opens are logged on their own machines: "
            "give --from the central store they sync to"
        )
    return message
