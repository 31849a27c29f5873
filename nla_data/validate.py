"""Validate a data package: the schema checks of Frictionless, then what a schema cannot say.

A package is untrusted input, so the order matters: first the descriptor's shape (JSON Schema,
in Dutch and English), then the place, kind and size of every file (`nla_data.schema.path_problem`), and only
then does anything open a data file. Every problem names the resource, the row (line in the file,
header = 1) and the field. Validation only reads; it never writes, and it never raises.
"""

from __future__ import annotations

import codecs
import copy
from pathlib import Path

import jsonschema
import pandas as pd

from nla_data import validate_facts
from nla_data.cbs.columns import declaration_problems
from nla_data.geojson import geojson_problems
from nla_data.problems import Problem, Said, counted, from_frictionless, quote, said, shorten
from nla_data.schema import (DESCRIPTOR, PackageFileError, path_problem, read_descriptor, read_table,
                             resource_descriptor, resource_file)


def validate_package(package_dir: Path) -> list[Problem]:
    """Every problem of the package in `package_dir`; [] when it is valid. Never raises."""
    try:
        return _validate(Path(package_dir))
    except Exception as error:  # noqa: BLE001 - the net under the checks below: a message, never a traceback
        cause = f"{type(error).__name__}: {shorten(error)}"
        return [Problem(DESCRIPTOR, said(f"het pakket kon niet worden gecontroleerd: {cause}",
                                         f"the package could not be checked: {cause}"))]


def _validate(package_dir: Path) -> list[Problem]:
    # First the descriptor and the place, kind and size of every file: nothing else is read before.
    try:
        descriptor = read_descriptor(package_dir)
    except PackageFileError as error:
        return [error.problem]
    problems = descriptor_problems(descriptor)
    if problems:
        return problems
    problems = [p for r in descriptor["resources"] if (p := path_problem(package_dir, r))]
    if problems:
        return problems

    problems = _schema_problems(package_dir, descriptor)
    broken = {p.resource for p in problems}
    tables = {}
    if not broken & set(TABULAR):
        tables = {name: read_table(package_dir, resource_descriptor(descriptor, name)) for name in TABULAR}
        problems += _reference_problems(tables) + validate_facts.table_problems(descriptor, tables)
    known = {"wijkgrenzen": set(tables["wijken"]["wijk_id"]) if tables else None,
             "buurtgrenzen": set(tables["buurten"]["buurtcode"]) if tables else None}
    for name, key in (("wijkgrenzen", "wijk_id"), ("buurtgrenzen", "buurtcode")):
        if name not in broken:
            path = resource_file(package_dir, resource_descriptor(descriptor, name))
            problems += geojson_problems(name, path, key, known[name])
    return problems


TABULAR = ["wijken", "buurten", "indicatoren", "cijfers", "huurgrenzen", "items", "koppelingen", "geschiedenis"]
REQUIRED_RESOURCES = TABULAR + ["wijkgrenzen", "buurtgrenzen"]

# What the app needs of a descriptor before Frictionless or pandas may look at it: the shapes that
# would otherwise raise, and nothing that makes a reader reach outside the package (a schema or
# dialect given as a path, a profile on the internet).
_TEXT = {"type": "string"}
_NAME = {"type": "string", "minLength": 1}
_KEY = {"type": ["string", "array"], "minLength": 1, "minItems": 1, "items": _NAME}
FIELD_TYPES = ["string", "number", "integer", "boolean", "object", "array", "list", "date", "time", "datetime",
               "year", "yearmonth", "duration", "geopoint", "geojson", "any"]
_LABELS = {"label_nl": _NAME, "label_en": _NAME}
_SECTIONS = {"type": "array", "minItems": 1, "items": _NAME}
# wijkperspectief.klassen: the two dimensions of a class and the classes in order (nla_data.facts).
_CLASSES = {"type": "object", "required": ["grootte", "zwaarte", "volgorde"], "properties": {
    "grootte": {"type": "object", "required": ["drempel_woningen", "waarden"], "properties": {
        "drempel_woningen": {"type": "integer", "minimum": 0}, "bron": _TEXT,
        "waarden": {"type": "array", "minItems": 2, "maxItems": 2, "items": {
            "type": "object", "required": ["waarde", "boven_drempel", *_LABELS],
            "properties": {"waarde": _NAME, "boven_drempel": {"type": "boolean"}, **_LABELS}}}}},
    "zwaarte": {"type": "object", "required": ["waarden"], "properties": {
        "bron": _TEXT, "waarden": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["waarde", *_LABELS], "properties": {"waarde": _NAME, **_LABELS}}}}},
    "volgorde": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["klasse", "grootte", "zwaarte", *_LABELS],
        "properties": {"klasse": _NAME, "grootte": _NAME, "zwaarte": _NAME, **_LABELS}}}}}
# wijkperspectief.relaties: the links between entries, from which sections to which (nla_data.facts).
_RELATIONS = {"type": "array", "minItems": 1, "items": {
    "type": "object", "required": ["relatie", "van", "naar", *_LABELS, "terug_nl", "terug_en"],
    "properties": {"relatie": _NAME, "van": _SECTIONS, "naar": _SECTIONS, **_LABELS, "terug_nl": _NAME,
                   "terug_en": _NAME}}}
# wijkperspectief.statussen: which statuses of an entry count as open, which as closed (nla_data.facts).
_STATUSES = {"type": "object", "required": ["open", "afgesloten"], "properties": {
    "open": {"type": "array", "minItems": 1, "items": _NAME},
    "afgesloten": {"type": "array", "minItems": 1, "items": _NAME}}}
# wijkperspectief.besluitcriteria: what a budget decision answers, one by one (nla_data.facts).
_CRITERIA = {"type": "object", "required": ["criteria"], "properties": {
    "bron": _TEXT, "criteria": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["criterium", *_LABELS], "properties": {"criterium": _NAME, **_LABELS}}}}}
# wijkperspectief.kansen: the kinds of a wijk's outlook (kansen, bedreigingen) and how long one may be (nla_data.facts).
_OUTLOOK = {"type": "object", "required": ["soorten", "tekst_max"], "properties": {
    "bron": _TEXT, "tekst_max": {"type": "integer", "minimum": 20, "maximum": 1000},
    "soorten": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["soort", *_LABELS, "enkelvoud_nl", "enkelvoud_en"],
        "properties": {"soort": _NAME, **_LABELS, "enkelvoud_nl": _NAME, "enkelvoud_en": _NAME}}}}}
# wijkperspectief.bronnen_en: the English name of a source the package names in Dutch (nla_data.facts.SourceNames).
_SOURCE_NAMES = {"type": "object", "propertyNames": {"minLength": 1}, "additionalProperties": _NAME}
DESCRIPTOR_SCHEMA = {
    "type": "object",
    "required": ["resources", "wijkperspectief"],
    "properties": {
        "name": _TEXT, "title": _TEXT, "version": _TEXT, "created": _TEXT, "description": _TEXT,
        "profile": {"enum": ["data-package", "tabular-data-package"]},
        "licenses": {"type": "array"}, "sources": {"type": "array"},
        "wijkperspectief": {"type": "object", "required": ["klassen", "relaties", "statussen"], "properties": {
            "klassen": _CLASSES, "relaties": _RELATIONS, "statussen": _STATUSES, "besluitcriteria": _CRITERIA,
            "kansen": _OUTLOOK,
            "gemeentenaam": _TEXT,
            "grenzen": {"enum": ["indicatief", "officieel"]}, "grenzen_toelichting": _TEXT,
            "bronnen_en": _SOURCE_NAMES,
            "gemeentecode": {"type": "string", "pattern": r"^GM\d{4}$"},
            "minimale_dekking": {"type": "number", "minimum": 0, "maximum": 1}}},
        "resources": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["name", "path"],
            "properties": {
                "name": _NAME, "path": {"type": "string", "minLength": 1}, "title": _TEXT, "format": _TEXT,
                "encoding": _TEXT, "mediatype": _TEXT, "type": _TEXT,
                "profile": {"enum": ["data-resource", "tabular-data-resource"]},
                "dialect": {"type": "object"},
                "schema": {"type": "object", "required": ["fields"], "properties": {
                    "fields": {"type": "array", "minItems": 1, "items": {
                        "type": "object", "required": ["name"], "properties": {
                            "name": _NAME, "type": {"enum": FIELD_TYPES}, "format": _TEXT,
                            "constraints": {"type": "object", "properties": {
                                "required": {"type": "boolean"}, "unique": {"type": "boolean"},
                                "enum": {"type": "array"}, "pattern": _TEXT,
                                "minLength": {"type": "integer"}, "maxLength": {"type": "integer"}}}}}},
                    "primaryKey": _KEY,
                    "missingValues": {"type": "array", "items": _TEXT},
                    "foreignKeys": {"type": "array", "items": {
                        "type": "object", "required": ["fields", "reference"], "properties": {
                            "fields": _KEY,
                            "reference": {"type": "object", "required": ["resource", "fields"], "properties": {
                                "resource": _TEXT, "fields": _KEY}}}}}}}}}},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(DESCRIPTOR_SCHEMA)
_JSON_TYPES = {"object": "een object { … }", "array": "een lijst [ … ]", "string": "tekst",
               "integer": "een geheel getal", "number": "een getal", "boolean": "true of false", "null": "null"}
_JSON_TYPES_EN = {"object": "an object { … }", "array": "a list [ … ]", "string": "text",
                  "integer": "a whole number", "number": "a number", "boolean": "true or false", "null": "null"}


def descriptor_problems(descriptor) -> list[Problem]:
    """The descriptor's shape, names and keys, and the resources the app needs, in Dutch and English."""
    errors = sorted(_VALIDATOR.iter_errors(descriptor), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            return [Problem(DESCRIPTOR, said("geen geldige pakketbeschrijving: verwacht een JSON-object met een lijst "
                                             "'resources'", "not a valid package description: expected a JSON object "
                                                            "with a list 'resources'"))]
        return [Problem(DESCRIPTOR, _schema_message(e, descriptor)) for e in errors]
    resources = descriptor["resources"]
    names = [r["name"] for r in resources]
    problems = [Problem(DESCRIPTOR, said(f"resource {quote(name)} staat er {names.count(name)} keer in",
                                         f"resource {quote(name)} appears {names.count(name)} times"))
                for name in dict.fromkeys(names) if names.count(name) > 1]
    problems += [Problem(DESCRIPTOR, said(f"resource '{name}' ontbreekt in de beschrijving",
                                          f"resource '{name}' is missing from the description"))
                 for name in REQUIRED_RESOURCES if name not in names]
    if problems:
        return problems
    by_name = {r["name"]: r for r in resources}
    for resource in resources:
        problems += _resource_problems(resource, by_name)
    return problems + validate_facts.declaration_problems(descriptor)


def _resource_problems(resource: dict, by_name: dict) -> list[Problem]:
    where = f"resource {quote(resource['name'])}"
    problems = []
    try:
        codecs.lookup(resource.get("encoding", "utf-8"))
    except LookupError:
        encoding = quote(resource["encoding"])
        problems.append(Problem(DESCRIPTOR, said(f"{where}: onbekende tekstcodering {encoding}",
                                                 f"{where}: unknown text encoding {encoding}")))
    schema = resource.get("schema")
    if schema is None:
        return problems
    names = [f["name"] for f in schema["fields"]]
    problems += [Problem(DESCRIPTOR, said(f"{where}: veld {quote(name)} staat er {names.count(name)} keer in",
                                          f"{where}: field {quote(name)} appears {names.count(name)} times"))
                 for name in dict.fromkeys(names) if names.count(name) > 1]
    problems += [Problem(DESCRIPTOR, said(f"{where}: primaryKey noemt een onbekend veld {quote(name)}",
                                          f"{where}: primaryKey names an unknown field {quote(name)}"))
                 for name in _key(schema.get("primaryKey")) if name not in names]
    for number, foreign in enumerate(schema.get("foreignKeys", []), start=1):
        own, reference = _key(foreign["fields"]), foreign["reference"]
        other = by_name.get(reference["resource"]) if reference["resource"] else resource
        target = f"{where}: foreignKeys[{number}]"
        problems += [Problem(DESCRIPTOR, said(f"{target}: onbekend veld {quote(name)}",
                                              f"{target}: unknown field {quote(name)}"))
                     for name in own if name not in names]
        if other is None or not isinstance(other.get("schema"), dict):
            named = quote(reference["resource"])
            problems.append(Problem(DESCRIPTOR, said(f"{target}: verwijst naar resource {named}, "
                                                     "die niet bestaat of geen schema heeft",
                                                     f"{target}: refers to resource {named}, "
                                                     "which does not exist or has no schema")))
            continue
        theirs = [f["name"] for f in other["schema"]["fields"]]
        theirs_named = f"{target}: resource {quote(other['name'])}"
        problems += [Problem(DESCRIPTOR, said(f"{theirs_named} heeft geen veld {quote(name)}",
                                              f"{theirs_named} has no field {quote(name)}"))
                     for name in _key(reference["fields"]) if name not in theirs]
        if len(own) != len(_key(reference["fields"])):
            mine, referred = len(own), len(_key(reference["fields"]))
            problems.append(Problem(DESCRIPTOR, said(
                f"{target}: {counted(mine, 'veld verwijst', 'velden verwijzen')} naar "
                f"{counted(referred, 'veld', 'velden')}",
                f"{target}: {counted(mine, 'field refers', 'fields refer', 'en')} to "
                f"{counted(referred, 'field', 'fields', 'en')}")))
    return problems


def _key(value) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _schema_message(error: jsonschema.ValidationError, descriptor: dict) -> Said:
    """A JSON Schema error where it is in the descriptor and what is wrong, in Dutch and English."""
    message = _message(error)
    return said(_location(error.absolute_path, descriptor) + message,
                _location(error.absolute_path, descriptor, "en") + message.english)


def _location(path, descriptor: dict, lang: str = "nl") -> str:
    """Where in the descriptor, e.g. "resource 'cijfers', schema.fields[3].type: " (lists count from 1)."""
    parts = list(path)
    head = ""
    if len(parts) >= 2 and parts[0] == "resources" and isinstance(parts[1], int):
        resource = descriptor["resources"][parts[1]]
        name = resource.get("name") if isinstance(resource, dict) else None
        number = f"{'no.' if lang == 'en' else 'nr.'} {parts[1] + 1}"
        head = f"resource {quote(name)}" if isinstance(name, str) and name else f"resource {number}"
        parts = parts[2:]
    rest = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{shorten(p, 60)}" for p in parts).lstrip(".")
    where = ", ".join(part for part in (head, rest) if part)
    return f"{where}: " if where else ""


def _message(error: jsonschema.ValidationError) -> Said:
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        wanted = [expected] if isinstance(expected, str) else expected
        return said(f"moet {' of '.join(_JSON_TYPES[w] for w in wanted)} zijn, niet {_json_type(value)}",
                    f"must be {' or '.join(_JSON_TYPES_EN[w] for w in wanted)}, not {_json_type(value, 'en')}")
    if kind == "required":
        missing = [name for name in expected if name not in value]
        names = ", ".join(quote(name) for name in missing)
        return said(f"{names} ontbreekt", f"{names} {'is' if len(missing) == 1 else 'are'} missing")
    if kind == "enum":
        choices = ", ".join(map(str, expected))
        return said(f"{quote(value)} is niet toegestaan; kies uit: {choices}",
                    f"{quote(value)} is not allowed; choose from: {choices}")
    if kind in ("minItems", "minLength"):
        return said("mag niet leeg zijn", "must not be empty")
    if kind == "pattern":
        return said(f"{quote(value)} heeft niet de goede vorm", f"{quote(value)} does not have the right form")
    return said(f"klopt niet ({kind}: {quote(value)})", f"is not correct ({kind}: {quote(value)})")


def _json_type(value, lang: str = "nl") -> str:
    names = _JSON_TYPES_EN if lang == "en" else _JSON_TYPES
    for name, kind in (("boolean", bool), ("integer", int), ("number", float), ("string", str), ("array", list),
                       ("object", dict)):
        if isinstance(value, kind):
            return names[name]
    return "null"


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
    import frictionless  # here: half a second to import, and a broken descriptor never needs it

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
            problems.append(Problem("cijfers", said(f"onbekend gebied {quote(area)} voor gebied_type {quote(kind)}",
                                                    f"unknown area {quote(area)} for gebied_type {quote(kind)}"),
                                    index + 2, "gebied_id"))

    buurt_wijk = dict(zip(t["buurten"]["buurtcode"], t["buurten"]["wijk_id"]))
    for index, code, wijk in zip(t["items"].index, t["items"]["buurtcode"], t["items"]["wijk_id"]):
        if pd.notna(code) and code in buurt_wijk and buurt_wijk[code] != wijk:
            buurt = f"buurt {quote(code)}"
            problems.append(Problem("items", said(f"{buurt} hoort niet bij wijk {quote(wijk)}",
                                                  f"{buurt} does not belong to neighbourhood {quote(wijk)}"),
                                    index + 2, "buurtcode"))

    items = t["items"].set_index("item_id", drop=False)
    for index, link in t["koppelingen"].iterrows():
        if link.van_item not in items.index or link.naar_item not in items.index:
            continue  # the foreign key already reported it
        van, naar = items.loc[link.van_item], items.loc[link.naar_item]
        if van.wijk_id != naar.wijk_id:
            first, second = f"{quote(link.van_item)} ({van.wijk_id})", f"{quote(link.naar_item)} ({naar.wijk_id})"
            problems.append(Problem("koppelingen", said(f"{first} en {second} liggen in verschillende wijken",
                                                        f"{first} and {second} are in different neighbourhoods"),
                                    index + 2, "naar_item"))
    problems += _aggregation_problems(t["indicatoren"]) + declaration_problems(t["indicatoren"])  # CBS columns
    return problems + _theme_translation_problems(t["wijken"]) + _personal_data_problems(t["items"])


def _theme_translation_problems(wijken: pd.DataFrame) -> list[Problem]:
    """The English themes, where given, are as many as the Dutch ones (in the same order: one for one)."""
    if "themas_en" not in wijken:
        return []
    problems = []
    for index, dutch, english in zip(wijken.index, wijken["themas"], wijken["themas_en"]):
        counts = [len([p for p in str(v).split(";") if p.strip()]) if pd.notna(v) else 0 for v in (dutch, english)]
        if counts[1] and counts[1] != counts[0]:
            problems.append(Problem("wijken", said(f"themas_en geeft {counts[1]} thema's, themas {counts[0]}: geef ze "
                                                   "een op een, in dezelfde volgorde",
                                                   f"themas_en gives {counts[1]} themes, themas {counts[0]}: give them "
                                                   "one for one, in the same order"), index + 2, "themas_en"))
    return problems


# What each aggregation rule needs (the foreign keys check that a named indicator exists).
_RULE_FIELDS = {"som": (), "gewogen": ("gewicht",), "verhouding": ("teller", "noemer", "factor")}


def _aggregation_problems(indicatoren: pd.DataFrame) -> list[Problem]:
    """A weighted mean needs its base; a rate its numerator, denominator and a factor above 0."""
    problems = []
    for index, row in indicatoren.iterrows():
        for name in _RULE_FIELDS.get(row["aggregatie"], ()):
            value = row.get(name)
            if pd.isna(value):
                rule = quote(row["aggregatie"])
                problems.append(Problem("indicatoren", said(f"aggregatie {rule} vraagt om {name}",
                                                            f"aggregatie {rule} requires {name}"), index + 2, name))
            elif name == "factor" and value <= 0:
                problems.append(Problem("indicatoren", said("factor moet groter zijn dan 0",
                                                            "factor must be greater than 0"), index + 2, name))
            elif name in ("teller", "noemer") and value == row["indicator"]:
                problems.append(Problem("indicatoren", said(f"{name} mag niet de indicator zelf zijn",
                                                            f"{name} must not be the indicator itself"),
                                        index + 2, name))
    return problems


def _personal_data_problems(items: pd.DataFrame) -> list[Problem]:
    """Contact details only with recorded consent (date and how); a person is never public."""
    problems = []
    column = lambda name: items[name] if name in items.columns else pd.Series(pd.NA, index=items.index)  # noqa: E731
    contact = column("contact_naam").notna() | column("contact_email").notna() | column("contact_telefoon").notna()
    unconsented = contact & (column("toestemming_op").isna() | column("toestemming_wijze").isna())
    problems += [Problem("items", said("contactgegevens zonder vastgelegde toestemming (datum en wijze)",
                                       "contact details without recorded consent (date and method)"), index + 2,
                         "toestemming_op") for index in items.index[unconsented]]
    public_person = (column("soort") == "persoon").fillna(False) & (column("zichtbaarheid") == "openbaar").fillna(False)
    problems += [Problem("items", said("een persoon is nooit openbaar zichtbaar; kies ingelogd of frontlijn",
                                       "a person is never publicly visible; choose ingelogd or frontlijn"), index + 2,
                         "zichtbaarheid") for index in items.index[public_person]]
    return problems
