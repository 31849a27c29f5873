"""The beheerder's actions on the data package and on personal data, each checked by
`domain.permissions` before anything is read or written, and each that touches personal data logged."""

from __future__ import annotations

from pathlib import Path

from domain.permissions import MANAGE_DATA, MANAGE_PERSONAL, Actor, require
from nla_data.export import export_zip
from nla_data.personal import Erasure, PersonData, PersonQuery, erase_person, find_person, log_event
from nla_data.problems import Problem
from nla_data.settings import settings
from nla_data.store import EntryStore


def package_zip(actor: Actor, package_dir: Path, store: EntryStore,
                include_personal: bool = False) -> tuple[bytes, list[Problem]]:
    """The package as a zip: without personal data, or (a separate right, logged) with it."""
    require(actor, MANAGE_DATA)
    if include_personal:
        require(actor, MANAGE_PERSONAL)
        log_event(settings().audit_log, "export-met-persoonsgegevens", actor.username or "?", {})
    return export_zip(package_dir, store, include_personal=include_personal)


def person_data(actor: Actor, store: EntryStore, query: PersonQuery) -> PersonData:
    require(actor, MANAGE_PERSONAL)
    log_event(settings().audit_log, "persoon-ingezien", actor.username or "?", {})
    return find_person(store, query)


def erase(actor: Actor, store: EntryStore, query: PersonQuery) -> Erasure:
    require(actor, MANAGE_PERSONAL)
    return erase_person(store, query, actor.username or "?", settings().audit_log)
