"""The command line as a composition root: a registry of one module per command, imported only
when that command runs; one `Library` per command; no traceback for a path that cannot be used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from contentfinder.cli import build_parser
from contentfinder.cli import search as search_command
from contentfinder.cli.common import facet_values
from contentfinder.cli.registry import COMMANDS, command_in
from contentfinder.config import load_settings
from contentfinder.library.opened import Library
from contentfinder.library.taxonomy import REQUIRED_FACETS
from tests.factories import run_cli, write_text

CLI_PACKAGE = Path(__file__).resolve().parents[2] / "contentfinder" / "cli"
SHARED_MODULES = {"__init__", "__main__", "common", "registry", "render"}
HEAVY = ("sqlalchemy", "openpyxl", "indexer", "PySide6", "ui")

# Runs the command line in a fresh interpreter, then says on stderr which of the heavy packages
# and which of the CLI's modules the command loaded.
PROBE = """
import sys
from contentfinder.cli import main
try:
    code = main(sys.argv[1:])
finally:
    heavy = sorted({m.split(".")[0] for m in sys.modules} & HEAVY_PACKAGES)
    ours = sorted(m for m in sys.modules if m.startswith("contentfinder.cli."))
    print("LOADED", ",".join(heavy), ",".join(ours), file=sys.stderr)
sys.exit(code)
"""


def loaded_by(*args: str, heavy: tuple[str, ...] = HEAVY) -> tuple[set[str], set[str]]:
    """(heavy packages, contentfinder.cli.* modules) that `contentfinder ARGS` imports."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.replace("HEAVY_PACKAGES", repr(set(heavy))), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("LOADED"))
    _, heavy, ours = (line.split(" ") + [""])[:3]
    return set(filter(None, heavy.split(","))), set(filter(None, ours.split(",")))


@pytest.fixture
def indexed(make_library, tmp_path: Path) -> tuple[Path, Path]:
    library = make_library({"Decks/roi.txt": lambda p: write_text(p, "Return on investment.")})
    home = tmp_path / "h"
    indexing = run_cli("index", "--library", str(library), "--home", str(home))
    assert indexing.returncode == 0, indexing.stderr
    return library, home


def test_a_search_loads_no_other_commands_code(indexed: tuple[Path, Path]) -> None:
    library, home = indexed
    where = ("--library", str(library), "--home", str(home))
    heavy, ours = loaded_by("search", "roi", "--json", "--no-log", *where)
    assert heavy == set()  # before the split: SQLAlchemy, for the log this search does not write
    assert ours == {f"contentfinder.cli.{m}" for m in ("common", "registry", "render", "search")}
    logged, _ = loaded_by("search", "roi", "--json", *where)
    assert logged == {"sqlalchemy"}  # the log, and nothing of reports, indexer or Qt


def test_a_search_loads_nothing_whoosh_imports_without_using(indexed: tuple[Path, Path]) -> None:
    # whoosh.compat's urllib.request (http, email, ssl) and cached_property's asyncio: 60 ms
    library, home = indexed
    where = ("--library", str(library), "--home", str(home))
    unused = ("asyncio", "http", "email", "ssl", "cached_property")
    heavy, _ = loaded_by("search", "roi", "--json", "--no-log", *where, heavy=unused)
    assert heavy == set()


@pytest.mark.parametrize(
    ("command", "allowed", "modules"),
    [
        ("index", {"indexer"}, {"index", "render"}),
        ("gui", set(), {"gui"}),
        ("deals", set(), {"deals"}),
        ("prep", set(), {"prep", "render"}),
    ],
)
def test_help_for_a_command_loads_only_that_command(
    command: str, allowed: set[str], modules: set[str]
) -> None:
    heavy, ours = loaded_by(command, "--help")
    assert heavy == allowed  # `gui --help` starts no Qt
    assert ours == {f"contentfinder.cli.{m}" for m in ("common", "registry", *modules)}


@pytest.mark.parametrize("command", ["deals", "prep", "events", "sync", "install-desktop-entry"])
def test_a_command_that_reads_no_index_loads_no_whoosh_for_its_help(command: str) -> None:
    heavy, _ = loaded_by(command, "--help", heavy=("whoosh",))
    assert heavy == set()


def test_every_command_module_is_registered_and_listed_in_help() -> None:
    modules = {p.stem for p in CLI_PACKAGE.glob("*.py")} - SHARED_MODULES
    # a command's module is its name with "-" spelt "_"
    assert modules == {name.replace("-", "_") for name in COMMANDS}
    shown = run_cli("--help")
    assert shown.returncode == 0
    for command in COMMANDS.values():
        assert command.summary in shown.stdout
        module = command.load()
        assert module.__doc__ and callable(module.add_arguments) and callable(module.run)


def test_the_command_is_the_first_word_that_is_not_an_option() -> None:
    assert command_in(["search", "index"]) is COMMANDS["search"]
    assert command_in(["--help", "lint", "--json"]) is COMMANDS["lint"]
    assert command_in(["nosuch", "search"]) is None and command_in(["-h"]) is None


@pytest.mark.parametrize("command", ["search", "publish"])
def test_the_facet_flags_are_the_required_facets(command: str) -> None:
    flags = [x for facet in REQUIRED_FACETS for x in (f"--{facet}", facet.upper())]
    args = build_parser(COMMANDS[command]).parse_args(
        [command, *flags, "--facet", "industry=retail"]
        + (["a.txt"] if command == "publish" else [])
    )
    expected = {facet: [facet.upper()] for facet in REQUIRED_FACETS}
    assert facet_values(args) == {**expected, "industry": ["retail"]}


def test_the_taxonomy_is_read_once_per_command(indexed: tuple[Path, Path], capsys) -> None:
    library_folder, home = indexed
    library = Library(load_settings(library=library_folder, home=home))
    assert library.taxonomy.facet("persona") is not None
    # A change after the command read it is for the next command: the search does not read
    # the file a second time (before, SearchSession read it again and failed on this).
    (library_folder / "taxonomy.toml").write_text("[[facet", encoding="utf-8")
    args = build_parser(COMMANDS["search"]).parse_args(["search", "roi", "--json", "--no-log"])
    assert search_command.run(args, library) == 0
    assert '"Decks/roi.txt"' in capsys.readouterr().out


def test_a_folder_path_that_cannot_be_expanded_is_named_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli("search", "roi", "--library", "~no-such-user-cf/lib", "--home", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "contentfinder: ~no-such-user-cf/lib: cannot expand '~'" in result.stderr


def test_a_log_that_cannot_be_written_is_a_warning_and_the_search_is_shown(
    indexed: tuple[Path, Path],
) -> None:
    library, home = indexed
    (home / "usage.sqlite").mkdir()  # where the log's file should be, a folder
    result = run_cli("search", "roi", "--json", "--library", str(library), "--home", str(home))
    assert result.returncode == 0
    assert '"Decks/roi.txt"' in result.stdout
    assert f"contentfinder: warning: {home / 'usage.sqlite'}: cannot use the usage log" in (
        result.stderr
    )
    assert "this was not recorded" in result.stderr and "Traceback" not in result.stderr
