"""nla_data.settings: the database file is named after the package, and follows a renamed package at once
although the descriptor is read only when it changed."""

from __future__ import annotations

import json
import os

from nla_data.settings import DATA_DIR_ENV, DATABASE_ENV, PACKAGE_ENV, settings


def _package(folder, name):
    folder.mkdir(exist_ok=True)
    (folder / "datapackage.json").write_text(json.dumps({"name": name, "resources": []}), encoding="utf-8")
    return folder


def test_the_database_is_named_after_the_package_and_follows_a_rename(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    monkeypatch.delenv(PACKAGE_ENV, raising=False)
    package = _package(tmp_path / "pakket", "NLA Groningen 2013")
    assert settings().database_url(package) == f"sqlite:///{tmp_path / 'data' / 'nla-groningen-2013.sqlite'}"
    assert settings().database_url(package).endswith("/nla-groningen-2013.sqlite")  # again, from the cache
    descriptor = package / "datapackage.json"
    before = descriptor.stat().st_mtime_ns
    _package(package, "Wijken Assen")
    os.utime(descriptor, ns=(before + 1_000_000, before + 1_000_000))  # a rewrite within the clock's tick
    assert settings().database_url(package).endswith("/wijken-assen.sqlite")


def test_without_a_readable_descriptor_the_database_has_the_apps_name(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    assert settings().database_url(tmp_path / "leeg").endswith("/wijkperspectief.sqlite")
    (tmp_path / "map" / "datapackage.json").mkdir(parents=True)  # a folder where the file should be
    assert settings().database_url(tmp_path / "map").endswith("/wijkperspectief.sqlite")
    _package(tmp_path / "kapot", "x")
    (tmp_path / "kapot" / "datapackage.json").write_text("{niet json", encoding="utf-8")
    assert settings().database_url(tmp_path / "kapot").endswith("/wijkperspectief.sqlite")


def test_an_explicit_database_url_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_ENV, "postgresql+psycopg://wijk@127.0.0.1:5432/nla")
    assert settings().database_url(_package(tmp_path / "p", "naam")) == "postgresql+psycopg://wijk@127.0.0.1:5432/nla"


def test_the_stores_database_is_the_given_packages(tmp_path, monkeypatch):
    from nla_data.store import database_url

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    monkeypatch.delenv(PACKAGE_ENV, raising=False)  # the embedded package otherwise
    assert database_url(_package(tmp_path / "assen", "Wijken Assen")).endswith("/wijken-assen.sqlite")
