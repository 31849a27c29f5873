"""Validate a data package: the schema checks of Frictionless, then what a schema cannot say.

Every problem names the resource, the row (line in the file, header = 1) and the field.
Validation only reads; it never writes.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import frictionless
import pandas as pd

from nla_data.geojson import geojson_problems
from nla_data.problems import Problem, from_frictionless
from nla_data.schema import DESCRIPTOR, read_descriptor, read_table, resource_descriptor


def validate_package(package_dir: Path) -> list[Problem]:
    package_dir = Path(package_dir)
    descriptor_path = package_dir / DESCRIPTOR
    if not descriptor_path.is_file():
        return [Problem(DESCRIPTOR, f"bestand ontbreekt in {package_dir}")]
    try:
        descriptor = read_descriptor(package_dir)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return [Problem(DESCRIPTOR, f"geen geldige JSON ({error})")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources", []), list):
        return [Problem(DESCRIPTOR, "geen geldige pakketbeschrijving: verwacht een JSON-object met een lijst 'resources'")]
    missing = [name for name in REQUIRED_RESOURCES
               if name not in {r.get("name") for r in descriptor.get("resources", [])}]
    if missing:
        return [Problem(DESCRIPTOR, f"resource '{name}' ontbreekt in de beschrijving") for name in missing]

    problems = _schema_problems(package_dir, descriptor)
    broken = {p.resource for p in problems}
    tables = {}
    if not broken & set(TABULAR):
        tables = {name: read_table(package_dir, resource_descriptor(descriptor, name)) for name in TABULAR}
        problems += _reference_problems(tables)
    known = {"wijkgrenzen": set(tables["wijken"]["wijk_id"]) if tables else None,
             "buurtgrenzen": set(tables["buurten"]["buurtcode"]) if tables else None}
    for name, key in (("wijkgrenzen", "wijk_id"), ("buurtgrenzen", "buurtcode")):
        if name not in broken:
            path = package_dir / resource_descriptor(descriptor, name)["path"]
            problems += geojson_problems(name, path, key, known[name])
    return problems


TABULAR = ["wijken", "buurten", "indicatoren", "cijfers", "huurgrenzen", "items", "koppelingen", "geschiedenis"]
REQUIRED_RESOURCES = TABULAR + ["wijkgrenzen", "buurtgrenzen"]


def _schema_problems(package_dir: Path, descriptor: dict) -> list[Problem]:
    # Columns are matched to fields by name, as the reader does, unless the package says otherwise
    # ("fieldsMatch"): by position, one missing column would shift every later one and be reported
    # as a missing last column plus a wrong value in every row. Only an in-memory copy is changed.
    descriptor = copy.deepcopy(descriptor)
    keys = {}
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if isinstance(schema, dict):
            schema.setdefault("fieldsMatch", "equal")
            key = schema.get("primaryKey") or []
            keys[resource.get("name")] = [key] if isinstance(key, str) else list(key)
    # Frictionless resolves paths relative to the working directory unless told otherwise.
    report = frictionless.validate(descriptor, type="package", basepath=str(package_dir))
    problems = []
    for task in report.tasks:
        problems += [from_frictionless(task.name, error, keys.get(task.name)) for error in task.errors]
    problems += [from_frictionless(DESCRIPTOR, error) for error in report.errors]
    # A duplicate single-field key breaks both the unique constraint and the primary key: say it once.
    return list(dict.fromkeys(problems))


def _reference_problems(t: dict[str, pd.DataFrame]) -> list[Problem]:
    """Cross-table rules that a Frictionless foreign key cannot express."""
    problems = []
    areas = {"wijk": set(t["wijken"]["wijk_id"]), "buurt": set(t["buurten"]["buurtcode"]),
             "gemeente": set(t["buurten"]["gemeentecode"])}
    cijfers = t["cijfers"]
    for index, kind, area in zip(cijfers.index, cijfers["gebied_type"], cijfers["gebied_id"]):
        if area not in areas[kind]:
            problems.append(Problem("cijfers", f"onbekend gebied '{area}' voor gebied_type '{kind}'",
                                    index + 2, "gebied_id"))

    buurt_wijk = dict(zip(t["buurten"]["buurtcode"], t["buurten"]["wijk_id"]))
    for index, code, wijk in zip(t["items"].index, t["items"]["buurtcode"], t["items"]["wijk_id"]):
        if pd.notna(code) and code in buurt_wijk and buurt_wijk[code] != wijk:
            problems.append(Problem("items", f"buurt '{code}' hoort niet bij wijk '{wijk}'", index + 2, "buurtcode"))

    items = t["items"].set_index("item_id", drop=False)
    expected = {"hoort-bij": ("nodig", "gebeurt"), "neemt-deel-aan": ("netwerk", "gebeurt")}
    for index, link in t["koppelingen"].iterrows():
        if link.van_item not in items.index or link.naar_item not in items.index:
            continue  # the foreign key already reported it
        van, naar = items.loc[link.van_item], items.loc[link.naar_item]
        if van.wijk_id != naar.wijk_id:
            problems.append(Problem("koppelingen", f"'{link.van_item}' ({van.wijk_id}) en '{link.naar_item}' "
                                    f"({naar.wijk_id}) liggen in verschillende wijken", index + 2, "naar_item"))
        if (van.sectie, naar.sectie) != expected[link.relatie]:
            want = " → ".join(expected[link.relatie])
            problems.append(Problem("koppelingen", f"relatie '{link.relatie}' hoort tussen secties {want}, niet "
                                    f"{van.sectie} → {naar.sectie}", index + 2, "relatie"))
    return problems
