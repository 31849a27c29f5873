"""A database for each backend the store runs on: SQLite always, PostgreSQL when one can be had.

A test (or a fixture such as a test module's `store`) asks for `database_url` and runs once per backend;
a test that needs several databases asks for `new_database` and calls it with a name. Each PostgreSQL
database is created for the test and dropped after it.

PostgreSQL comes from `NLA_TEST_POSTGRES_URL` (a server where the URL's user may CREATE DATABASE), or else
from a throw-away cluster this module starts with Debian's binaries (`apt-get install -y postgresql`) in a
temporary folder, on a free loopback port, with its socket in that folder, and stops at the end of the
session by its own pg_ctl. Without either the PostgreSQL variants are skipped, saying why; with
WIJKPERSPECTIEF_REQUIRE_POSTGRES=1 (CI) they fail instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

POSTGRES_URL_ENV = "NLA_TEST_POSTGRES_URL"
REQUIRED = os.environ.get("WIJKPERSPECTIEF_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgresql"]


class Unavailable(Exception):
    """No PostgreSQL here: the reason, with the way to get one."""


class _Cluster:
    """A PostgreSQL cluster of its own in a temporary folder, for this test session only."""

    def __init__(self) -> None:
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_major)
        if not binaries:
            raise Unavailable(f"no PostgreSQL: set {POSTGRES_URL_ENV}=postgresql+psycopg://USER@HOST:PORT/postgres "
                              "or install Debian's with `apt-get update && apt-get install -y postgresql`")
        self.bin = Path(binaries[-1]).parent
        self.folder = Path(tempfile.mkdtemp(prefix="wijkperspectief-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        # initdb refuses root: then the cluster belongs to Debian's `postgres` user
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user is not None:
            try:
                owner = pwd.getpwnam(self.user)
            except KeyError as error:
                raise Unavailable("running as root and there is no `postgres` user to own a cluster") from error
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                  "--locale=C.UTF-8")
        # a throw-away cluster: durability is not what the tests prove (the store's transactions are)
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w",
                  "start")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *arguments: str) -> None:
        command = [str(self.bin / program), *arguments]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, cwd=self.folder, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.folder / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise Unavailable(f"{program} failed ({done.returncode}): {done.stderr.strip()[-1500:]} {detail}")


class _Server:
    """Where the PostgreSQL test databases are made: created on first need, kept for the session."""

    def __init__(self) -> None:
        self.cluster: _Cluster | None = None
        self.admin: sa.Engine | None = None
        self.failure: str | None = None

    def engine(self) -> sa.Engine:
        if self.failure is not None:
            raise Unavailable(self.failure)
        if self.admin is None:
            try:
                url = os.environ.get(POSTGRES_URL_ENV)
                if not url:
                    self.cluster = _Cluster()
                    url = self.cluster.url
                self.admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
                with self.admin.connect() as db:
                    db.execute(sa.text("SELECT 1"))
            except (Unavailable, sa.exc.DBAPIError, OSError, subprocess.SubprocessError) as error:
                self.failure = f"PostgreSQL could not be had: {error}"
                self.close()
                raise Unavailable(self.failure) from error
        return self.admin

    def create(self) -> str:
        name = f"wp_test_{uuid.uuid4().hex[:12]}"
        admin = self.engine()
        with admin.connect() as db:
            db.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
        return admin.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.engine().connect() as db:
            db.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        if self.admin is not None:
            self.admin.dispose()
            self.admin = None
        if self.cluster is not None:
            cluster, self.cluster = self.cluster, None
            cluster.stop()


def _major(path: str) -> float:
    try:
        return float(Path(path).parts[-3])
    except ValueError:
        return 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_or_skip(server: _Server) -> None:
    """Skip (or in CI fail) when there is no PostgreSQL. A mutation run keeps to SQLite unless it is given a
    server (`NLA_TEST_POSTGRES_URL`, as `scripts/mutation_sample.py --postgres` does): a cluster per mutant
    would cost more than the mutants."""
    if "MUTANT_UNDER_TEST" in os.environ and not REQUIRED and not os.environ.get(POSTGRES_URL_ENV):
        pytest.skip("mutation run: the store's mutants are tested on SQLite (no NLA_TEST_POSTGRES_URL)")
    try:
        server.engine()
    except Unavailable as error:
        if REQUIRED:
            pytest.fail(f"WIJKPERSPECTIEF_REQUIRE_POSTGRES=1 but {error}")
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def postgres_server():
    server = _Server()
    yield server
    server.close()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def new_database(backend, tmp_path, request):
    """A factory: `new_database("name")` is the URL of a new, empty database of this test's backend."""
    made: list[str] = []
    server = request.getfixturevalue("postgres_server") if backend == "postgresql" else None
    if server is not None:
        postgres_or_skip(server)

    def make(name: str = "store") -> str:
        if server is None:
            return f"sqlite:///{tmp_path / f'{name}.sqlite'}"
        made.append(server.create())
        return made[-1]

    yield make
    for url in made:
        server.drop(url)


@pytest.fixture
def database_url(new_database) -> str:
    """The URL of a new, empty database: once for SQLite, once for PostgreSQL."""
    return new_database("store")
