"""The one parser of a sync target or report source, and the one password mask."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.usage.store import load_events
from contentfinder.usage.sync import open_target
from contentfinder.usage.targets import (
    DatabaseAddress,
    FolderAddress,
    SyncError,
    mask_password,
    parse_address,
)


@pytest.mark.parametrize(
    ("where", "folder"),
    [
        ("/srv/share/usage", "/srv/share/usage"),
        ("  /srv/share/usage ", "/srv/share/usage"),
        ("file:///srv/share/sales%20usage", "/srv/share/sales usage"),
        ("file://localhost/srv/share", "/srv/share"),
        ("file://fileserver/usage", "//fileserver/usage"),
        ("C://Sales/usage", "C://Sales/usage"),
    ],
)
def test_a_folder_is_a_plain_path_or_a_file_url(where: str, folder: str) -> None:
    assert parse_address(where) == FolderAddress(Path(folder))


def test_a_home_relative_folder_is_expanded() -> None:
    assert parse_address("~/usage") == FolderAddress(Path("~/usage").expanduser())


@pytest.mark.parametrize(
    ("where", "url"),
    [
        ("postgresql://rep:pw@db.example/usage", "postgresql+psycopg://rep:pw@db.example/usage"),
        ("postgres://rep@/usage?host=/run/pg", "postgresql+psycopg://rep@/usage?host=/run/pg"),
        ("PostgreSQL://rep@db/usage", "postgresql+psycopg://rep@db/usage"),
        ("postgresql+psycopg://rep@db/usage", "postgresql+psycopg://rep@db/usage"),
        ("sqlite:////srv/central.sqlite", "sqlite:////srv/central.sqlite"),
    ],
)
def test_a_database_url_gets_the_driver_we_use(where: str, url: str) -> None:
    assert parse_address(where) == DatabaseAddress(url)


@pytest.mark.parametrize(
    "where",
    ["mysql://rep:secret@db.example/usage", "http://insights.example/usage", "smb://fs/share"],
)
def test_anything_else_is_refused_naming_the_forms_known(where: str) -> None:
    with pytest.raises(SyncError) as raised:
        open_target(where)
    message = str(raised.value)
    assert where.split("://")[0] + "://" in message and "secret" not in message
    for known in ("folder path", "file://", "postgresql://", "sqlite:///"):
        assert known in message


def test_a_report_source_is_parsed_the_same_way(tmp_path: Path) -> None:
    settings = Settings(library=None, home=tmp_path / "home")
    with pytest.raises(SyncError, match="file://, postgresql:// or sqlite:///"):
        load_events(settings, "http://insights.example/usage")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("sqlite://", "needs a file"),
        ("postgresql://rep:secret@db:port/usage", "not a database URL"),
        ("   ", "no sync target"),
    ],
)
def test_a_malformed_url_is_named_without_its_password(where: str, message: str) -> None:
    with pytest.raises(SyncError, match=message) as raised:
        parse_address(where)
    assert "secret" not in str(raised.value)


def test_a_password_is_masked_wherever_a_url_is_shown(tmp_path: Path) -> None:
    assert mask_password("postgresql://rep:s3cr@t@db/usage") == "postgresql://rep:***@db/usage"
    assert mask_password("postgresql://rep@db/usage") == "postgresql://rep@db/usage"
    address = parse_address("postgresql://rep:secret@db/usage")
    assert address.shown == "postgresql+psycopg://rep:***@db/usage"
    settings = Settings(library=None, home=tmp_path / "home")
    unreachable = "postgresql://rep:secret@/nowhere?host=/nonexistent"
    with pytest.raises(SyncError, match="cannot read the central store") as raised:
        load_events(settings, unreachable)
    assert "secret" not in str(raised.value) and "rep:***@" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("sqlite+pysqlcipher://:secret@/x.db", "sqlite+pysqlcipher://:***@/x.db"),
        (
            "postgresql:///usage?host=/run&password=secret",
            "postgresql:///usage?host=/run&password=***",
        ),
        (
            "postgresql://rep@db/usage?PASSWORD=secret&port=5",
            "postgresql://rep@db/usage?PASSWORD=***&port=5",
        ),
    ],
)
def test_a_password_without_a_user_or_as_a_parameter_is_masked(text: str, masked: str) -> None:
    assert mask_password(text) == masked


@pytest.mark.parametrize(
    "where", ["postgresql+asyncpg://rep:secret@db/usage", "sqlite+pysqlcipher://:secret@/x.db"]
)
def test_a_driver_contentfinder_does_not_ship_is_refused_by_name(where: str) -> None:
    with pytest.raises(SyncError) as raised:
        parse_address(where)
    message = str(raised.value)
    assert where.split("+")[1].split(":")[0] in message and "without a driver" in message
    assert "secret" not in message


def test_messages_name_the_url_as_typed_and_hide_its_password_anywhere() -> None:
    address = parse_address("postgres://rep:p%40ss@db/usage")
    assert isinstance(address, DatabaseAddress)
    assert address.named == "postgres://rep:***@db/usage"
    assert address.shown == "postgresql+psycopg://rep:***@db/usage"  # the watermark's key
    assert address.hide("auth failed for p@ss (p%40ss)") == "auth failed for *** (***)"
