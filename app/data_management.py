"""The beheerder's actions on the data package and on personal data, each checked by
`domain.permissions` before anything is read or written, and each that touches personal data logged."""

from __future__ import annotations

from pathlib import Path

from domain.permissions import MANAGE_DATA, MANAGE_PERSONAL, Actor, require
from nla_data.cbs_import import ImportPlan, apply_import, import_target, prepare_upload, recover_leftovers
from nla_data.cbs.errors import Progress
from nla_data.export import export_zip
from nla_data.personal import Erasure, PersonData, PersonQuery, erase_person, find_person, log_event
from nla_data.problems import Problem
from nla_data.settings import settings
from nla_data.store import EntryStore


def plan_cbs_upload(actor: Actor, name: str, data: bytes, package, year: int | None, municipality: str | None,
                    progress: Progress | None = None) -> ImportPlan:
    """Read and plan an uploaded CBS file (in a child process with a time limit); writes nothing."""
    require(actor, MANAGE_DATA)
    recover_leftovers(import_target(package.path))  # what an import killed halfway left behind
    return prepare_upload(name, data, package, year=year, municipality=municipality, progress=progress)


def apply_cbs_import(actor: Actor, plan: ImportPlan, package_dir: Path,
                     progress: Progress | None = None) -> list[Problem]:
    """Write a planned import: the embedded package is only read, its import goes to the data directory."""
    require(actor, MANAGE_DATA)
    problems = apply_import(plan, import_target(package_dir), progress=progress)
    if not problems:
        log_event(settings().audit_log, "cbs-import", actor.username or "?", {"jaar": plan.year})
    return problems


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
