"""Whoosh without three modules it imports and never uses here, a fifth of a one-shot search.

`whoosh.compat` takes `urlretrieve` from `urllib.request` (a Python 2 shim nothing calls), which
brings in http.client, email and ssl: about 30 ms. `whoosh.reading` takes its one decorator from
the `cached_property` package, which imports asyncio to check for coroutines: about 35 ms,
where `functools.cached_property` (Python 3.8 on) does the same for a plain method; upstream
forks drop the package (whoosh-novo#25). `whoosh.query.terms` compiles the hundreds of patterns
of `whoosh.lang.morph_en` (9 ms) for a query type no search here makes.

`prepare()` has those whoosh modules, whenever they are first imported, see stand-ins for what
they take. Only they see them: while each runs, the stand-in is in `sys.modules`; then it is
taken out, and whoever imports one of them later gets the real module.
"""

from __future__ import annotations

import functools
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported at run time: this module is loaded by every command
    import importlib.machinery
    from collections.abc import Callable, Sequence
    from typing import Any


def _urllib_request() -> types.ModuleType:
    stand_in = types.ModuleType("urllib.request")

    def urlretrieve(*args: Any, **kwargs: Any) -> Any:  # the real one, when ever called
        from urllib.request import urlretrieve

        return urlretrieve(*args, **kwargs)

    stand_in.urlretrieve = urlretrieve  # type: ignore[attr-defined]
    return stand_in


def _cached_property() -> types.ModuleType:
    stand_in = types.ModuleType("cached_property")
    stand_in.cached_property = functools.cached_property  # type: ignore[attr-defined]
    return stand_in


def _morph_en() -> types.ModuleType:
    stand_in = types.ModuleType("whoosh.lang.morph_en")

    def variations(word: str) -> set[str]:  # for the Variations query, which no search makes
        from whoosh.lang.morph_en import variations

        return variations(word)

    stand_in.variations = variations  # type: ignore[attr-defined]
    return stand_in


# The whoosh module -> what it imports and is given a stand-in for while it runs.
STAND_INS: dict[str, dict[str, Callable[[], types.ModuleType]]] = {
    "whoosh.compat": {"urllib.request": _urllib_request},
    "whoosh.reading": {"cached_property": _cached_property},
    "whoosh.query.terms": {"whoosh.lang.morph_en": _morph_en},
}


def prepare() -> None:
    """Called before anything imports whoosh (from the package's `__init__`); harmless twice."""
    if _LeanImports not in sys.meta_path:
        sys.meta_path.insert(0, _LeanImports)


class _LeanImports:
    """First on `sys.meta_path`: for the modules in STAND_INS, the spec the other finders give,
    its loader wrapped."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        stand_ins = STAND_INS.get(name)
        if stand_ins is None:
            return None
        for finder in sys.meta_path:  # the finder that would have found it (a bundle's too)
            if finder is _LeanImports or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _WithStandIns(spec.loader, stand_ins)
                return spec
        return None


class _WithStandIns:
    """The module's loader, running it with the stand-ins for what is not loaded yet."""

    def __init__(self, loader: Any, stand_ins: dict[str, Callable[[], types.ModuleType]]) -> None:
        self._loader, self._stand_ins = loader, stand_ins

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        placed = [name for name in self._stand_ins if name not in sys.modules]
        for name in placed:
            sys.modules[name] = self._stand_ins[name]()
        try:
            self._loader.exec_module(module)
        finally:
            for name in placed:
                del sys.modules[name]

    def __getattr__(self, name: str) -> Any:  # get_source, is_package, … for tracebacks
        return getattr(self._loader, name)
