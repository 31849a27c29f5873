"""Shared fixtures: the embedded data package, loaded once, and throw-away copies of it to break."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

# Tests never touch a real data directory (database, users, audit log): one throw-away folder per run.
os.environ.setdefault("WIJKPERSPECTIEF_DATA_DIR", tempfile.mkdtemp(prefix="wijkperspectief-data-"))

from tests import users as _test_users  # noqa: E402 - after the data directory is set

_test_users.install()

from nla_data import EMBEDDED_DIR, NlaPackage, load_package
from tests.databases import backend, database_url, new_database, postgres_server  # noqa: E402, F401 - fixtures


@pytest.fixture(scope="session")
def package() -> NlaPackage:
    """The embedded package, loaded once per test session (read-only: do not mutate its frames)."""
    loaded = load_package(EMBEDDED_DIR)
    assert loaded.package is not None, [str(p) for p in loaded.problems]
    return loaded.package


@pytest.fixture
def broken_package(tmp_path: Path) -> Callable[[], Path]:
    """A factory: each call copies the embedded package (datapackage.json and data/, no code) into a
    fresh folder under tmp_path and returns that folder, for the test to corrupt as it likes.

        pkg = broken_package()
        (pkg / "data" / "items.csv").unlink()
    """
    copies = 0

    def make() -> Path:
        nonlocal copies
        copies += 1
        target = tmp_path / f"package-{copies}"
        target.mkdir()
        shutil.copy2(EMBEDDED_DIR / "datapackage.json", target / "datapackage.json")
        shutil.copytree(EMBEDDED_DIR / "data", target / "data")
        return target

    return make
