"""Check that the facts a package declares about its city agree with its tables (called by nla_data.validate).

The JSON Schema in `nla_data.validate` has checked their shape; here: names that must be unique, the
enums of `wijken.grootte`, `wijken.zwaarte`, `koppelingen.relatie` and `items.status` that must list
exactly the declared values (each status open or closed, not both), the sections a relation names, the
kind `persoon` that the rules for personal data name, every wijk in a declared class, every link in the
direction its relation declares.
"""

from __future__ import annotations

import pandas as pd

from nla_data.facts import PERSON, ClassScheme, Relations, read_classes, read_relations
from nla_data.problems import Problem, quote, said
from nla_data.schema import DESCRIPTOR

CLASSES = "wijkperspectief.klassen"
RELATIONS = "wijkperspectief.relaties"
STATUSES = "wijkperspectief.statussen"


def declaration_problems(descriptor: dict) -> list[Problem]:
    """The declared classes, relations and statuses against themselves and the schemas of the tables."""
    extra = descriptor["wijkperspectief"]
    by_name = {r["name"]: r for r in descriptor["resources"]}
    return (_class_problems(extra["klassen"], by_name) + _relation_problems(extra["relaties"], by_name)
            + _status_problems(extra["statussen"], by_name) + _kind_problems(by_name))


def _class_problems(declared: dict, by_name: dict) -> list[Problem]:
    problems = []
    size, weight = declared["grootte"], declared["zwaarte"]
    if sorted(v["boven_drempel"] for v in size["waarden"]) != [False, True]:
        problems.append(_problem(f"{CLASSES}.grootte.waarden: precies één waarde ligt boven de drempel "
                                 "(boven_drempel true), de andere niet",
                                 f"{CLASSES}.grootte.waarden: exactly one value lies above the threshold "
                                 "(boven_drempel true), the other does not"))
    values = {}
    for name, dimension in (("grootte", size), ("zwaarte", weight)):
        values[name] = [v["waarde"] for v in dimension["waarden"]]
        problems += [_problem(f"{CLASSES}.{name}: waarde {quote(v)} staat er meer dan één keer in",
                              f"{CLASSES}.{name}: value {quote(v)} appears more than once")
                     for v in _repeated(values[name])]
        problems += _enum_problems("wijken", name, values[name], f"{CLASSES}.{name}", by_name)
    order = declared["volgorde"]
    problems += [_problem(f"{CLASSES}.volgorde: klasse {quote(k)} staat er meer dan één keer in",
                          f"{CLASSES}.volgorde: class {quote(k)} appears more than once")
                 for k in _repeated([c["klasse"] for c in order])]
    problems += [_problem(f"{CLASSES}.volgorde: de combinatie {quote(g)} en {quote(z)} staat er meer dan één keer in",
                          f"{CLASSES}.volgorde: the combination {quote(g)} and {quote(z)} appears more than once")
                 for g, z in _repeated([(c["grootte"], c["zwaarte"]) for c in order])]
    for number, declared_class in enumerate(order, start=1):
        for name in ("grootte", "zwaarte"):
            if declared_class[name] not in values[name]:
                named = f"{CLASSES}.volgorde[{number}]: {name} {quote(declared_class[name])}"
                choices = ", ".join(values[name])
                problems.append(_problem(f"{named} is niet gedeclareerd; kies uit: {choices}",
                                         f"{named} is not declared; choose from: {choices}"))
    return problems


def _relation_problems(declared: list, by_name: dict) -> list[Problem]:
    names = [r["relatie"] for r in declared]
    problems = [_problem(f"{RELATIONS}: relatie {quote(n)} staat er meer dan één keer in",
                         f"{RELATIONS}: relation {quote(n)} appears more than once") for n in _repeated(names)]
    problems += _enum_problems("koppelingen", "relatie", names, RELATIONS, by_name)
    sections = _enum("items", "sectie", by_name)
    for number, relation in enumerate(declared, start=1):
        for side in ("van", "naar"):
            problems += [_problem(f"{RELATIONS}[{number}].{side}: onbekende sectie {quote(s)}; kies uit: "
                                  f"{', '.join(map(str, sections))}",
                                  f"{RELATIONS}[{number}].{side}: unknown section {quote(s)}; choose from: "
                                  f"{', '.join(map(str, sections))}")
                         for s in relation[side] if sections is not None and s not in sections]
    owners = [s for relation in declared for s in dict.fromkeys(relation["van"])]
    problems += [_problem(f"{RELATIONS}: sectie {quote(s)} staat bij meer dan één relatie onder 'van'; een item "
                          "koppelt met één soort relatie",
                          f"{RELATIONS}: section {quote(s)} is under 'van' in more than one relation; an entry "
                          "links with one kind of relation") for s in _repeated(owners)]
    return problems


def _status_problems(declared: dict, by_name: dict) -> list[Problem]:
    listed = [*declared["open"], *declared["afgesloten"]]
    problems = [_problem(f"{STATUSES}: status {quote(s)} staat er meer dan één keer in; een status is open of "
                         "afgesloten",
                         f"{STATUSES}: status {quote(s)} appears more than once; a status is open or "
                         "afgesloten") for s in _repeated(listed)]
    return problems + _enum_problems("items", "status", list(dict.fromkeys(listed)), STATUSES, by_name)


def _kind_problems(by_name: dict) -> list[Problem]:
    kinds = _enum("items", "soort", by_name)
    if kinds is None or PERSON in kinds:
        return []
    return [_problem(f"resource 'items', veld 'soort': de enum moet {quote(PERSON)} noemen; voor die soort gelden "
                     "de regels voor persoonsgegevens (nooit openbaar)",
                     f"resource 'items', field 'soort': the enum must name {quote(PERSON)}; the rules for personal "
                     "data apply to that kind (never public)")]


def _enum(resource: str, field: str, by_name: dict) -> list | None:
    schema = by_name.get(resource, {}).get("schema") or {}
    found = next((f for f in schema.get("fields", []) if f["name"] == field), None)
    return None if found is None else found.get("constraints", {}).get("enum")


def _enum_problems(resource: str, field: str, values: list, where: str, by_name: dict) -> list[Problem]:
    enum = _enum(resource, field, by_name)
    if enum is not None and sorted(map(str, enum)) == sorted(values):
        return []
    return [_problem(f"resource {quote(resource)}, veld {quote(field)}: de enum moet precies de waarden van "
                     f"{where} noemen ({', '.join(values)})",
                     f"resource {quote(resource)}, field {quote(field)}: the enum must name exactly the values of "
                     f"{where} ({', '.join(values)})")]


def _repeated(values: list) -> list:
    return [v for v in dict.fromkeys(values) if values.count(v) > 1]


def _problem(dutch: str, english: str) -> Problem:
    return Problem(DESCRIPTOR, said(dutch, english))


# --- the tables ---------------------------------------------------------------------------------

def table_problems(descriptor: dict, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every wijk in a declared class; every link between the sections its relation declares."""
    extra = descriptor["wijkperspectief"]
    return (_wijk_class_problems(tables["wijken"], read_classes(extra["klassen"]))
            + _link_problems(tables["koppelingen"], tables["items"], read_relations(extra["relaties"])))


def _wijk_class_problems(wijken: pd.DataFrame, classes: ClassScheme) -> list[Problem]:
    return [Problem("wijken", said(f"geen klasse voor grootte {quote(g)} en zwaarte {quote(z)}; de klassen staan in "
                                   f"{CLASSES}.volgorde",
                                   f"no class for grootte {quote(g)} and zwaarte {quote(z)}; the classes are in "
                                   f"{CLASSES}.volgorde"), index + 2, "zwaarte")
            for index, g, z in zip(wijken.index, wijken["grootte"], wijken["zwaarte"]) if classes.of(g, z) is None]


def _link_problems(koppelingen: pd.DataFrame, items: pd.DataFrame, relations: Relations) -> list[Problem]:
    sections = dict(zip(items["item_id"], items["sectie"]))
    problems = []
    for index, van, naar, name in zip(koppelingen.index, koppelingen["van_item"], koppelingen["naar_item"],
                                      koppelingen["relatie"]):
        relation = relations.get(name)
        if relation is None or van not in sections or naar not in sections:
            continue  # the enum or the foreign key already reported it
        if sections[van] not in relation.sources or sections[naar] not in relation.targets:
            want = f"{'/'.join(relation.sources)} → {'/'.join(relation.targets)}"
            found = f"{sections[van]} → {sections[naar]}"
            problems.append(Problem("koppelingen", said(f"relatie {quote(name)} hoort tussen secties {want}, "
                                                        f"niet {found}",
                                                        f"relation {quote(name)} belongs between sections {want}, "
                                                        f"not {found}"), index + 2, "relatie"))
    return problems
