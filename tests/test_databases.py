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
