"""Checking a sync target before it is saved: the folder or database the sync would use,
opened the way the sync opens it, with the cause in words a rep can act on."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import create_engine, inspect

from contentfinder.usage.target_check import check_target, create_target_folder


def test_a_folder_that_exists_and_takes_a_file_is_usable(tmp_path: Path) -> None:
    assert check_target(str(tmp_path)).ok
    assert os.listdir(tmp_path) == []  # the file written to try it is gone


def test_a_missing_folder_may_be_made_only_when_its_parent_exists(tmp_path: Path) -> None:
    near = check_target(str(tmp_path / "usage"))
    assert not near.ok and near.missing_folder == tmp_path / "usage"
    far = check_target(str(tmp_path / "share" / "usage"))
    assert far.missing_folder is None
    assert far.problem == (
        f"{tmp_path / 'share' / 'usage'} does not exist, nor does {tmp_path / 'share'} "
        "(a network share that is not connected, or a typing mistake?)"
    )
    made = create_target_folder(str(tmp_path / "usage"))
    assert made.ok and (tmp_path / "usage").is_dir()


def test_what_is_not_a_usable_folder_says_why(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    assert check_target(str(tmp_path / "notes.txt")).problem.endswith("is a file, not a folder")
    assert "full path" in check_target("usage").problem
    assert "neither a folder nor a database" in check_target("ftp://share/usage").problem


def test_a_database_is_usable_when_it_connects_and_takes_the_tables(
    tmp_path: Path, postgres_url: str
) -> None:
    assert check_target(postgres_url).ok
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert "usage_events" in inspect(conn).get_table_names()  # as the first sync would
    finally:
        engine.dispose()
    assert check_target(f"sqlite:///{tmp_path / 'central.sqlite'}").ok


def test_a_database_that_does_not_connect_says_the_cause(tmp_path: Path, postgres_url: str) -> None:
    refused = check_target("postgresql://rep:secret@127.0.0.1:1/usage")
    assert refused.problem.startswith("postgresql://rep:***@127.0.0.1:1/usage: cannot connect:")
    assert "nothing answers at that address and port" in refused.problem
    assert "secret" not in refused.problem
    # The test server's socket folder, another port: nobody listens.
    wrong_port = re.sub(r"port=(\d+)", lambda m: f"port={int(m.group(1)) + 1}", postgres_url)
    assert "no server answers there" in check_target(wrong_port).problem
    no_database = re.sub(r"@/[^?]+", "@/no_such_database", postgres_url)
    assert "the server has no such database or user" in check_target(no_database).problem
    missing = check_target(f"sqlite:///{tmp_path / 'no' / 'such' / 'central.sqlite'}")
    assert "cannot be opened or created there" in missing.problem
