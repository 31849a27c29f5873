"""The store's rules at their edges: what counts, what is refused, in which order (each test one rule)."""

from __future__ import annotations

import pytest

from nla_data.store import EntryStore


@pytest.fixture
def store(package, tmp_path):
    opened = EntryStore.open(package, f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield opened
    opened.engine.dispose()


def test_the_store_opens_with_the_packages_entries(store, package):
    assert len(store.items()) == len(package.items)
