"""Opening the live database: the entries (nla_data.store), and on first use the decisions and the outlook
the package brings (nla_data.records). Everything that opens the database for the app goes through here."""

from __future__ import annotations

from nla_data import records
from nla_data.package import NlaPackage
from nla_data.store import EntryStore


def open_database(package: NlaPackage, url: str | None = None) -> EntryStore:
    """The entry store on `url` (default: the package's database), created, migrated and filled from the
    package on first use, entries, decisions and outlook alike."""
    store = EntryStore.open(package, url)
    records.seed_if_empty(store.engine, package.path)
    return store
