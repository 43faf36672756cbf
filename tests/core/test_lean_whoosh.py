"""Whoosh loaded without the modules it imports and never uses, and nobody else the worse for it:
each check in a fresh interpreter, as a command starts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from contentfinder import lean_whoosh


def fresh(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_whoosh_loads_without_urllib_request_or_asyncio() -> None:
    loaded = fresh(
        """
        import sys
        import contentfinder
        import whoosh.index, whoosh.query, whoosh.searching
        unused = {"asyncio", "urllib.request", "http.client", "email", "ssl"}
        unused.add("whoosh.lang.morph_en")
        print(sorted(unused & set(sys.modules)))
        """
    )
    assert loaded == "[]"


def test_the_stand_ins_do_what_whoosh_takes_them_for(tmp_path: Path) -> None:
    # A reader's deleted_docs_set is the cached_property; compat's urlretrieve is the lazy one
    shown = fresh(
        f"""
        import contentfinder
        from whoosh import fields, index
        from whoosh.compat import urlretrieve
        schema = fields.Schema(id=fields.ID(stored=True, unique=True))
        ix = index.create_in({str(tmp_path)!r}, schema)
        with ix.writer() as writer:
            writer.add_document(id="a")
            writer.add_document(id="b")
        with ix.writer() as writer:
            writer.delete_by_term("id", "a")
        reader = ix.reader()
        print(sorted(reader.deleted_docs_set), sorted(reader.all_doc_ids()))
        import urllib.request
        print(urlretrieve.__module__, urllib.request.urlretrieve.__module__)
        from whoosh.query.terms import variations  # what the Variations query calls
        print(sorted(variations("run"))[:3])  # morph_en's, loaded when first called
        """
    )
    assert shown.splitlines() == [
        "[0] [1]",
        "contentfinder.lean_whoosh urllib.request",
        "['ran', 'run', 'runner']",
    ]


def test_modules_imported_later_are_the_real_ones() -> None:
    shown = fresh(
        """
        import contentfinder, whoosh.reading
        import urllib.request, cached_property
        print(urllib.request.__file__.endswith("request.py"), cached_property.__file__ is not None)
        print(cached_property.threaded_cached_property.__module__, callable(urllib.request.urlopen))
        """
    )
    assert shown.splitlines() == ["True True", "cached_property True"]


def test_modules_already_loaded_are_left_as_they_are() -> None:
    # a process that had asyncio's cached_property first (a notebook, a test run) keeps it
    shown = fresh(
        """
        import cached_property, urllib.request
        import contentfinder, whoosh.reading, whoosh.compat
        print(whoosh.reading.cached_property is cached_property.cached_property,
              whoosh.compat.urlretrieve is urllib.request.urlretrieve)
        """
    )
    assert shown == "True True"


def test_preparing_twice_adds_one_finder() -> None:
    lean_whoosh.prepare()
    lean_whoosh.prepare()
    assert sum(1 for finder in sys.meta_path if finder is lean_whoosh._LeanImports) == 1
