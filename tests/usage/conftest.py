"""A real PostgreSQL server for the sync tests: started once per run, a fresh database per test.

The server is Debian's `postgresql` package (scripts/bootstrap.sh installs it for `[test]`):
`initdb` makes a throwaway cluster in a private folder under /tmp and `pg_ctl` runs it on a unix
socket only (no TCP port is opened), so parallel runs and a system PostgreSQL never collide.
initdb and postgres refuse to run as root, so as root they run as the `postgres` system user.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

PACKAGE = "postgresql"
SERVER_USER = "postgres"  # the system user that runs the server when the tests run as root
DATABASE_USER = "postgres"  # the cluster's superuser
PROGRAMS = ("initdb", "pg_ctl", "postgres", "psql")
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _version_key(bindir: str) -> tuple[int, ...]:
    version = Path(bindir).parent.name  # /usr/lib/postgresql/<version>/bin
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def find_bindir() -> Path | None:
    """The folder with initdb, pg_ctl, postgres and psql: pg_ctl's on PATH, else Debian's newest."""
    candidates = []
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:  # /usr/local/bin/pg_ctl may be a symlink into /usr/lib/postgresql/<v>/bin
        candidates.append(os.path.dirname(os.path.realpath(pg_ctl)))
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(debian, key=_version_key, reverse=True)
    for candidate in candidates:
        if all(os.access(os.path.join(candidate, name), os.X_OK) for name in PROGRAMS):
            return Path(candidate)
    return None


def _clean_environment() -> dict[str, str]:
    # PGHOST, PGPORT, PGOPTIONS, ... of the caller must not redirect or alter our commands.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_MESSAGES"] = "C"
    return env


class PostgresServer:
    """A throwaway PostgreSQL cluster listening on a unix socket in a private temporary folder."""

    def __init__(self, bindir: Path, root: Path, port: int, run_as: pwd.struct_passwd | None):
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.host = str(root / "socket")  # the socket folder: libpq's "host" for unix sockets
        self.port = port
        self.user = DATABASE_USER
        self.log = root / "log" / "postgres.log"
        self._run_as = run_as
        self._running = False
        self.version = 0  # the major version, known after init()
        self.start_seconds: float | None = None  # how long the last start took

    # -- running commands ------------------------------------------------------------------

    def _run(self, *args: str | os.PathLike[str], as_server: bool = False) -> str:
        command = [str(arg) for arg in args]
        extra: dict[str, object] = {}
        if as_server and self._run_as is not None:
            extra = {"user": self._run_as.pw_uid, "group": self._run_as.pw_gid, "extra_groups": []}
        result = subprocess.run(
            command,
            cwd=self.root,  # a folder the server user can enter (root's cwd may not be)
            env=_clean_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
            **extra,  # type: ignore[arg-type]
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}{self._log_tail()}"
            )
        return result.stdout

    def _log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return (
            "\n--- server log (" + str(self.log) + ") ---\n" + "\n".join(text.splitlines()[-lines:])
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Runs `sql` with psql as the superuser; returns its unaligned, tuples-only output."""
        return self._run(
            self.bindir / "psql", "--no-psqlrc", "--quiet", "--tuples-only", "--no-align",
            "--set", "ON_ERROR_STOP=1", "--host", self.host, "--port", str(self.port),
            "--username", self.user, "--dbname", database, "--command", sql,
        )  # fmt: skip

    # -- life cycle --------------------------------------------------------------------------

    def init(self) -> None:
        """Makes the cluster (initdb) in the data folder."""
        self.version = int(re.findall(r"\d+", self._run(self.bindir / "postgres", "--version"))[0])
        self._run(
            self.bindir / "initdb", "--pgdata", self.data, "--username", self.user,
            "--auth", "trust", "--encoding", "UTF8", "--locale", "C.UTF-8", "--no-sync",
            as_server=True,
        )  # fmt: skip

    def start(self) -> None:
        options = " ".join(
            [
                "-c listen_addresses=''",
                f"-c unix_socket_directories='{self.host}'",
                f"-p {self.port}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
            ]
        )
        started = time.monotonic()
        self._running = True  # a half-started server must be stopped too
        self._run(
            self.bindir / "pg_ctl", "start", "--wait", "--timeout", "60", "--pgdata", self.data,
            "--log", self.log, "--options", options, as_server=True,
        )  # fmt: skip
        self.start_seconds = time.monotonic() - started

    def stop(self) -> None:
        if not self._running:
            return
        self._running = False
        if (self.data / "postmaster.pid").exists():
            self._run(
                self.bindir / "pg_ctl", "stop", "--wait", "--timeout", "60", "--mode", "fast",
                "--pgdata", self.data, as_server=True,
            )  # fmt: skip

    def restart(self) -> None:
        """Stops the server (fast: open connections are cut) and starts it again."""
        self.stop()
        self.start()

    # -- databases ---------------------------------------------------------------------------

    def url(self, database: str) -> str:
        """A SQLAlchemy URL (psycopg 3 driver) for `database` over the unix socket."""
        return (
            f"postgresql+psycopg://{self.user}@/{quote(database, safe='')}"
            f"?host={quote(self.host, safe='/')}&port={self.port}"
        )

    def create_database(self, name: str) -> None:
        self.psql(f'CREATE DATABASE "{_checked(name)}"')

    def drop_database(self, name: str) -> None:
        """Drops `name` even while clients are still connected to it."""
        name = _checked(name)
        if self.version >= 13:
            self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            self.psql(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            )
            self.psql(f'DROP DATABASE IF EXISTS "{name}"')


def _checked(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a plain database name (a-z, 0-9, _; at most 63): {name!r}")
    return name


def _not_found_message() -> str:
    return (
        "PostgreSQL server programs (initdb, pg_ctl, postgres, psql) were found neither on PATH "
        "nor in /usr/lib/postgresql/*/bin. The sync tests need a real server: install Debian's "
        f"`{PACKAGE}` package (`apt-get install {PACKAGE}`; scripts/test does it when run as root)."
    )


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of its own for this test run, stopped and deleted at the end."""
    bindir = find_bindir()
    if bindir is None:
        pytest.fail(_not_found_message(), pytrace=False)
    run_as = None
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        try:
            run_as = pwd.getpwnam(SERVER_USER)
        except KeyError:
            pytest.fail(
                f"running as root, but there is no `{SERVER_USER}` system user to run the "
                f"PostgreSQL server as (Debian's `{PACKAGE}` package creates it)",
                pytrace=False,
            )
    # Under /tmp, not pytest's tmp_path: the server user must be able to reach it, and a unix
    # socket path may not be longer than 107 bytes.
    root = Path(tempfile.mkdtemp(prefix="contentfinder-pg-", dir="/tmp"))
    root.chmod(0o755)
    for name in ("data", "socket", "log"):
        (root / name).mkdir(mode=0o700 if name == "data" else 0o755)
        if run_as is not None:
            os.chown(root / name, run_as.pw_uid, run_as.pw_gid)
    # Unix socket only, in a private folder: the port only names the socket file.
    server = PostgresServer(bindir, root, 5433 + secrets.randbelow(20000), run_as)

    def cleanup() -> None:
        try:
            server.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)

    atexit.register(cleanup)  # also when pytest is interrupted before the teardown below
    try:
        server.init()
        server.start()
        yield server
    except RuntimeError as error:
        pytest.fail(f"could not start PostgreSQL: {error}", pytrace=False)
    finally:
        cleanup()
        atexit.unregister(cleanup)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """The SQLAlchemy URL of a new, empty database of this test's own, dropped afterwards."""
    label = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower()).strip("_")[:40]
    name = f"t_{label}_{secrets.token_hex(4)}"
    postgres_server.create_database(name)
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)
