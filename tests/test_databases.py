"""The PostgreSQL fixture's own bad path: without PostgreSQL the variants skip with the way to get one, and fail
when CI requires PostgreSQL (WIJKPERSPECTIEF_REQUIRE_POSTGRES=1)."""

from __future__ import annotations

import pytest

from tests import databases


@pytest.fixture
def no_postgres(monkeypatch):
    monkeypatch.delenv(databases.POSTGRES_URL_ENV, raising=False)
    monkeypatch.delenv("MUTANT_UNDER_TEST", raising=False)
    monkeypatch.setattr(databases.glob, "glob", lambda pattern: [])
    return databases._Server()


def test_without_postgresql_its_variants_are_skipped_saying_how_to_get_it(no_postgres, monkeypatch):
    monkeypatch.setattr(databases, "REQUIRED", False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y postgresql"):
        databases.postgres_or_skip(no_postgres)


def test_when_ci_requires_postgresql_its_absence_fails(no_postgres, monkeypatch):
    monkeypatch.setattr(databases, "REQUIRED", True)
    with pytest.raises(pytest.fail.Exception, match="WIJKPERSPECTIEF_REQUIRE_POSTGRES=1 but .*no PostgreSQL"):
        databases.postgres_or_skip(no_postgres)


def test_a_mutation_run_keeps_to_sqlite_unless_it_is_given_a_server(no_postgres, monkeypatch):
    """Under mutmut the PostgreSQL variants skip, saying so; given NLA_TEST_POSTGRES_URL (mutation_sample.py
    --postgres) they use that server: here one that cannot be reached, so its own reason is said instead."""
    monkeypatch.setattr(databases, "REQUIRED", False)
    monkeypatch.setenv("MUTANT_UNDER_TEST", "nla_data.store.x_example__mutmut_1")
    with pytest.raises(pytest.skip.Exception, match="mutation run: .* on SQLite"):
        databases.postgres_or_skip(no_postgres)
    monkeypatch.setenv(databases.POSTGRES_URL_ENV, "postgresql+psycopg://nobody@127.0.0.1:1/postgres")
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL could not be had"):
        databases.postgres_or_skip(no_postgres)
