"""The PostgreSQL fixtures themselves: a real server, a fresh database per test, restarts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tests.usage.conftest import PostgresServer


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = sa.create_engine(postgres_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_a_table_round_trips_rows(engine: Engine) -> None:
    metadata = sa.MetaData()
    assets = sa.Table(
        "assets",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
    )
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(assets.insert(), [{"id": 1, "title": "Café"}, {"id": 2, "title": "Zoë"}])
    with engine.connect() as connection:
        rows = connection.execute(sa.select(assets.c.id, assets.c.title).order_by(assets.c.id))
        assert rows.all() == [(1, "Café"), (2, "Zoë")]
        # UTF-8 with a real locale: case mapping works beyond ASCII.
        assert connection.scalar(sa.text("SELECT upper('café')")) == "CAFÉ"
        assert connection.scalar(sa.text("SHOW server_encoding")) == "UTF8"


def test_reconnects_after_the_server_restarts(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    engine = sa.create_engine(postgres_url, pool_pre_ping=True)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE marks (n integer)"))
            connection.execute(sa.text("INSERT INTO marks VALUES (1)"))
        before = engine.connect()
        try:
            postgres_server.restart()
            # A connection open across the restart is cut ...
            with pytest.raises(sa.exc.OperationalError):
                before.execute(sa.text("SELECT 1"))
        finally:
            before.close()
        # ... a new one (the pool's stale ones are pinged and replaced) sees the committed data.
        with engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT n FROM marks")) == 1
    finally:
        engine.dispose()


def test_each_test_database_is_fresh_and_independent(postgres_server: PostgresServer) -> None:
    postgres_server.create_database("independent_a")
    postgres_server.create_database("independent_b")
    engines = [
        sa.create_engine(postgres_server.url(name)) for name in ("independent_a", "independent_b")
    ]
    try:
        with engines[0].begin() as connection:
            connection.execute(sa.text("CREATE TABLE only_in_a (n integer)"))
        connection = engines[1].connect()
        try:
            assert not sa.inspect(connection).has_table("only_in_a")
            # Dropping a database with a client still connected cuts the client off.
            postgres_server.drop_database("independent_b")
            with pytest.raises(sa.exc.OperationalError):
                connection.execute(sa.text("SELECT 1"))
        finally:
            connection.close()
        names = postgres_server.psql("SELECT datname FROM pg_database").split()
        assert "independent_a" in names and "independent_b" not in names
    finally:
        for engine in engines:
            engine.dispose()
        postgres_server.drop_database("independent_a")
        postgres_server.drop_database("independent_b")


def test_postgres_url_gives_an_empty_database_of_its_own(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            assert sa.inspect(connection).get_table_names() == []
            database = connection.scalar(sa.text("SELECT current_database()"))
        assert database.startswith("t_test_postgres_url_gives")
    finally:
        engine.dispose()
