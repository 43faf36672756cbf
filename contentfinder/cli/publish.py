"""`contentfinder publish`: copy files into the library with their tags (or, with `--suggest`,
propose tags from the files' text and write nothing)."""

from __future__ import annotations

import argparse
from pathlib import Path

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, add_facet_options, error, facet_values
from contentfinder.cli.render import publish_lines, suggestion_lines
from contentfinder.curation.proposals import suggest_tags
from contentfinder.curation.publish import PublishError, PublishRequest, publish
from contentfinder.library.catalog_lock import CatalogBusy
from contentfinder.library.opened import Library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")
    add_facet_options(parser, explained=False)
    parser.add_argument("--title", default="")
    parser.add_argument("--summary", default="")
    parser.add_argument("--owner", default="")
    parser.add_argument("--expires", default="", metavar="YYYY-MM-DD")
    parser.add_argument("--to", default="", metavar="FOLDER", help="a folder inside the library")
    parser.add_argument("--supersedes", default="", metavar="ID", help="expire this asset today")
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would happen; write nothing"
    )
    parser.add_argument(
        "--suggest", action="store_true", help="propose tags from the files' text; write nothing"
    )


def run(args: argparse.Namespace, library: Library) -> int:
    files = tuple(Path(f).expanduser() for f in args.files)
    if args.suggest:
        return _suggest(files, library)
    request = PublishRequest(
        files=files,
        tags=facet_values(args),
        title=args.title,
        summary=args.summary,
        owner=args.owner,
        expires=args.expires,
        to=args.to,
        supersedes=args.supersedes,
        dry_run=args.dry_run,
    )
    try:
        done = publish(library, request)
    except PublishError as exc:
        for problem in exc.problems:
            error(problem.message)
        error("nothing was published")
        return EXIT_FAILURE
    except CatalogBusy as exc:
        error(str(exc))
        return EXIT_FAILURE
    for line in publish_lines(done, dry_run=args.dry_run, supersedes=args.supersedes):
        print(line)
    return EXIT_OK


def _suggest(files: tuple[Path, ...], library: Library) -> int:
    from indexer.extract import extract_file  # the extractors only for proposals

    for path in files:
        extracted = extract_file(path)
        segments = getattr(extracted, "segments", None)
        if segments is None:
            error(f"{path}: {getattr(extracted, 'reason', 'cannot be read')}")
            continue
        text = " ".join(s.text for s in segments)
        for line in suggestion_lines(path, suggest_tags(library, text)):
            print(line)
    return EXIT_OK
