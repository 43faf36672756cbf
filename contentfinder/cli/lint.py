"""`contentfinder lint`: the library's health, exit status 1 when it has errors."""

from __future__ import annotations

import argparse
import sys

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK
from contentfinder.cli.render import lint_text, write_json
from contentfinder.curation.health import lint_library
from contentfinder.library.opened import Library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")


def run(args: argparse.Namespace, library: Library) -> int:
    found = lint_library(library)
    if args.json:
        write_json(found.to_json(), sys.stdout)
    else:
        sys.stdout.write(lint_text(found).rstrip("\n") + "\n")
    return EXIT_FAILURE if found.errors else EXIT_OK
