"""Which subcommands exist: each name with its one-line summary and the module that implements
it, imported only when that command runs (pip's shape), so `contentfinder search` never loads
the indexer, the reports' spreadsheets or Qt."""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass
from typing import Protocol

from contentfinder.library.opened import Library


class CommandModule(Protocol):
    """What each `contentfinder/cli/<command>.py` provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace, library: Library) -> int: ...


@dataclass(frozen=True)
class Command:
    """A subcommand: its name and summary (its module is imported only when it runs)."""

    name: str
    summary: str

    @property
    def module(self) -> str:
        # `install-desktop-entry` lives in `install_desktop_entry.py`
        return f"{__package__}.{self.name.replace('-', '_')}"

    def load(self) -> CommandModule:
        return importlib.import_module(self.module)  # type: ignore[return-value]


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command("index", "bring the index up to date with the library"),
        Command("search", "search the library"),
        Command("open", "open an asset in your viewer (and record it)"),
        Command("sync", "send new usage events to the central store"),
        Command("events", "import or export usage events as JSON lines"),
        Command("publish", "copy files into the library with their tags"),
        Command("lint", "check the library's health (exit 1 on errors)"),
        Command("report", "marketing's usage reports"),
        Command("deals", "import deals from a CRM's opportunity export"),
        Command("prep", "the kit for a call on a deal"),
        Command("gui", "open the desktop app"),
        Command("install-desktop-entry", "put the app in this Linux desktop's menus (per user)"),
    )
}


def command_in(argv: list[str]) -> Command | None:
    """The command `argv` names: its first word that is not an option (the top-level parser
    has no options of its own but --help). None for a missing or unknown one, which the parser
    then refuses with the list of commands."""
    word = next((a for a in argv if not a.startswith("-")), None)
    return COMMANDS.get(word) if word is not None else None
