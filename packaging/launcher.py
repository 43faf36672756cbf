"""The bundled app's one executable (`contentfinder`, `contentfinder.exe`): the command line,
and with no arguments the desktop app, as a rep double-clicking it expects.

A frozen app has no Python to run `-m`: its `sys.executable` is this launcher, so the window's
index child (`sys.executable -m indexer …`, ui/controllers/index_process.py) lands here and is
run as `python -m indexer` would run it; multiprocessing's spawned children (the search child,
the extraction workers) are taken by `freeze_support` before anything else runs.
"""

from __future__ import annotations

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:2] == ["-m", "indexer"]:
        from indexer.__main__ import main as index_main

        return index_main(arguments[2:])
    if arguments[:2] == ["-m", "contentfinder.cli"]:  # the desktop entry's unfrozen form
        arguments = arguments[2:]
    from contentfinder.cli import main as cli_main

    return cli_main(arguments or ["gui"])


if __name__ == "__main__":
    multiprocessing.freeze_support()  # first: a spawned child runs its target here and exits
    sys.exit(main())
