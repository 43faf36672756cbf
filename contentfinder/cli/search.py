"""`contentfinder search`: one search of the index, shown to a person or as JSON, and recorded
in the usage log unless told not to."""

from __future__ import annotations

import argparse
import sys

from contentfinder.cli.common import (
    EXIT_OK,
    UsageError,
    add_facet_options,
    add_identity_options,
    facet_values,
    positive_int,
    record_usage,
    warn,
)
from contentfinder.cli.render import write_json, write_results
from contentfinder.library.opened import Library
from contentfinder.search.session import FilterError, SearchRequest, SearchSession
from contentfinder.usage.outcomes import search_outcome


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="?",
        default="",
        help='words, "phrases", -exclusions; empty lists everything filtered',
    )
    add_facet_options(parser, explained=True)
    parser.add_argument(
        "--limit",
        type=positive_int,
        default=10,
        metavar="N",
        help="how many hits to show (default 10)",
    )
    parser.add_argument(
        "--format",
        action="append",
        default=[],
        metavar="NAME",
        dest="formats",
        help="only files of this format (PDF, Word, PowerPoint, Excel, …); repeat to allow several",
    )
    parser.add_argument(
        "--include-expired", action="store_true", help="also show assets past their expiry date"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-log", action="store_true", help="do not record this search")
    add_identity_options(parser)


def run(args: argparse.Namespace, library: Library) -> int:
    request = SearchRequest(
        text=args.query,
        filters={k: tuple(v) for k, v in facet_values(args).items()},
        limit=args.limit,
        include_expired=args.include_expired,
        formats=tuple(args.formats),
    )
    try:
        with SearchSession.for_library(library) as session:
            for problem in session.problems:  # a broken synonyms.toml: said, never fatal
                warn(problem)
            results = session.search(request)
    except FilterError as exc:
        raise UsageError(str(exc)) from None
    if not args.no_log:
        # Before the output: a reader that stops early (`| head`) must not lose the event.
        outcome = search_outcome(results)
        record_usage(
            library,
            lambda log: log.record_search(results.query, results.filters, results.total, outcome),
            role=args.role,
            team=args.team,
        )
    if args.json:
        write_json(results.to_json(), sys.stdout)
    else:
        write_results(results, sys.stdout)
    return EXIT_OK
